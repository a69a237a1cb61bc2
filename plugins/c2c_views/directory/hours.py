"""Opening hours: the weekly table, the one-line summary, and "open now".

Hours in content are UK wall-clock times, and a closing time at or before the opening
time runs into the next day ("19:00" to "08:00" is overnight). Everything here works in
*minutes of the week* (Monday 00:00 is 0), so an overnight span is simply an interval
that crosses a day boundary, and Sunday night into Monday wraps round the week.

`weekly_intervals` is computed once, here, and written to services.json; the browser
answers "open now?" from those same intervals (theme/static/js/directory.js), so the
rules for overnight spans and 24-hour services live in one place. `describe` is the
reference for the words the browser shows; the browser tests hold the two to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from c2c_registry.model import Hours

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY = 24 * 60
WEEK = 7 * DAY
ALWAYS = ((0, WEEK),)
LONDON = ZoneInfo("Europe/London")

Interval = tuple[int, int]


def to_minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def clock(minute_of_day: int) -> str:
    """GOV.UK style times: 9am, 5:30pm, midday, midnight."""
    hours, minutes = divmod(minute_of_day % DAY, 60)
    if (hours, minutes) == (0, 0):
        return "midnight"
    if (hours, minutes) == (12, 0):
        return "midday"
    suffix = "am" if hours < 12 else "pm"
    h12 = hours % 12 or 12
    return f"{h12}{suffix}" if minutes == 0 else f"{h12}:{minutes:02d}{suffix}"


def span_text(opens: str, closes: str) -> str:
    """'9am to 5pm'; an overnight span says so: '7pm to 8am the next day'."""
    o, c = to_minutes(opens), to_minutes(closes)
    if c > o or (c == 0 and o > 0):
        return f"{clock(o)} to {clock(c)}"
    return f"{clock(o)} to {clock(c)} the next day"


def _span_length(opens: str, closes: str) -> int:
    o, c = to_minutes(opens), to_minutes(closes)
    return c - o if c > o else c + DAY - o


def weekly_intervals(hours: list[Hours], always_open: bool = False) -> list[Interval]:
    """Sorted, merged [start, end) intervals in minutes of the week.

    A start is always within the week; an end past WEEK wraps into next Monday. Touching
    or overlapping spans merge, so a night shelter open 19:00-08:00 followed by a day
    centre 08:00-17:00 reads as one stretch that closes at 5pm. A service open all
    week round is `[(0, WEEK)]`, the same as `always_open`.
    """
    if always_open:
        return list(ALWAYS)
    raw = sorted(
        (DAYS.index(day) * DAY + to_minutes(h.opens), DAYS.index(day) * DAY + to_minutes(h.opens)
         + _span_length(h.opens, h.closes))
        for h in hours for day in h.days
    )
    merged: list[Interval] = []
    for start, end in raw:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    # The last stretch may run past Sunday midnight into the first ones of the week.
    while len(merged) > 1 and merged[-1][1] - WEEK >= merged[0][0]:
        first = merged.pop(0)
        merged[-1] = (merged[-1][0], max(merged[-1][1], first[1] + WEEK))
    if len(merged) == 1 and merged[0][1] - merged[0][0] >= WEEK:
        return list(ALWAYS)
    return merged


def minute_of_week(when: datetime) -> int:
    """Minutes since Monday 00:00 on UK clocks at `when` (aware; naive means UK time).

    Wall-clock time, so it is DST-correct: 07:30 UTC on a summer Sunday is 08:30 here.
    """
    local = when.astimezone(LONDON) if when.tzinfo else when
    return local.weekday() * DAY + local.hour * 60 + local.minute


@dataclass(frozen=True)
class OpenState:
    """Whether a service is open at a moment, and when that next changes."""

    open: bool
    always: bool = False
    change_at: int | None = None  # minute of the week (may exceed WEEK) of the next close or open


def state_at(intervals: list[Interval], minute: int) -> OpenState:
    if list(intervals) == list(ALWAYS):
        return OpenState(open=True, always=True)
    for start, end in intervals:
        for m in (minute, minute + WEEK):
            if start <= m < end:
                return OpenState(open=True, change_at=minute + (end - m))
    if not intervals:
        return OpenState(open=False)
    return OpenState(open=False, change_at=minute + min((start - minute) % WEEK for start, _ in intervals))


def _when(now: int, at: int) -> str:
    """'7pm today', '8am tomorrow', '9am on Monday', '1pm next Wednesday'."""
    days_ahead = at // DAY - now // DAY
    time = clock(at % DAY)
    if days_ahead == 0:
        return f"{time} today"
    if days_ahead == 1:
        return f"{time} tomorrow"
    name = DAY_NAMES[(at // DAY) % 7]
    return f"{time} next {name}" if days_ahead >= 7 else f"{time} on {name}"


def describe(intervals: list[Interval], minute: int, status: str = "active") -> str:
    """The words shown for a service at a moment; '' when hours are not listed.

    The browser renders exactly these phrases (directory.js `describe`).
    """
    if status == "closed":
        return "Closed permanently"
    if status == "temporarily-closed":
        return "Temporarily closed"
    state = state_at(intervals, minute)
    if state.always:
        return "Open 24 hours"
    if state.open:
        assert state.change_at is not None
        return f"Open now until {_when(minute, state.change_at)}"
    if state.change_at is None:
        return ""
    return f"Closed now. Opens at {_when(minute, state.change_at)}"


def is_open(intervals: list[Interval], when: datetime, status: str = "active") -> bool:
    return status == "active" and state_at(intervals, minute_of_week(when)).open


def weekly_table(hours: list[Hours]) -> list[tuple[str, str]]:
    """(day, hours) for Monday to Sunday; a day's spans in time order, or 'Closed'."""
    rows = []
    for day, name in zip(DAYS, DAY_NAMES, strict=True):
        spans = sorted((to_minutes(h.opens), span_text(h.opens, h.closes) + last_entry_text(h))
                       for h in hours if day in h.days)
        rows.append((name, " and ".join(text for _, text in spans) if spans else "Closed"))
    return rows


def last_entry_text(hours: Hours) -> str:
    """', last entry 10:30pm' for a span with a last entry, else ''."""
    return f", last entry {clock(to_minutes(hours.last_entry))}" if hours.last_entry else ""


def summary(hours: list[Hours], always_open: bool = False) -> str:
    """One line for a card: 'Monday to Friday: 9am to 5pm; Saturday: 10am to 1pm'."""
    if always_open or weekly_intervals(hours) == list(ALWAYS):
        return "Open 24 hours, every day"
    groups: dict[str, list[int]] = {}
    for index, (_, text) in enumerate(weekly_table(hours)):
        if text != "Closed":
            groups.setdefault(text, []).append(index)
    return "; ".join(f"{day_list(days)}: {text}" for text, days in groups.items())


def day_list(days: list[int]) -> str:
    """Day indexes as words: runs of three or more become 'Monday to Friday'."""
    if len(days) == 7:
        return "Every day"
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts: list[str] = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{DAY_NAMES[run[0]]} to {DAY_NAMES[run[-1]]}")
        else:
            parts.extend(DAY_NAMES[d] for d in run)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
