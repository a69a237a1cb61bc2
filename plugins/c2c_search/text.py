"""Text as both sides of the search see it.

lunr.py and lunr.js split words and trim punctuation slightly differently (Python's
`\\W` knows accented letters, JavaScript's does not), so every text is folded first, by
the same rules here and in `search-core.js` (`fold`): accents dropped, lower case,
apostrophes removed ("women's" is "womens"), anything else that is not a letter or a
digit a space. What reaches lunr is then plain ASCII words, tokenised and stemmed alike
on both sides.
"""

from __future__ import annotations

import re
import unicodedata

_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHES = re.compile("['\u2018\u2019`]")
_NOT_WORD = re.compile("[^a-z0-9]+")


def fold(text: str) -> str:
    """'Women’s Refuge – Café' -> 'womens refuge cafe' (mirrored by search-core.js)."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()
    return _NOT_WORD.sub(" ", _APOSTROPHES.sub("", text)).strip()
