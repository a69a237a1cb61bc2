"""The `c2c` command as WMCA staff and CI run it: exit codes and messages."""

import os
import subprocess
import urllib.error
import urllib.request
from datetime import datetime

import pytest

from conftest import C2C, LONDON, ROOT, free_port
from helpers import TINY, edit, tiny_copy


def run(*args, env=None):
    return subprocess.run([*C2C, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GITHUB_ACTIONS": "false", **(env or {})})


def test_validate_clean_content_exits_0_and_says_what_it_read():
    result = run("validate", "--content", str(TINY))
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]  # then any content-quality warnings (tests/test_quality.py)
    assert first == f"No problems found in {TINY}: 2 organisations, 1 commitment, 2 services and 0 alerts."


def test_build_says_what_it_built_not_pelicans_article_count(tmp_path):
    out = tmp_path / "out"
    result = run("build", "--content", str(TINY), "--output", str(out), "--build-date", "2026-11-23")
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


def test_serve_answers_a_missing_address_with_the_sites_own_404_page(tiny_site):
    port = free_port()
    server = subprocess.Popen([*C2C, "serve", "--output", str(tiny_site), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/organisations/") as response:
            assert response.status == 200 and b"Alpha Health Trust" in response.read()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/")
        assert missing.value.code == 404
        body = missing.value.read().decode()
        assert "<h1 class=\"govuk-heading-xl\">Page not found</h1>" in body and "find a homelessness service" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_built_site_says_what_to_do(tmp_path):
    result = run("serve", "--output", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "run `c2c build`" in result.stderr


def test_validate_reports_every_problem_and_exits_1(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    edit(content, "services/helpline.yaml", "always_open: true", "always_open: yes please")
    result = run("validate", "--content", str(content))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/organisations/beta-housing.yaml:2:9: sector: 'housin' is not one of the known sectors")
    assert lines[1].startswith("content/services/helpline.yaml:10:14: always_open: expected true or false")
    assert lines[-1] == "2 problems in 2 files. Nothing was built; fix these and run `c2c validate` again."
    assert "::error" not in result.stdout


def test_validate_under_github_actions_adds_annotations(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    result = run("validate", "--content", str(content), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=content/organisations/beta-housing.yaml,line=2,col=9,title=vocabulary::sector: 'housin'" in result.stdout


def test_validate_can_report_only_named_files(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    edit(content, "services/helpline.yaml", "always_open: true", "always_open: 3")
    result = run("validate", "--content", str(content), str(content / "services/helpline.yaml"))
    assert result.returncode == 1 and "helpline.yaml" in result.stdout and "beta-housing" not in result.stdout


def test_build_refuses_invalid_content_and_keeps_the_old_site(tmp_path):
    content = tiny_copy(tmp_path)
    out = tmp_path / "out"
    assert run("build", "--content", str(content), "--output", str(out), "--build-date", "2026-11-23").returncode == 0
    before = (out / "index.html").read_bytes()
    edit(content, "organisations/alpha-trust.yaml", "name: Alpha Health Trust", "name: Renamed Trust\nname: Twice")
    result = run("build", "--content", str(content), "--output", str(out), "--build-date", "2026-11-23")
    assert result.returncode == 1
    assert "content/organisations/alpha-trust.yaml:2:1: name: the field 'name' appears twice" in result.stdout
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".out-building-*"))


def test_build_rejects_a_bad_build_date_and_missing_folder(tmp_path):
    result = run("build", "--content", str(TINY), "--output", str(tmp_path / "o"), "--build-date", "23/11/2026")
    assert result.returncode == 2 and "YYYY-MM-DD" in result.stderr
    result = run("validate", "--content", str(tmp_path / "nope"))
    assert result.returncode == 2 and "no content folder" in result.stderr


def test_a_date_written_day_first_is_one_clear_problem_naming_its_rule(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "pledges/alpha-trust-2021.md", "held: 2021-05-12", "held: 15/09/2026")
    result = run("validate", "--content", str(content), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/pledges/alpha-trust-2021.md:4:7: held: '15/09/2026' is not a date written YYYY-MM-DD, "
        "e.g. 2026-09-15 [bad-format]",
        "::error file=content/pledges/alpha-trust-2021.md,line=4,col=7,title=bad-format::held: '15/09/2026' "
        "is not a date written YYYY-MM-DD, e.g. 2026-09-15",
        "1 problem in 1 file. Nothing was built; fix these and run `c2c validate` again.",
    ]


def test_validate_exits_2_without_a_traceback_when_the_checker_itself_fails(tmp_path, monkeypatch):
    """The last resort, outside any file: a failure the checker cannot pin on a file is
    still one plain sentence and exit 2, never a traceback. Forced (nothing real fails
    there): the real command runs in a forked child with load_registry replaced."""
    from c2c_cli import validate

    from corpus import run_cli

    def broken(content):
        raise RuntimeError("a bug")

    monkeypatch.setattr(validate, "load_registry", broken)
    result = run_cli(["validate", "--content", str(TINY)], 30)
    assert result.returncode == 2
    assert result.output == "c2c: the checker itself failed; this is a fault in c2c, not in your content: please report it\n"


def test_exit_codes_say_valid_invalid_or_checker_failed(tmp_path):
    assert run("validate", "--content", str(TINY)).returncode == 0
    content = tiny_copy(tmp_path)
    (content / "organisations" / "linked.yaml").symlink_to(content / "organisations" / "alpha-trust.yaml")
    result = run("validate", "--content", str(content))
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "content/organisations/linked.yaml:1:1: (file name): this is a symbolic link, not a file; put the file "
        "itself here (links are not followed, so nothing outside content/ is read) [special-file]")
    assert run("validate", "--content", str(tmp_path / "missing")).returncode == 2
