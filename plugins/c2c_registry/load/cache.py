"""Parsed, schema-checked files kept between runs, keyed on their text.

Parsing YAML with positions and checking it against the schemas is most of the time
`c2c validate` takes; a file whose text has not changed since the last run gives the
same record, so it is taken from here. Entries are keyed on the file's path and text,
and the whole cache on a digest of this package's code and the schemas, so a change to
either starts afresh. Safe to delete.

The cache is two files: the base, with every record, and a small delta with the records
parsed since the base was written. A run that changed a few files writes only the delta
(rewriting the whole base after a one-line edit cost a second on a large registry); once
the delta grows past a twentieth of the base, the base is written again with only the
entries used, so the cache never outgrows the content folder by much.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from ..held import read_pickle
from ..package_data import schema_dir
from .files import ContentFile

DEFAULT_FOLDER = Path(".cache") / "c2c-parsed"
DELTA_SHARE = 20  # the base is rewritten once the delta holds more than 1/20 of its entries


def cache_folder(setting: str = "") -> Path:
    """The C2C_PARSE_CACHE setting, else the environment variable, else the default,
    relative to the folder the command runs from."""
    return Path(setting or os.environ.get("C2C_PARSE_CACHE") or DEFAULT_FOLDER).resolve()


@cache
def code_digest() -> str:
    """What a cached record depends on besides the file: the checker's code and the schemas."""
    package = Path(str(files("c2c_registry")))  # all of it: reading, schemas, rules
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")) + sorted(schema_dir().glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _load(path: Path) -> Any:
    try:
        return read_pickle(path)
    except Exception:  # missing, from another version, or damaged: start afresh
        return None


def _dump(path: Path, value: Any) -> None:
    """Written whole to a temporary file, then renamed: a run killed half-way, or two
    runs at once, never leave a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(f.name, path)


class ParseCache:
    """The records of one content folder, loaded at the start of a run, saved at its end."""

    def __init__(self, folder: Path, content_dir: Path):
        self.file, self.delta_file = self.files(folder, content_dir)
        self.base: dict[str, ContentFile] = {}
        self.base_id = ""
        self.delta: dict[str, ContentFile] = {}
        self.old: dict[str, ContentFile] = {}
        self.used: dict[str, ContentFile] = {}
        base = _load(self.file)
        if isinstance(base, tuple) and len(base) == 3 and base[0] == code_digest():
            _, self.base_id, self.base = base
            self.old = dict(self.base)
            delta = _load(self.delta_file)
            if isinstance(delta, tuple) and len(delta) == 3 and delta[:2] == (code_digest(), self.base_id):
                self.delta = delta[2]
                self.old.update(self.delta)

    @staticmethod
    def files(folder: Path, content_dir: Path) -> tuple[Path, Path]:
        """The base and the delta of the cache of `content_dir` in `folder`."""
        name = hashlib.sha256(str(content_dir.resolve()).encode()).hexdigest()[:16]
        return folder / f"{name}.pickle", folder / f"{name}.delta.pickle"

    def get(self, key: str) -> ContentFile | None:
        record = self.old.get(key)
        if record is not None:
            self.used[key] = record
        return record

    def put(self, key: str, record: ContentFile) -> None:
        self.used[key] = record

    def save(self) -> None:
        """The delta while it, and the base's entries no longer used, are small against
        the base; else a new base with no delta."""
        if self.used.keys() == self.old.keys():
            return
        new = {key: record for key, record in self.used.items() if key not in self.base}
        unused = len(self.base) - (len(self.used) - len(new))
        try:
            if self.base and (len(new) + unused) * DELTA_SHARE <= len(self.base):
                if new.keys() != self.delta.keys():
                    _dump(self.delta_file, (code_digest(), self.base_id, new))
                return
            base_id = hashlib.sha256("\0".join(sorted(self.used)).encode()).hexdigest()
            _dump(self.file, (code_digest(), base_id, self.used))
            self.delta_file.unlink(missing_ok=True)
        except OSError:  # a cache that cannot be written only makes the next run slower
            pass
