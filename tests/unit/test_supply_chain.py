"""What reaches the machines that build and publish the site: every Python package from
a lock with hashes, installed with `--require-hashes`; and code paths owned by
maintainers in CODEOWNERS, so a code change is never reviewed as a submission.
(The workflows' pins are checked in test_workflows.py; zizmor, and every file git
tracks, in tests/build/.)"""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from support.codeowners import MAINTAINERS, owners_of
from support.project import ROOT

LOCK = ROOT / "requirements.lock"


def locked() -> dict[str, tuple[str, list[str]]]:
    """{package: (version, [sha256 hashes])} from requirements.lock."""
    entries: dict[str, tuple[str, list[str]]] = {}
    text = re.sub(r"\\\n\s*", " ", LOCK.read_text("utf-8"))  # join continued lines
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        spec, *options = line.split(" --")
        assert "==" in spec, f"{spec!r} is not pinned to one version"
        name, version = spec.split("==")
        hashes = [o.strip().removeprefix("hash=sha256:") for o in options if o.startswith("hash=sha256:")]
        assert hashes and all(re.fullmatch(r"[0-9a-f]{64}", h) for h in hashes), f"{name} has no sha256 hash"
        entries[canonicalize_name(name)] = (version.strip(), hashes)
    return entries


def test_every_locked_package_is_pinned_with_its_hashes():
    entries = locked()
    assert len(entries) > 50  # the whole tree, not only what pyproject names


def test_every_dependency_is_in_the_lock_at_a_version_it_allows():
    """A dependency added to pyproject.toml (or requirements.in) without `make lock`
    would not be installed at all under --require-hashes: caught here first."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in ("test", "bench") for r in project["optional-dependencies"][extra])]
    wanted += [line.split("#")[0].strip() for line in (ROOT / "requirements.in").read_text("utf-8").splitlines()
               if line.split("#")[0].strip()]
    entries = locked()
    for text in wanted:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in entries, f"{requirement.name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(entries[name][0], prereleases=True), (
            f"requirements.lock has {requirement.name} {entries[name][0]}, but {text!r} is asked for: run `make lock`")


def test_installs_check_the_hashes_and_fetch_nothing_unpinned():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock" in makefile
    # The project itself: no dependencies of its own, and no isolated build environment
    # (which would fetch setuptools unpinned); the lock has the build backend.
    assert "--no-deps --no-build-isolation -e ." in makefile
    assert "setuptools" in locked()
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for line in re.findall(r"pip install .*", workflow.read_text("utf-8")):
            assert "--require-hashes" in line or "--no-deps" in line, f"{workflow.name}: {line}"


# -- CODEOWNERS ------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "plugins/c2c_cli/validate.py", "theme/templates/base.html", "schemas/common.schema.json", "Makefile",
    ".github/workflows/publish.yml", ".github/CODEOWNERS", ".ci/run", "pyproject.toml", "requirements.lock",
    "requirements.in", "package-lock.json", "package.json", "pelicanconf.py", "publishconf.py",
    "tests/conftest.py", "benchmarks/run.py",
    "sitecustomize.py", "new-folder/script.sh",  # new files anywhere outside content/ too
])
def test_code_paths_need_a_maintainer(path):
    assert owners_of(path) == [MAINTAINERS], path
