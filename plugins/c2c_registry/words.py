"""Numbers in sentences, the one way every message, report and page writes them."""

from __future__ import annotations


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 pledge', '2 pledges', '3 access facts' (with `plural`): numbers in sentences read properly."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
