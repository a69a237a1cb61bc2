"""The GitHub workflows and the pull-request summary: actionlint passes on every
workflow; each is least-privilege and pinned; `c2c pr-summary` says what changed."""

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
    for uses in re.findall(r"uses:\s*(\S+)", text):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*", uses), f"{uses} is not pinned to a version"


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
    assert changes == [("M", "content/organisations/beta-housing.yaml"), ("A", "content/pledges/alpha-trust-2026.md")]
    text = summary(content, changes, date(2026, 11, 23), 365)
    assert "- Added commitment `content/pledges/alpha-trust-2026.md`: Alpha Health Trust, roundtable held 2026-05-12: " \
           "6 pledges (Universal Prevention 1, Targeted Prevention 1, Crisis Prevention & Relief 1, Recovery 1, " \
           "Move-On Support 1, Settled Home 1); 6 actions, 4 without a lead" in text
    assert "- Changed organisation `content/organisations/beta-housing.yaml`: Beta Housing" in text
    assert "None: every file passed the checks." in text
    assert "'Jane Smith' looks like a person\\'s full name" in text or "Jane Smith" in text
    assert "stale" not in text  # the stale helpline did not change in this pull request
