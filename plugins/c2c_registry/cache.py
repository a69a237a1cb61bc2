"""Parsed, schema-checked files kept between runs, keyed on their text.

Parsing YAML with positions and checking it against the schemas is most of the time
`c2c validate` takes; a file whose text has not changed since the last run gives the
same record, so it is taken from here. Entries are keyed on the file's path and text,
and the whole cache on a digest of this package's code and the schemas, so a change to
either starts afresh. Only the entries used in a run are written back, so the cache
never outgrows the content folder. Safe to delete.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path

from .files import ContentFile

DEFAULT_FOLDER = Path(".cache") / "c2c-parsed"


def cache_folder(setting: str = "") -> Path:
    """The C2C_PARSE_CACHE setting, else the environment variable, else the default,
    relative to the folder the command runs from."""
    return Path(setting or os.environ.get("C2C_PARSE_CACHE") or DEFAULT_FOLDER).resolve()


@cache
def code_digest() -> str:
    """What a cached record depends on besides the file: the checker's code and the schemas."""
    from .schemas import SCHEMA_DIR

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")) + sorted(SCHEMA_DIR.glob("*.json")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


class ParseCache:
    """The records of one content folder, loaded at the start of a run, saved at its end."""

    def __init__(self, folder: Path, content_dir: Path):
        name = hashlib.sha256(str(content_dir.resolve()).encode()).hexdigest()[:16]
        self.file = folder / f"{name}.pickle"
        self.old: dict[str, ContentFile] = {}
        self.used: dict[str, ContentFile] = {}
        try:
            with self.file.open("rb") as f:
                code, entries = pickle.load(f)
            if code == code_digest():
                self.old = entries
        except Exception:  # missing, from another version, or damaged: start afresh
            self.old = {}

    def get(self, key: str) -> ContentFile | None:
        record = self.old.get(key)
        if record is not None:
            self.used[key] = record
        return record

    def put(self, key: str, record: ContentFile) -> None:
        self.used[key] = record

    def save(self) -> None:
        """Written whole to a temporary file, then renamed: a run killed half-way, or two
        runs at once, never leave a half-written cache."""
        if self.used.keys() == self.old.keys():
            return
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=self.file.parent, delete=False) as f:
                pickle.dump((code_digest(), self.used), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(f.name, self.file)
        except OSError:  # a cache that cannot be written only makes the next run slower
            pass
