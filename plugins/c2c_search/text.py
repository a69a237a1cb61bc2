"""Text as both sides of the search see it: the one analysis of words into index terms.

The build (this module) and the browser (`search-core.js`, `search-stem.js`) must turn
the same text into the same terms, so the rules are few and mirrored exactly:

1. `fold`: compatibility-decompose (NFKD), drop non-spacing marks (accents: "café" is
   "cafe", and Arabic vowel marks), lower-case, drop apostrophes ("women's" is
   "womens"); anything that is not a letter, a digit or a spacing mark is a space. Words
   in any script survive ("polski", "Cymraeg", "اردو", "ਪੰਜਾਬੀ").
2. `terms`: the folded words less lunr's English stop words, each English word (a-z and
   digits) stemmed by lunr.js's Porter stemmer (`stemmer.py`, the port lunr.js uses;
   other scripts are left as they are).

lunr's own tokeniser and trimmer are not used: folding already does their work, and
Python's and JavaScript's ideas of a "word character" differ outside ASCII.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from lunr.stop_word_filter import WORDS as LUNR_STOP_WORDS

from .stemmer import stem

STOP_WORDS: frozenset[str] = frozenset(LUNR_STOP_WORDS)
_APOSTROPHES = re.compile("['\u2018\u2019`]")
_ENGLISH = re.compile("[a-z0-9]+")
_NOT_ENGLISH = re.compile("[^a-z0-9]+")


def _kept(ch: str) -> str:
    """A character of a folded word, "" for a dropped one, or a space."""
    category = unicodedata.category(ch)
    if category == "Mn":
        return ""
    return ch if category[0] in "LN" or category == "Mc" else " "


def fold(text: str) -> str:
    """'Women’s Refuge – Café' -> 'womens refuge cafe' (mirrored by search-core.js)."""
    text = _APOSTROPHES.sub("", unicodedata.normalize("NFKD", text)).lower()
    if text.isascii():  # the same answer, quicker
        return _NOT_ENGLISH.sub(" ", text).strip()
    return " ".join("".join(map(_kept, text)).split())


@lru_cache(maxsize=200_000)
def term(word: str) -> str:
    """The index term of one folded word; "" for a stop word."""
    if word in STOP_WORDS:
        return ""
    return stem(word) if _ENGLISH.fullmatch(word) else word


def terms(text: str) -> list[str]:
    """The index terms of a text, in order ('Night shelters' -> ['night', 'shelter'])."""
    return list(_terms(text))


@lru_cache(maxsize=20_000)
def _terms(text: str) -> tuple[str, ...]:
    """Cached: the same organisation and tags open thousands of documents."""
    return tuple(t for w in fold(text).split() if (t := term(w)))
