"""Dates as plans write them: a day, a month when no day is known, or "ongoing".

Real action plans say "April 2008" or "ongoing"; inventing a day would show a guess as a
fact. A `When` keeps what was written, shows it in words, and says when it has passed:
a month once it has ended, "ongoing" never.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

ONGOING = "ongoing"
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")


@total_ordering
@dataclass(frozen=True)
class When:
    """A day, a month or ongoing. `first` is the day, or the month's first day (None
    when ongoing); ordering puts ongoing last."""

    first: date | None
    precision: str = "day"  # day | month | ongoing

    @property
    def last(self) -> date | None:
        """The last day it covers: the day itself, the month's last day, or None."""
        if self.first is None:
            return None
        if self.precision == "month":
            return self.first.replace(day=calendar.monthrange(self.first.year, self.first.month)[1])
        return self.first

    @property
    def ongoing(self) -> bool:
        return self.precision == ONGOING

    @property
    def is_month(self) -> bool:
        return self.precision == "month"

    @property
    def year(self) -> int | None:
        return self.first.year if self.first else None

    def passed(self, today: date) -> bool:
        """Over by `today`: a day after it, a month after its last day; never ongoing."""
        last = self.last
        return last is not None and last < today

    def isoformat(self) -> str:
        """As written in the file: 2008-04-15, 2008-04 or ongoing."""
        if self.first is None:
            return ONGOING
        return f"{self.first:%Y-%m}" if self.is_month else self.first.isoformat()

    def words(self) -> str:
        """15 April 2008, April 2008 or Ongoing."""
        if self.first is None:
            return "Ongoing"
        return f"{self.first:%B %Y}" if self.is_month else f"{self.first.day} {self.first:%B %Y}"

    def _key(self) -> tuple[date, int]:
        return (self.first or date.max, ("day", "month", ONGOING).index(self.precision))

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, When):
            return NotImplemented
        return self._key() < other._key()

    def __str__(self) -> str:
        return self.isoformat()


def parse_when(text: str, allow_ongoing: bool = False) -> When | None:
    """`2008-04-15`, `2008-04` (and `ongoing` when allowed) as a When; None if it is
    none of these (including days that do not exist, such as 2024-02-30)."""
    if not isinstance(text, str):
        return None
    if allow_ongoing and text == ONGOING:
        return When(None, ONGOING)
    m = _MONTH.match(text)
    try:
        if m:
            return When(date(int(m.group(1)), int(m.group(2)), 1), "month")
        if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            return When(date.fromisoformat(text), "day")
    except ValueError:
        return None
    return None


def when(text: str) -> When:
    """A validated value as a When (the schema has already checked its form)."""
    parsed = parse_when(text, allow_ongoing=True)
    if parsed is None:
        raise ValueError(f"not a date, month or 'ongoing': {text!r}")
    return parsed
