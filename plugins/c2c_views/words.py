"""Values put into words the way GOV.UK writes them: dates, sizes and counts.

One copy each, for templates (as Jinja globals and filters) and for the views that
build sentences (badge summaries, a service's "last checked"); `count` is the library's
(`c2c_registry.words`), which messages and reports use too.
"""

from __future__ import annotations

from datetime import date

from c2c_registry.when import When
from c2c_registry.words import count

__all__ = ["count", "file_size", "uk_date"]


def uk_date(value: date | When | None) -> str:
    """23 November 2026: the GOV.UK style, no leading zero; a month as "April 2008",
    "Ongoing" in words."""
    if isinstance(value, When):
        return value.words()
    return f"{value.day} {value:%B %Y}" if value else ""


def file_size(n: int) -> str:
    """'980 bytes', '12.3 KB', '1.4 MB': sizes as people read them."""
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1000:.1f} KB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"
