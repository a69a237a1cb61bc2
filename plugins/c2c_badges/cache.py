"""Generated images kept between builds, keyed by a hash of everything that goes into
them (the text, the status, the artwork, the fonts, the code that draws, the library
versions): an unchanged badge or logo is copied, never drawn again.

The folder is outside the output, which every build replaces; deleting it is always
safe (the next build draws everything again).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fontTools
import PIL

from c2c_views.writing import FileWrite

DEFAULT_FOLDER = Path(".cache") / "c2c-images"
CODE = Path(__file__).resolve().parent


def cache_folder(setting: str) -> Path:
    """The C2C_IMAGE_CACHE setting, else the environment variable, else the default,
    relative to the folder the build runs from."""
    return Path(setting or os.environ.get("C2C_IMAGE_CACHE") or DEFAULT_FOLDER).resolve()


def code_digest() -> str:
    """A hash of this plugin's code and the libraries that draw and encode."""
    h = hashlib.sha256(f"pillow {PIL.__version__} fonttools {fontTools.version}".encode())
    for path in sorted(CODE.glob("*.py")):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def key(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str).encode()).hexdigest()


class ImageCache:
    """Files by key: `files(kind, key, names, make)` returns the cached files, calling
    `make()` for their bytes only when they are not there yet; `put` keeps files made
    elsewhere."""

    def __init__(self, root: Path):
        self.root = root
        self.drawn = 0
        self.reused = 0

    def has(self, kind: str, digest: str, names: list[str]) -> bool:
        return all(path.is_file() for path in self._paths(kind, digest, names).values())

    def files(self, kind: str, digest: str, names: list[str], make: Callable[[], dict[str, bytes]]) -> dict[str, Path]:
        paths = self._paths(kind, digest, names)
        if all(p.is_file() for p in paths.values()):
            self.reused += 1
            return paths
        self.put(kind, digest, names, make())
        return paths

    def put(self, kind: str, digest: str, names: list[str], made: dict[str, bytes]) -> None:
        """Keep files made elsewhere (by a worker process) under their key."""
        for name, path in self._paths(kind, digest, names).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f".{name}.{os.getpid()}.part")
            partial.write_bytes(made[name])
            os.replace(partial, path)  # whole files only, even with two builds at once
        self.drawn += 1

    def _paths(self, kind: str, digest: str, names: list[str]) -> dict[str, Path]:
        folder = self.root / kind / digest[:2] / digest
        return {name: folder / name for name in names}


def copy_to(paths: dict[str, Path], write: FileWrite, urls: dict[str, str]) -> None:
    """Cached files to their addresses in the site (name -> URL), through the build's file
    writer (which leaves a published file that is already the same bytes)."""
    for name, url in urls.items():
        write(url, paths[name].read_bytes())
