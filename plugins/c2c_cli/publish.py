"""Where a build is written, and how it replaces the published site.

A build writes its files into a staging folder beside the output
(`.<output>-building`); the published folder is not touched until the build has
succeeded, so a failed build leaves it as it was. A page that did not change since the
last build is not written at all (c2c_views/writing.py): its published file is this
build's.

Publishing then changes only what changed: a file whose bytes are the same as the
published one is left alone (its date too, which rsync-style uploads and `c2c serve
--watch` go by), a changed or new file is renamed over its old one (each replacement is
atomic), and a file the new build neither wrote nor kept is removed. The first build
into a folder that does not exist yet is the staging folder renamed.

The staging folder's directories are kept between successful builds (only its files
move or go): removing thousands of directories took longer than the rest of a rebuild
on the machine measured. A publish that emptied it leaves a mark beside it, so the next
build need not look through those directories for files a killed build left. A failed
build's staging folder is removed whole.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


def staging_folder(output: Path) -> Path:
    """The staging folder of `output`, emptied of any files a killed build left."""
    staging = output.with_name(f".{output.name}-building")
    for leftover in output.parent.glob(f".{output.name}-building-*"):  # the older, one-use kind
        shutil.rmtree(leftover, ignore_errors=True)
    emptied = _emptied_mark(staging)
    was_emptied = emptied.is_file()
    emptied.unlink(missing_ok=True)  # from here on this build writes into it
    if staging.is_dir() and not staging.is_symlink():
        if not was_emptied:
            for _, path in _files(str(staging), ""):
                os.unlink(path)
    else:
        if staging.exists() or staging.is_symlink():
            staging.unlink()
        staging.mkdir(mode=0o755)
    return staging


def _emptied_mark(staging: Path) -> Path:
    """Beside the staging folder (never in it, so never published), after a publish."""
    return staging.with_name(f"{staging.name}.emptied")


def discard(staging: Path) -> None:
    """After a failed build: nothing of it is left beside the published site."""
    shutil.rmtree(staging, ignore_errors=True)
    _emptied_mark(staging).unlink(missing_ok=True)


def publish(staging: Path, output: Path, kept: set[str] | frozenset[str] = frozenset()) -> tuple[int, int]:
    """Make `output` the site in `staging`, with the files `kept` (relative names) as
    they are published; (files written, files removed)."""
    if not output.exists():
        staging.rename(output)
        return sum(len(files) for _, _, files in os.walk(output)), 0
    written = {os.path.normpath(name) for name in kept}
    changed = 0
    for relative, staged in _files(str(staging), ""):
        written.add(relative)
        target = os.path.join(output, relative)
        if _same(staged, target):
            os.unlink(staged)
            continue
        _make_room(output, os.path.dirname(relative))
        if os.path.isdir(target) and not os.path.islink(target):
            shutil.rmtree(target)  # a folder where the new site has a file
        os.replace(staged, target)
        changed += 1
    _emptied_mark(staging).touch()
    removed = _prune(str(output), "", written)[1]
    return changed, removed


def _files(folder: str, prefix: str) -> Iterator[tuple[str, str]]:
    """Every file under `folder`: (its name relative to the top, its path). Each folder
    is read whole before anything in it is given, so a file may be removed as it comes;
    read once each (os.walk's relative names cost more than the reading, at thousands of
    folders)."""
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        if entry.is_dir(follow_symlinks=False):
            yield from _files(entry.path, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry.path


def _prune(folder: str, prefix: str, keep: set[str]) -> tuple[bool, int]:
    """Remove every file under `folder` whose relative name is not in `keep`, and every
    folder that leaves empty; (whether `folder` is now empty, files removed)."""
    empty, removed = True, 0
    with os.scandir(folder) as entries:
        found = list(entries)
    for entry in found:
        name = f"{prefix}{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            now_empty, gone = _prune(entry.path, f"{name}/", keep)
            removed += gone
            if now_empty:
                os.rmdir(entry.path)
            else:
                empty = False
        elif name in keep:
            empty = False
        else:
            os.unlink(entry.path)
            removed += 1
    return empty, removed


def _make_room(output: Path, folder: str) -> None:
    """The folder `folder` in `output`, made, with any file the old site had where it goes."""
    path = str(output)
    for part in Path(folder).parts if folder not in ("", ".") else ():
        path = os.path.join(path, part)
        if os.path.lexists(path) and not os.path.isdir(path):
            os.unlink(path)  # a file where the new site has a folder
        if not os.path.isdir(path):
            os.mkdir(path)


def _same(staged: str, target: str) -> bool:
    """The same bytes as the published file."""
    try:
        a, b = os.stat(staged), os.lstat(target)
    except OSError:
        return False
    if not os.path.isfile(target) or os.path.islink(target) or a.st_size != b.st_size:
        return False
    return filecmp.cmp(staged, target, shallow=False)
