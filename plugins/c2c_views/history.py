"""When each content file last changed, from git: one `git log` per build, in its own
step of the views stage (`registry_history`), before the views are built from it.

A file's date is the committer date of the newest commit that touched it. Outside a
git checkout, with no git, or for a file whose newest commit in a shallow clone is the
clone's cut-off (its real date is unknown), there is no date: pages then say nothing
rather than something wrong. Same commits => same dates, so builds stay reproducible.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote

from c2c_registry.model import Registry

GIT_TIMEOUT = 60


@dataclass(frozen=True)
class Change:
    """A content file's last change: its date (None when unknown) and its history page."""

    date: date | None
    history_url: str


def _git(repo: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                              timeout=GIT_TIMEOUT, encoding="utf-8")
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_changes(content_dir: Path) -> dict[Path, date]:
    """Absolute path of each committed file under `content_dir` -> its last change date."""
    top = _git(content_dir, "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.strip())
    cutoffs = set(_shallow(root))
    log = _git(root, "log", "--no-renames", "--format=%x00%H %cs", "--name-only", "--", str(content_dir.resolve()))
    if log is None:
        return {}
    found: dict[Path, date] = {}
    unknown: set[Path] = set()
    for entry in log.split("\x00")[1:]:
        head, *names = entry.strip("\n").split("\n")
        commit, day = head.split(" ")
        for name in filter(None, names):
            path = root / name
            if path in found or path in unknown:
                continue
            if commit in cutoffs:
                unknown.add(path)
            else:
                found[path] = date.fromisoformat(day)
    return found


def _shallow(root: Path) -> list[str]:
    """The commits a shallow clone was cut at (empty for a full clone)."""
    path = _git(root, "rev-parse", "--git-path", "shallow")
    if not path:
        return []
    shallow = Path(path.strip())
    shallow = shallow if shallow.is_absolute() else root / shallow
    return shallow.read_text().split() if shallow.is_file() else []


def history_url(repository_url: str, repo_path: str) -> str:
    """The file's history on the repository (GitHub's /commits/HEAD/<path>), or ''."""
    if not repository_url:
        return ""
    return f"{repository_url.rstrip('/')}/commits/HEAD/{quote(repo_path)}"


def changes(content_dir: Path, sources: list[str], repository_url: str) -> dict[str, Change]:
    """Each record's `source` (relative to the content folder's parent) -> its Change."""
    dates = last_changes(content_dir)
    top = _git(content_dir, "rev-parse", "--show-toplevel")
    root = Path(top.strip()) if top else None
    base = content_dir.resolve().parent
    out = {}
    for source in sources:
        path = (base / source).resolve()
        in_repo = root is not None and path.is_relative_to(root)
        repo_path = path.relative_to(root).as_posix() if in_repo and root else ""
        out[source] = Change(dates.get(path), history_url(repository_url, repo_path) if repo_path else "")
    return out


def registry_history(registry: Registry, content_dir: Path, repository_url: str) -> dict[str, Change]:
    """The history step: every organisation's, commitment's and service's file -> its Change."""
    sources = [r.source for records in (registry.organisations, registry.commitments, registry.services)
               for r in records.values()]
    return changes(content_dir, sources, repository_url)
