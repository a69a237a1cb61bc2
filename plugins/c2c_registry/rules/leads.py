"""Whether a lead names a person: the content-quality rule behind the schema's "initials
or a role title, never a full name" (plans are published; staff names are not).

A heuristic, so it gives a warning (lead-full-name), never an error. A lead is read
person by person: a joint lead written in one line ("Jane Smith and Tom Jones", "... &
...", "..., ...") is split, and what is in brackets (an organisation, "(Rugby BC)") is
left out. A person's full name is two or three capitalised words (Mary-Ann, O'Neil,
McDonald, Zoë; "van", "de" and the like between them), none of them a word a role, a
team or an organisation has: "Jane Smith" and "Mary-Ann O'Neil (Rugby BC)" are flagged;
"JS", "JC (Solihull MBC)", "Street Outreach", "Housing Options" and "Head of Inclusion"
are not.
"""

from __future__ import annotations

import re

# Words a role, a team, a service or an organisation has, and a person's name has not
# (a plural counts too: "Managers"). Lower case.
ROLE_WORDS = frozenset("""
    adviser advisor agent analyst assistant board chair chief clerk commissioner committee consultant
    coordinator co-ordinator council counsellor department deputy desk director executive governor group
    head hub lead leader liaison manager mentor navigator nurse officer panel partner partnership
    practitioner president principal programme project secretary senior service specialist staff
    steward superintendent supervisor support team trust trustee unit volunteer worker administrator
    champion network forum agency provider commissioning
    mbc cc dc bc nhs police probation fire ambulance
    housing options outreach prevention rough sleeping tenancy resettlement safeguarding homelessness
    health mental care social people community centre office line street inclusion advice welfare
    benefits employment skills youth children family families adult adults young women men domestic
    abuse justice prison recovery hospital discharge clinical primary ward accommodation lettings
    allocations homes hostel shelter duty triage intake assessment reception enquiries contact
    helpline operations strategy strategic policy development engagement quality training
    commander station constable sergeant inspector crew firefighter paramedic midwife pharmacist
    therapist psychologist psychiatrist caseworker keyworker case key floating warden matron crisis
    authority association foundation charity society church mission st saint city county borough
    district region regional sub-regional combined
    all each every
""".split())
# Lower-case words a name may have between its capitalised ones ("Ludwig van Beethoven").
PARTICLES = frozenset("van von der den de del della di da du la le bin al el ter ten".split())
_IN_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_JOINERS = re.compile(r"\s+(?:and|&)\s+|[,;/&+]", re.IGNORECASE)
_NAME_PREFIXES = ("Mc", "Mac", "O'", "O’", "D'", "D’")  # McDonald, MacLeod, O'Neil, D'Souza


def people_named(lead: str) -> list[str]:
    """The parts of a lead that read like a person's full name, in order: none for
    initials, a role or a team; one per person of a joint lead."""
    parts = _JOINERS.split(_IN_BRACKETS.sub(" ", lead))
    return [" ".join(part.split()) for part in parts if _is_full_name(part.split())]


def looks_like_full_name(lead: str) -> bool:
    """Whether any person in the lead is named in full ("Jane Smith")."""
    return bool(people_named(lead))


def _is_full_name(words: list[str]) -> bool:
    words = [w.strip(".") for w in words]
    named = [w for w in words if w not in PARTICLES]
    if not 2 <= len(named) <= 3 or words[0] in PARTICLES or words[-1] in PARTICLES:
        return False
    return all(_name_word(w) for w in named)


def _name_word(word: str) -> bool:
    """'Jane', 'Mary-Ann', "O'Neil": capitalised, letters only, and no role's word."""
    lower = word.lower()
    if lower in ROLE_WORDS or (lower.endswith("s") and lower[:-1] in ROLE_WORDS):
        return False
    return all(_name_piece(piece) for piece in word.split("-"))


def _name_piece(piece: str) -> bool:
    for prefix in _NAME_PREFIXES:
        rest = piece[len(prefix):]
        if piece.startswith(prefix) and rest[:1].isupper():
            piece = rest
            break
    return len(piece) >= 2 and piece.isalpha() and piece[0].isupper() and piece[1:].islower()
