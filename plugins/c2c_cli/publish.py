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
on the machine measured. A failed build's staging folder is removed whole.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from pathlib import Path


def staging_folder(output: Path) -> Path:
    """The staging folder of `output`, emptied of any files a killed build left."""
    staging = output.with_name(f".{output.name}-building")
    for leftover in output.parent.glob(f".{output.name}-building-*"):  # the older, one-use kind
        shutil.rmtree(leftover, ignore_errors=True)
    if staging.is_dir() and not staging.is_symlink():
        for root, _, files in os.walk(staging):
            for name in files:
                os.unlink(os.path.join(root, name))
    else:
        if staging.exists() or staging.is_symlink():
            staging.unlink()
        staging.mkdir(mode=0o755)
    return staging


def discard(staging: Path) -> None:
    """After a failed build: nothing of it is left beside the published site."""
    shutil.rmtree(staging, ignore_errors=True)


def publish(staging: Path, output: Path, kept: set[str] | frozenset[str] = frozenset()) -> tuple[int, int]:
    """Make `output` the site in `staging`, with the files `kept` (relative names) as
    they are published; (files written, files removed)."""
    if not output.exists():
        staging.rename(output)
        return sum(len(files) for _, _, files in os.walk(output)), 0
    written = {os.path.normpath(name) for name in kept}
    changed = 0
    for root, _, files in os.walk(staging):
        rel = os.path.relpath(root, staging)
        for name in files:
            staged = os.path.join(root, name)
            relative = os.path.normpath(os.path.join(rel, name))
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
    removed = 0
    for root, _, files in os.walk(output, topdown=False):
        rel = os.path.relpath(root, output)
        for name in files:
            if os.path.normpath(os.path.join(rel, name)) not in written:
                os.unlink(os.path.join(root, name))
                removed += 1
        if root != str(output) and not os.listdir(root):
            os.rmdir(root)
    return changed, removed


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
