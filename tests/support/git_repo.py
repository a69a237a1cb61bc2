"""Run git in a throwaway repository as a known person on a day the test chooses, never
the machine's clock or the user's git configuration."""

from __future__ import annotations

import subprocess
from pathlib import Path


def git(repo: Path, *args: str, day: str = "2026-01-01") -> None:
    """`git -C repo ARGS`, committing (if it commits) at noon UTC on `day`."""
    stamp = f"{day}T12:00:00+00:00"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_AUTHOR_DATE": stamp,
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_COMMITTER_DATE": stamp}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)
