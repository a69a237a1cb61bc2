"""The words people use: the glossary of needs and the names of languages, as data.

Both are YAML files next to the schemas, so WMCA staff can add to them by pull request,
and both are checked when the site is built: a mistake stops the build with the file,
line and column and what to do, as `c2c validate` reports content.

- `schemas/search-synonyms.yaml`: groups of words or phrases for the same need ("eviction",
  "kicked out", "notice to quit"). A query holding one also finds the others, and reads
  like a need, so services come before programme records.
- `schemas/search-languages.yaml`: for a language code services list (`pl`), the names
  people type besides the English one ("polski"). A query naming a language offers the
  services that speak it and the directory's listing of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from c2c_registry.package_data import schema_dir

from .text import fold, terms

GLOSSARY = schema_dir() / "search-synonyms.yaml"
LANGUAGE_NAMES = schema_dir() / "search-languages.yaml"
MAX_WORDS = 3  # that count, in one phrase: search-core.js looks for phrases this long at most


class GlossaryError(ValueError):
    """A mistake in one of the files, as `path:line:column: message`."""


@dataclass(frozen=True)
class Phrase:
    text: str  # as written
    terms: tuple[str, ...]  # as a search sees it: 'Care leavers' is ('care', 'leaver')


def _nodes(path: Path, where: str):
    try:
        return yaml.compose(path.read_text("utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError) as err:
        raise GlossaryError(f"{where}:1:1: cannot read this file ({err})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = getattr(err, "problem", None) or str(err)
        raise GlossaryError(f"{where}:{line}:{column}: this is not valid YAML ({problem}); write each entry "
                            "as a list in square brackets, with text containing ': ' in quotes") from None


def _fail(where: str, node, message: str) -> GlossaryError:
    return GlossaryError(f"{where}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: {message}")


class _Phrases:
    """Checks phrases as they are read: letters, length, and each in one place only."""

    def __init__(self, where: str):
        self.where = where
        self.seen: dict[tuple[str, ...], tuple[int, str]] = {}

    def phrase(self, node, group: int, what: str) -> Phrase:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:str":
            shown = node.value if isinstance(node, yaml.ScalarNode) else "a list"
            raise _fail(self.where, node, f"{shown!r} is not text: write words, in quotes if need be")
        text = node.value
        if not fold(text):
            raise _fail(self.where, node, f"{text!r} has no letters or digits")
        key = tuple(terms(text))
        if not key:
            raise _fail(self.where, node, f"{text!r} has only words too common to search for (such as 'the')")
        if len(key) > MAX_WORDS:
            raise _fail(self.where, node, f"{text!r} is longer than {MAX_WORDS} words (not counting words as "
                                          "common as 'the' or 'for'); use a shorter phrase")
        if key in self.seen:
            line, earlier = self.seen[key]
            same = "" if earlier == text else f" as {earlier!r} (words as common as 'with' and endings such as -s, -ed and -ion do not count)"
            raise _fail(self.where, node, f"{text!r} is already in {what} on line {line}{same}; "
                                          "a word or phrase belongs to one entry: keep one")
        self.seen[key] = (group, text)
        return Phrase(text, key)


def load_glossary(path: Path = GLOSSARY) -> list[list[Phrase]]:
    """The groups of the glossary, in file order."""
    where = str(path)
    root = _nodes(path, where)
    if not isinstance(root, yaml.SequenceNode):
        raise GlossaryError(f"{where}:1:1: the glossary is a list of groups, one a line, "
                            "each a list of words or phrases: - [eviction, kicked out, notice to quit]")
    phrases = _Phrases(where)
    groups = []
    for group in root.value:
        line = group.start_mark.line + 1
        if not isinstance(group, yaml.SequenceNode) or len(group.value) < 2:
            raise _fail(where, group, "a group lists at least two words or phrases of the same meaning, "
                                      "in square brackets: - [eviction, kicked out]")
        groups.append([phrases.phrase(node, line, "the group") for node in group.value])
    return groups


def load_language_names(known: dict[str, str], path: Path = LANGUAGE_NAMES) -> dict[str, list[Phrase]]:
    """Language code -> the names people type for it: its English name (from `known`, the
    site's names) first, then the file's. Every code of `known` but English is listed."""
    where = str(path)
    root = _nodes(path, where)
    if not isinstance(root, yaml.MappingNode):
        raise GlossaryError(f"{where}:1:1: this file maps a language code to its names: pl: [polski]")
    phrases = _Phrases(where)
    out: dict[str, list[Phrase]] = {}
    for code_node, names_node in root.value:
        code = code_node.value
        line = code_node.start_mark.line + 1
        if code not in known or code == "en":
            raise _fail(where, code_node, f"{code!r} is not a language code the directory knows; use one of "
                                          f"{', '.join(sorted(c for c in known if c != 'en'))}")
        if code in out:
            raise _fail(where, code_node, f"{code!r} is listed twice; keep one entry")
        if not isinstance(names_node, yaml.SequenceNode) or not names_node.value:
            raise _fail(where, names_node, f"list the names of {known[code]} in square brackets: {code}: [name]")
        out[code] = [phrases.phrase(_scalar(known[code], code_node), line, "the entry")]
        out[code] += [phrases.phrase(node, line, "the entry") for node in names_node.value]
    for code in sorted(set(known) - set(out) - {"en"}):
        out[code] = [phrases.phrase(_scalar(known[code], root), 0, "the site's list of languages")]
    return out


def _scalar(text: str, near) -> yaml.ScalarNode:
    """An English name, as a node placed at the entry it belongs to (for messages)."""
    return yaml.ScalarNode("tag:yaml.org,2002:str", text, near.start_mark, near.end_mark)
