"""`c2c` installed from a wheel, run away from any checkout: the schemas and vocabularies
come with it as package data (c2c_schemas), never from a folder beside the code."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from support.project import ROOT
from support.tiny_site import edit, tiny_copy

PROJECT_FILES = ("pyproject.toml", "setup.py", "README.md")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The project built as a wheel from a copy of its files and installed, not
    editable, into a folder of its own (its dependencies are this environment's)."""
    work = tmp_path_factory.mktemp("install")
    source = work / "source"
    source.mkdir()
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, source / name)
    for folder in ("plugins", "schemas"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work / "dist"),
                    str(source)], check=True, cwd=work, timeout=300)
    (wheel,) = (work / "dist").glob("c2c_registry-*.whl")
    target = work / "site-packages"
    subprocess.run([*pip, "install", "--no-deps", "--no-compile", "--target", str(target), str(wheel)],
                   check=True, cwd=work, timeout=300)
    return target


def isolated(installed: Path) -> dict[str, str]:
    """An environment that sees the installed folder and this environment's libraries, but
    not the checkout: with `python -S` the editable install's import hook (a .pth file)
    is never loaded, so nothing can fall back to the checkout's plugins/ or schemas/."""
    libraries = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed), *sorted(libraries)]),
            "GITHUB_ACTIONS": "false"}


def run_installed(installed: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    """The installed `c2c` script, run by this interpreter without the checkout."""
    return subprocess.run([sys.executable, "-S", str(installed / "bin" / "c2c"), *args], cwd=cwd,
                          env=isolated(installed), capture_output=True, text=True, timeout=120)


def test_the_installed_code_and_schemas_are_the_wheels_own(installed, tmp_path):
    where = subprocess.run(
        [sys.executable, "-S", "-c", "import c2c_cli, c2c_registry; from c2c_registry.package_data import schema_dir; "
         "print(c2c_cli.__file__); print(c2c_registry.__file__); print(schema_dir())"],
        cwd=tmp_path, env=isolated(installed), capture_output=True, text=True, check=True, timeout=60).stdout.split()
    assert [Path(p).is_relative_to(installed) for p in where] == [True, True, True], where
    schemas = Path(where[2])
    assert (schemas / "search-synonyms.yaml").is_file()
    assert sorted(p.name for p in (schemas / "vocabularies").glob("*.yaml")) == sorted(
        p.name for p in (ROOT / "schemas" / "vocabularies").glob("*.yaml"))


def test_installed_c2c_validates_content_from_outside_the_checkout(installed, tmp_path):
    tiny_copy(tmp_path)
    result = run_installed(installed, ["validate", "--content", "content"], cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[0] == (
        "No problems found in content: 2 organisations, 1 commitment, 2 services and 0 alerts.")


def test_installed_c2c_refuses_invalid_content_naming_the_vocabulary(installed, tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    result = run_installed(installed, ["validate", "--content", "content"], cwd=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/organisations/beta-housing.yaml:2:9: sector: 'housin' is not one of the "
                               "known sectors; did you mean 'housing'? Known values: criminal-justice, education,")
    assert lines[-1] == "1 problem in 1 file. Nothing was built; fix these and run `c2c validate` again."
