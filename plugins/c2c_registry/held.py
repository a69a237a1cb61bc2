"""Pickle files a build reads at its start (the parse cache, the last build's page
records), held in memory by the process `c2c serve --watch` keeps warm between saves
(c2c_cli/rebuilder.py), so each build it forks finds them read already.

A held file is given only while it is the very file that was read (the same size,
modification time and inode: every writer of these files writes a new file and renames
it over the old); any other file is read from disk, as it is in every other process,
which holds nothing.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import Any

_held: dict[str, tuple[tuple[int, int, int], Any]] = {}


def _signature(path: Path) -> tuple[int, int, int]:
    info = os.stat(path)
    return info.st_size, info.st_mtime_ns, info.st_ino


def read_pickle(path: Path) -> Any:
    """What `path` holds (an OSError or an unpickling error as reading it would give)."""
    signature = _signature(path)
    held = _held.get(str(path))
    return held[1] if held is not None and held[0] == signature else _read(path)


def _read(path: Path | str) -> Any:
    with open(path, "rb") as f:
        return pickle.load(f)


def hold(paths: Iterable[Path]) -> None:
    """Read these files now (those changed since they were last read) and keep them;
    forget any other. A file that cannot be read is not held."""
    wanted = {str(p) for p in paths}
    for name in list(_held):
        if name not in wanted:
            del _held[name]
    for name in wanted:
        try:
            signature = _signature(Path(name))  # taken first: a file replaced meanwhile is read again later
            if name in _held and _held[name][0] == signature:
                continue
            _held[name] = (signature, _read(name))
        except Exception:
            _held.pop(name, None)
