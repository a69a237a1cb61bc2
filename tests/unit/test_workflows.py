"""The GitHub workflows as YAML: one for pull requests and one for publishing, each
least-privilege and pinned by commit. The linters (actionlint, zizmor) run in
tests/build/test_workflow_linters.py; `c2c pr-summary` in tests/build/test_pr_summary.py."""

from __future__ import annotations

import pytest
import yaml

from support.workflows import WORKFLOWS, check_least_privilege_and_pinned


def test_there_are_workflows_for_pull_requests_and_publishing():
    triggers = {path.name: yaml.safe_load(path.read_text())[True] for path in WORKFLOWS}  # `on:` reads as True
    assert any("pull_request" in t for t in triggers.values())
    assert any("schedule" in t and "push" in t for t in triggers.values())


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege_and_pinned(workflow):
    check_least_privilege_and_pinned(workflow)
