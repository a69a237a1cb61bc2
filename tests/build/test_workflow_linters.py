"""The linters on the GitHub workflows: actionlint passes on each, zizmor (offline) finds
nothing, both checks can fail on a workflow using an action by tag, and `make lint` runs
zizmor."""

from __future__ import annotations

import subprocess

import pytest

from support.project import ROOT
from support.workflows import ACTIONLINT, WORKFLOWS, ZIZMOR, check_least_privilege_and_pinned


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow):
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


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
        check_least_privilege_and_pinned(bad / "bad.yml")


def test_make_lint_runs_zizmor_on_the_workflows():
    dry = subprocess.run(["make", "-n", "lint"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert ".venv/bin/zizmor --offline --no-progress .github/workflows" in dry.stdout, dry.stdout + dry.stderr
