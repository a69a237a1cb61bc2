"""Every file git tracks outside content/ has the maintainers as its code owners, and
content has none (staff review submissions), as GitHub reads .github/CODEOWNERS."""

from __future__ import annotations

import subprocess

from support.codeowners import MAINTAINERS, owners_of
from support.project import ROOT


def test_every_tracked_file_outside_content_has_a_maintainer_and_content_has_none():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert files
    for path in files:
        if path.startswith("content/"):
            assert owners_of(path) == [], path  # submissions: staff review them, no code owner
        else:
            assert owners_of(path) == [MAINTAINERS], path
