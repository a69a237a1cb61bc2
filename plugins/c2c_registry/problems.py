"""A problem found in a content file, and the two ways of printing it."""

from __future__ import annotations

from dataclasses import dataclass

from .rules import known_rule


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, as WMCA staff see it in the pull request
    line: int
    column: int
    field: str
    message: str
    rule: str  # a name from rules.py; anything else is refused

    def __post_init__(self) -> None:
        known_rule(self.rule)

    def plain(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message} [{self.rule}]"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the PR's diff."""
        text = f"{self.field}: {self.message}"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace(",", "%2C").replace(":", "%3A")
        return f"::error file={path},line={self.line},col={self.column},title={self.rule}::{text}"


def report(problems: list[Problem], github: bool = False) -> str:
    """Every problem, one a line, sorted by file and line, then a count."""
    lines = [p.plain() for p in sorted(problems)]
    if github:
        lines += [p.github() for p in sorted(problems)]
    files = len({p.path for p in problems})
    lines.append(
        f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in "
        f"{files} file{'s' if files != 1 else ''}. Nothing was built; fix these and run "
        "`c2c validate` again."
    )
    return "\n".join(lines)
