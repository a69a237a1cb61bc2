"""The project's GitHub workflows, the linters that check them, and the one rule both
the YAML test and the "can it fail" test apply: least privilege, actions pinned by commit."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

from support.project import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
# actionlint and zizmor come as wheels into the environment running the tests.
ACTIONLINT = Path(sys.executable).with_name("actionlint")
ZIZMOR = Path(sys.executable).with_name("zizmor")


def check_least_privilege_and_pinned(workflow: Path) -> None:
    """Fails (AssertionError) on a workflow that asks for more than it needs or uses an
    action by a tag, which can be moved to other code; a commit cannot."""
    text = workflow.read_text("utf-8")
    data = yaml.safe_load(text)
    assert "pull_request_target" not in data[True]  # `on:` reads as True
    assert data["permissions"] == {"contents": "read"}, "the default token is read-only; jobs ask for more"
    for job in data["jobs"].values():
        for permission, level in (job.get("permissions") or {}).items():
            assert level in ("read", "write") and permission in ("contents", "pages", "id-token", "issues")
    for line in re.findall(r"uses:.*", text):
        # The comment says which release the commit is.
        assert re.fullmatch(r"uses: [\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}  # v\d+\.\d+\.\d+", line), \
            f"{line!r} is not pinned to a full commit SHA with its version in a comment (# vX.Y.Z)"
