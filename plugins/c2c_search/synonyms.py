"""The synonyms glossary: words people use for the same thing.

Kept as data (`schemas/search-synonyms.yaml`) so WMCA staff can add to it by pull
request. Each entry is a group of words or phrases that mean the same; a query that
contains one also finds the others (search-core.js applies it). Checked at build time:
a mistake stops the build with a message that names the entry.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from c2c_registry.package_data import schema_dir

from .index import terms
from .text import fold

GLOSSARY = schema_dir() / "search-synonyms.yaml"
MAX_WORDS = 3  # in one phrase: search-core.js looks for phrases this long at most


class GlossaryError(ValueError):
    pass


def load_glossary(path: Path = GLOSSARY) -> list[list[str]]:
    """The groups, each folded as queries are ('DV' -> 'dv'), in file order."""
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise GlossaryError(f"{path}: cannot read the synonyms glossary ({err})") from None
    return check_glossary(data, str(path))


def check_glossary(data: object, where: str) -> list[list[str]]:
    if not isinstance(data, list):
        raise GlossaryError(f"{where}: the glossary is a list of groups, each a list of words or phrases")
    groups: list[list[str]] = []
    seen: dict[str, int] = {}
    for n, group in enumerate(data, 1):
        if not isinstance(group, list) or len(group) < 2 or not all(isinstance(p, str) for p in group):
            raise GlossaryError(f"{where}: group {n} must list at least two words or phrases, in quotes if need be")
        folded = []
        for phrase in group:
            folded_phrase = fold(phrase)
            if not folded_phrase:
                raise GlossaryError(f"{where}: group {n}: {phrase!r} has no letters or digits")
            if len(folded_phrase.split()) > MAX_WORDS:
                raise GlossaryError(f"{where}: group {n}: {phrase!r} is longer than {MAX_WORDS} words")
            key = " ".join(terms(folded_phrase))  # as a search sees it: 'care leavers' is 'care leaver'
            if not key:
                raise GlossaryError(f"{where}: group {n}: {phrase!r} has only words too common to search for")
            if key in seen:
                raise GlossaryError(f"{where}: group {n}: {phrase!r} is already in group {seen[key]}; "
                                    "a phrase belongs to one group (merge the two)")
            seen[key] = n
            folded.append(folded_phrase)
        groups.append(folded)
    return groups
