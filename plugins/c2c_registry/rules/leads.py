"""Whether a lead names a person: the content-quality rule behind the schema's "initials
or a role title, never a full name" (staff names are not published).

A pure function for the warnings of `c2c validate`; a heuristic, so a warning, not an
error: "Jane Smith" is flagged, "JS", "JC (Solihull MBC)" and "Housing Options Manager"
are not.
"""

from __future__ import annotations

import re

# Words a role or a team has, and a person's name has not.
_ROLE_WORDS = frozenset("""
manager officer coordinator co-ordinator lead leader head director team service services council
board group partnership network worker workers advisor adviser chair chief executive commissioner
unit department panel forum staff secretary administrator trustee trustees volunteer volunteers
specialist practitioner nurse consultant clerk analyst supervisor deputy assistant senior principal
champion navigator mbc cc dc bc nhs police probation housing options all each every
outreach support prevention rough sleeping tenancy resettlement commissioning safeguarding
homelessness health mental care social people community project programme hub centre desk
line office partners partner agencies agency providers provider
""".split())


def looks_like_full_name(lead: str) -> bool:
    """Whether a lead reads like a person's full name ("Jane Smith") rather than
    initials ("JS") or a role ("Housing Options Manager"): the schema asks for initials or
    roles, because staff names are not to be published. What is in brackets (the
    organisation) is not looked at."""
    words = [w for w in re.sub(r"\([^)]*\)", " ", lead).replace("&", " ").split() if w]
    if not 2 <= len(words) <= 4 or any(w.lower().strip(".,") in _ROLE_WORDS for w in words):
        return False
    return all(re.fullmatch(r"(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z][a-z]+)*", w) for w in words)
