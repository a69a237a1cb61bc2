"""Builds are deterministic (same content and build date give byte-identical output, even
from another folder, time zone, locale and hash seed) and atomic (a build that fails, for
bad content, a broken settings file, a template that breaks half-way, or a killed
process, leaves the previous output exactly as it was)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from support.clock import BUILD_DATE
from support.project import C2C, ROOT, TINY
from support.tiny_site import edit, tiny_copy


def build(content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py", env: dict | None = None,
          build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*C2C, "build", "--content", str(content), "--output", str(output), "--build-date", build_date,
         "--settings", str(settings)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )


def tree(folder: Path) -> dict[str, str]:
    """Every file under folder -> sha256 of its bytes (symlinks and empty folders count too)."""
    result = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            result[rel] = "symlink -> " + os.readlink(path)
        elif path.is_file():
            result[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir() and not any(path.iterdir()):
            result[rel + "/"] = "empty folder"
    return result


def test_same_content_and_date_give_byte_identical_output(site, tmp_path):
    """The session's sample build against a second build made elsewhere, under another
    time zone, locale and hash seed."""
    again = tmp_path / "elsewhere" / "site-two"
    result = build(ROOT / "content", again, env={"TZ": "Pacific/Auckland", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
                                                 "PYTHONHASHSEED": "12345", "SOURCE_DATE_EPOCH": "0"})
    assert result.returncode == 0, result.stdout + result.stderr
    first, second = tree(site), tree(again)
    assert sorted(first) == sorted(second), (
        f"different files: only in one {sorted(set(first) - set(second))[:10]}, "
        f"only in two {sorted(set(second) - set(first))[:10]}")
    differing = [name for name in first if first[name] != second[name]]
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:10]}"
    assert len(first) > 100
    for text_file in ("index.html", "sitemap.xml"):
        assert str(site) not in (site / text_file).read_text("utf-8"), f"{text_file} names the build folder"


def test_a_different_build_date_changes_the_dated_output(tmp_path):
    """The build date really is the only clock: a later date changes 'data as of'."""
    out = tmp_path / "later"
    assert build(TINY, out, build_date="2027-01-05").returncode == 0
    assert "5 January 2027" in (out / "index.html").read_text("utf-8")


@pytest.fixture
def built(tiny_site, tmp_path):
    """A valid tiny site in tmp_path/output (a copy of one real build), its content, and
    the fingerprint of that output."""
    content = tiny_copy(tmp_path)
    output = tmp_path / "output"
    shutil.copytree(tiny_site, output)
    (output / "marker-from-the-old-build.txt").write_text("old")  # the old output, exactly
    return content, output, tree(output)


def _no_staging_left(tmp_path: Path) -> None:
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output-")]
    assert not leftovers, f"temporary build folders left behind: {leftovers}"


def test_invalid_content_leaves_the_old_output(built, tmp_path):
    content, output, before = built
    edit(content, "organisations/alpha-trust.yaml", "sector: health", "sector: helth")
    result = build(content, output)
    assert result.returncode == 1
    assert "content/organisations/alpha-trust.yaml:2:9: sector:" in result.stdout
    assert tree(output) == before
    _no_staging_left(tmp_path)


def test_a_broken_settings_file_leaves_the_old_output(built, tmp_path):
    content, output, before = built
    settings = tmp_path / "broken-settings.py"
    settings.write_text("from pelicanconf import *\nTHIS IS NOT PYTHON\n")
    result = build(content, output, settings=settings)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "left as it was" in result.stderr
    assert tree(output) == before
    _no_staging_left(tmp_path)


def test_a_missing_settings_file_is_an_error_not_pelicans_defaults(built, tmp_path):
    """Pelican's own defaults would build the folder without the registry's checks."""
    content, output, before = built
    result = build(content, output, settings=tmp_path / "no-such-settings.py")
    assert result.returncode == 2 and "no settings file" in result.stderr
    assert tree(output) == before


def _settings_with_theme(tmp_path: Path, theme: Path) -> Path:
    settings = tmp_path / "settings.py"
    settings.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from pelicanconf import *  # noqa\n"
        f"THEME = {str(theme)!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
    )
    return settings


def test_a_template_that_fails_half_way_leaves_the_old_output(built, tmp_path):
    """The term pages are written after the home, organisation and pledge pages: a
    template error there fails a build that has already written many files."""
    content, output, before = built
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    term = theme / "templates" / "term.html"
    term.write_text(term.read_text("utf-8").replace("{% block content %}", "{% block content %}{{ no_such_function() }}", 1))
    result = build(content, output, settings=_settings_with_theme(tmp_path, theme))
    assert result.returncode == 1, result.stdout + result.stderr
    assert tree(output) == before
    _no_staging_left(tmp_path)


def test_a_missing_template_folder_leaves_the_old_output(built, tmp_path):
    content, output, before = built
    result = build(content, output, settings=_settings_with_theme(tmp_path, tmp_path / "no-such-theme"))
    assert result.returncode == 1, result.stdout + result.stderr
    assert tree(output) == before


def test_a_killed_build_leaves_the_old_output(built, tmp_path):
    """Kill the build while it writes into its temporary folder: the old site stays, and
    the next build succeeds."""
    content, output, before = built
    for i in range(40):  # enough services that the build takes a moment
        (content / "services" / f"extra-{i}.yaml").write_text(
            (TINY / "services" / "helpline.yaml").read_text("utf-8").replace("Test Helpline", f"Extra line {i}"))
    process = subprocess.Popen(
        [*C2C, "build", "--content", str(content), "--output", str(output), "--build-date", BUILD_DATE],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    staging = []
    while time.monotonic() < deadline and process.poll() is None:
        staging = [p for p in tmp_path.iterdir() if p.name.startswith(".output-building") and any(p.rglob("*.html"))]
        if staging:
            break
        time.sleep(0.01)
    if process.poll() is not None:
        pytest.fail("the build finished before it could be interrupted; make the site bigger")
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(10)
    assert staging, "the build never wrote into a temporary folder"
    assert tree(output) == before, "the killed build changed the published output"
    result = build(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (output / "directory" / "extra-39" / "index.html").is_file() or (output / "index.html").is_file()
    assert not (output / "marker-from-the-old-build.txt").exists(), "a successful build replaces the whole folder"


def test_files_a_killed_build_left_in_the_staging_folder_are_never_published(tmp_path):
    """A publish marks the staging folder emptied, so the next build need not search its
    thousands of folders; a build that starts takes the mark away, so whatever it leaves
    when killed is swept out by the build after it."""
    from c2c_cli.publish import publish, staging_folder

    output = tmp_path / "site"
    output.mkdir()
    (output / "index.html").write_text("first")

    def build(*files: str) -> None:  # what `c2c build` does, with a few files for pages
        staging = staging_folder(output)
        for name in files:
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_text(name)
        publish(staging, output)

    build("index.html", "services/a/index.html")  # published, and the staging folder marked emptied
    killed = staging_folder(output)  # a build starts...
    (killed / "services" / "b").mkdir(parents=True)
    (killed / "services" / "b" / "index.html").write_text("half-built")  # ...and is killed here
    build("index.html", "services/c/index.html")
    assert tree(output) == {"index.html": hashlib.sha256(b"index.html").hexdigest(),
                            "services/c/index.html": hashlib.sha256(b"services/c/index.html").hexdigest()}
