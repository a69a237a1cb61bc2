"""`c2c build` as WMCA staff and CI run it: what it says it built, the build date (today
in the UK by default), and invalid content or a bad option refused with the old site
kept."""

import os
import subprocess
from datetime import datetime

from support.clock import LONDON
from support.project import C2C, ROOT, TINY, run_c2c
from support.tiny_site import edit, tiny_copy


def test_build_says_what_it_built_not_pelicans_article_count(tmp_path):
    out = tmp_path / "out"
    result = run_c2c("build", "--content", str(TINY), "--output", str(out), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sum(1 for _ in out.rglob("*.html"))
    assert result.stdout.splitlines()[0] == (f"Built {pages} pages into {out} as of 2026-11-23, from 2 organisations, "
                                             "1 commitment, 2 services and 0 alerts.")
    assert all(line.startswith("warning: ") for line in result.stdout.splitlines()[1:-1])
    assert "Processed" not in result.stdout + result.stderr


def test_the_build_date_defaults_to_today_in_uk_time(tmp_path):
    """The one build on the machine's clock: without --build-date or C2C_BUILD_DATE the
    site is built as of today in the UK (the suite sets C2C_BUILD_DATE for every other)."""
    env = {k: v for k, v in os.environ.items() if k != "C2C_BUILD_DATE"}
    before = datetime.now(LONDON).date()
    result = subprocess.run([*C2C, "build", "--content", str(TINY), "--output", str(tmp_path / "out")],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, env=env)
    after = datetime.now(LONDON).date()
    assert result.returncode == 0, result.stdout + result.stderr
    assert any(f" as of {day.isoformat()}, " in result.stdout.splitlines()[0] for day in {before, after}), result.stdout


def test_build_refuses_invalid_content_and_keeps_the_old_site(tmp_path):
    content = tiny_copy(tmp_path)
    out = tmp_path / "out"
    assert run_c2c("build", "--content", str(content), "--output", str(out), "--build-date", "2026-11-23").returncode == 0
    before = (out / "index.html").read_bytes()
    edit(content, "organisations/alpha-trust.yaml", "name: Alpha Health Trust", "name: Renamed Trust\nname: Twice")
    result = run_c2c("build", "--content", str(content), "--output", str(out), "--build-date", "2026-11-23")
    assert result.returncode == 1
    assert "content/organisations/alpha-trust.yaml:2:1: name: the field 'name' appears twice" in result.stdout
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".out-building-*"))


def test_build_rejects_a_bad_build_date_and_missing_folder(tmp_path):
    result = run_c2c("build", "--content", str(TINY), "--output", str(tmp_path / "o"), "--build-date", "23/11/2026")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    result = run_c2c("validate", "--content", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no content folder" in result.stderr
