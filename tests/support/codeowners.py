"""Who CODEOWNERS names for a path, read as GitHub reads it."""

from __future__ import annotations

import pathspec

from support.project import ROOT

MAINTAINERS = "@wmca/c2c-maintainers"


def owners_of(path: str) -> list[str]:
    """Who CODEOWNERS names for `path`: the owners on the last line whose pattern matches
    (GitHub's rule; the patterns are gitignore's)."""
    owners: list[str] = []
    for line in (ROOT / ".github" / "CODEOWNERS").read_text("utf-8").splitlines():
        words = line.split("#")[0].split()
        if not words:
            continue
        pattern, *names = words
        if pathspec.PathSpec.from_lines("gitignore", [pattern]).match_file(path):
            owners = names
    return owners
