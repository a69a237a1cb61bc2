"""lunr.js 2.3.9's Porter stemmer, line for line in Python.

lunr.py's own stemmer follows the C reference and differs from lunr.js's in step 1c: it
turns a final y after a vowel into i ("day" -> "dai", "money" -> "monei"), lunr.js does
not ("day", "money"). An index stemmed one way and queries stemmed the other never
meet, so the index is stemmed as lunr.js stems the queries: this port replaces lunr.py's
`stemmer` pipeline function (the same name, which the index names as its search
pipeline) when c2c_search is imported. tests/test_search_index.py checks it word for
word against lunr.js on every word of the sample content.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lunr.pipeline import Pipeline

STEP2 = {"ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize", "bli": "ble",
         "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous", "ization": "ize", "ation": "ate", "ator": "ate",
         "alism": "al", "iveness": "ive", "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive",
         "biliti": "ble", "logi": "log"}
STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}

_c = "[^aeiou]"  # consonant
_v = "[aeiouy]"  # vowel
_C = _c + "[^aeiouy]*"  # consonant sequence
_V = _v + "[aeiou]*"  # vowel sequence
MGR0 = re.compile("^(" + _C + ")?" + _V + _C)  # [C]VC... is m>0
MEQ1 = re.compile("^(" + _C + ")?" + _V + _C + "(" + _V + ")?$")  # [C]VC[V] is m=1
MGR1 = re.compile("^(" + _C + ")?" + _V + _C + _V + _C)  # [C]VCVC... is m>1
S_V = re.compile("^(" + _C + ")?" + _v)  # vowel in stem

RE_1A = re.compile(r"^(.+?)(ss|i)es$")
RE2_1A = re.compile(r"^(.+?)([^s])s$")
RE_1B = re.compile(r"^(.+?)eed$")
RE2_1B = re.compile(r"^(.+?)(ed|ing)$")
RE_1B_2 = re.compile(r".$")
RE2_1B_2 = re.compile(r"(at|bl|iz)$")
RE3_1B_2 = re.compile(r"([^aeiouylsz])\1$")
RE4_1B_2 = re.compile("^" + _C + _v + "[^aeiouwxy]$")
RE_1C = re.compile(r"^(.+?[^aeiou])y$")
RE_2 = re.compile(r"^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness"
                  r"|fulness|ousness|aliti|iviti|biliti|logi)$")
RE_3 = re.compile(r"^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$")
RE_4 = re.compile(r"^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$")
RE2_4 = re.compile(r"^(.+?)(s|t)(ion)$")
RE_5 = re.compile(r"^(.+?)e$")
RE_5_1 = re.compile(r"ll$")
RE3_5 = re.compile("^" + _C + _v + "[^aeiouwxy]$")


@lru_cache(maxsize=200_000)
def stem(w: str) -> str:
    """lunr.js's `porterStemmer(w)`: the same steps, the same regular expressions."""
    if len(w) < 3:
        return w
    first = w[0]
    if first == "y":
        w = "Y" + w[1:]
    # Step 1a
    if RE_1A.search(w):
        w = RE_1A.sub(r"\1\2", w, count=1)
    elif RE2_1A.search(w):
        w = RE2_1A.sub(r"\1\2", w, count=1)
    # Step 1b
    if m := RE_1B.search(w):
        if MGR0.search(m.group(1)):
            w = RE_1B_2.sub("", w, count=1)
    elif m := RE2_1B.search(w):
        stem_ = m.group(1)
        if S_V.search(stem_):
            w = stem_
            if RE2_1B_2.search(w):
                w = w + "e"
            elif RE3_1B_2.search(w):
                w = RE_1B_2.sub("", w, count=1)
            elif RE4_1B_2.search(w):
                w = w + "e"
    # Step 1c: a final y after a consonant (not the first letter) becomes i
    if m := RE_1C.search(w):
        w = m.group(1) + "i"
    # Step 2
    if (m := RE_2.search(w)) and MGR0.search(m.group(1)):
        w = m.group(1) + STEP2[m.group(2)]
    # Step 3
    if (m := RE_3.search(w)) and MGR0.search(m.group(1)):
        w = m.group(1) + STEP3[m.group(2)]
    # Step 4
    if m := RE_4.search(w):
        if MGR1.search(m.group(1)):
            w = m.group(1)
    elif m := RE2_4.search(w):
        stem_ = m.group(1) + m.group(2)
        if MGR1.search(stem_):
            w = stem_
    # Step 5
    if m := RE_5.search(w):
        stem_ = m.group(1)
        if MGR1.search(stem_) or (MEQ1.search(stem_) and not RE3_5.search(stem_)):
            w = stem_
    if RE_5_1.search(w) and MGR1.search(w):
        w = RE_1B_2.sub("", w, count=1)
    if first == "y":
        w = "y" + w[1:]
    return w


def stemmer(token, i=None, tokens=None):
    """The pipeline function, registered as lunr's `stemmer`."""
    return token.update(lambda s, metadata=None: stem(s))


def register() -> None:
    """Make `stemmer` (in this process) lunr.js's stemmer: for building, and for lunr.py
    loading an index that names it."""
    Pipeline.registered_functions.pop("stemmer", None)
    Pipeline.register_function(stemmer, "stemmer")
