"""What the cross-file checks look at: every file read, by kind, and the vocabularies.

Each check (names.py, references.py, dates.py, images.py) is a function from a Corpus to
problems; checks.py lists them and runs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Term
from .problems import Problem

if TYPE_CHECKING:  # the records load/ reads; rules only look at them
    from ..load.files import ContentFile


@dataclass
class Corpus:
    """What the rules look at: files by kind, vocabularies, and where logos live."""

    files: dict[str, list[ContentFile]]
    vocab: dict[str, dict[str, Term]]
    content_dir: Path
    current: ContentFile | None = field(default=None, repr=False)  # the file a check is looking at

    def all(self, kind: str) -> Iterator[ContentFile]:
        for f in self.files.get(kind, []):
            self.current = f
            yield f

    def valid(self, kind: str) -> Iterator[ContentFile]:
        return (f for f in self.all(kind) if f.valid)

    def readable(self, kind: str) -> Iterator[ContentFile]:
        """Files that parsed to fields, even with schema errors: reference rules run on
        them too, so one run reports everything a reviewer needs to fix."""
        return (f for f in self.all(kind) if isinstance(f.data, dict))

    def slugs(self, kind: str) -> set[str]:
        """Slugs of every readable file, valid or not, so one broken file does not
        make every reference to it an error too."""
        return {f.slug for f in self.files.get(kind, [])}


Check = Callable[[Corpus], Iterable[Problem]]
