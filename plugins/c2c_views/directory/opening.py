"""Dated opening hours: the weekly pattern plus bank holidays, dated exceptions,
monthly sessions and severe-weather extensions, for a window from the build date.

The one calendar engine. `dated_intervals` turns a service's rules into sorted [start,
end) ranges in *epoch minutes* (UTC minutes since 1970), so the browser answers "open
now?" and "opens next" by looking the moment up, without a second set of rules. Times
in content are UK wall-clock times; each day's spans are placed on that day's clock,
so a span is right on both sides of a clock change. Order of precedence on a day: a
dated exception replaces everything else; then a bank-holiday closure; then weekly
hours and sessions, with any alert's extra hours added.

England and Wales bank holidays come from the `holidays` package (a maintained,
pinned calendar), never typed in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import holidays

from c2c_registry.model import Alert, Hours, Service, Session

from .hours import DAY, DAY_NAMES, DAYS, LONDON, clock, day_list, describe, minute_of_week, span_text, to_minutes

WINDOW_DAYS = 397  # 13 months from the day before the build date
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

Span = tuple[int, int]  # minute of the day it starts, length in minutes


@dataclass(frozen=True)
class Window:
    """The dates dated intervals are computed for, and the bank holidays in them."""

    first: date
    last: date
    bank_holidays: dict[date, str]

    @property
    def start_minute(self) -> int:
        return epoch_minute(self.first, 0)

    @property
    def end_minute(self) -> int:
        return epoch_minute(self.last + timedelta(days=1), 0)

    def days(self) -> Iterable[date]:
        for n in range((self.last - self.first).days + 1):
            yield self.first + timedelta(days=n)


def window(today: date, days: int = WINDOW_DAYS) -> Window:
    """From the day before `today` (an overnight span may still be running) for `days`."""
    first, last = today - timedelta(days=1), today + timedelta(days=days - 1)
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=range(first.year, last.year + 1))
    return Window(first, last, {d: name for d, name in sorted(calendar.items()) if first <= d <= last})


def epoch_minute(day: date, minute_of_day: int) -> int:
    """UTC minutes since 1970 of a UK wall-clock time (minute_of_day may pass midnight)."""
    local = datetime(day.year, day.month, day.day, tzinfo=LONDON) + timedelta(minutes=minute_of_day)
    # Re-read the wall clock so a time past a clock change lands on that day's offset.
    wall = datetime(local.year, local.month, local.day, local.hour, local.minute, tzinfo=LONDON)
    return int(wall.timestamp()) // 60


def to_local(minute: int) -> datetime:
    return datetime.fromtimestamp(minute * 60, LONDON)


def _span(opens: str, closes: str) -> Span:
    o, c = to_minutes(opens), to_minutes(closes)
    return o, (c - o if c > o else c + DAY - o)


def in_week(day: date, week: int) -> bool:
    """Whether `day` is the `week`th of its weekday in the month (-1: the last)."""
    if week == -1:
        return (day + timedelta(days=7)).month != day.month
    return (day.day - 1) // 7 + 1 == week


def day_spans(service: Service, day: date, bank_holidays: dict[date, str],
              extra: Iterable[Hours] = ()) -> list[Span]:
    """The spans that start on `day`, by the rules of precedence above."""
    exceptions = [e for e in service.exceptions if e.first <= day <= e.last]
    if exceptions:
        return sorted(_span(e.opens, e.closes) for e in exceptions if not e.closed)
    if service.bank_holidays == "closed" and day in bank_holidays:
        return []
    weekday = DAYS[day.weekday()]
    if service.always_open:
        spans = [(0, DAY)]
    else:
        spans = [_span(h.opens, h.closes) for h in service.hours if weekday in h.days]
        spans += [_span(s.opens, s.closes) for s in service.sessions
                  if s.day == weekday and any(in_week(day, w) for w in s.weeks)]
    spans += [_span(h.opens, h.closes) for h in extra if weekday in h.days]
    return sorted(spans)


def extensions(service: Service, alerts: Iterable[Alert]) -> list[tuple[Alert, list[Hours]]]:
    """The alerts that give this service extra hours (an alert may name a service only
    to point people to it), with those hours."""
    return [(a, a.services[service.slug]) for a in alerts if a.services.get(service.slug)]


def dated_intervals(service: Service, win: Window, alerts: Iterable[Alert] = ()) -> list[tuple[int, int]]:
    """Sorted, merged [start, end) epoch-minute ranges when the service is open."""
    extra = extensions(service, alerts)
    raw: list[tuple[int, int]] = []
    for day in win.days():
        hours = [h for alert, hs in extra if alert.active_from <= day <= alert.active_until for h in hs]
        for start, length in day_spans(service, day, win.bank_holidays, hours):
            raw.append((epoch_minute(day, start), epoch_minute(day, start + length)))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(raw):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def needs_dates(service: Service, alerts: Iterable[Alert]) -> bool:
    """Whether the weekly pattern alone would be wrong somewhere in the window."""
    return bool(service.exceptions or service.sessions or service.bank_holidays == "closed"
                or extensions(service, alerts))


# ---- Words ---------------------------------------------------------------------------------

def long_date(day: date) -> str:
    """'Tuesday 1 December'."""
    return f"{DAY_NAMES[day.weekday()]} {day.day} {day:%B}"


def when(now: int, at: int) -> str:
    """'7pm today', '8am tomorrow', '9am on Monday', '10am on Tuesday 15 December'."""
    now_day, at_local = to_local(now).date(), to_local(at)
    ahead = (at_local.date() - now_day).days
    time = clock(at_local.hour * 60 + at_local.minute)
    if ahead == 0:
        return f"{time} today"
    if ahead == 1:
        return f"{time} tomorrow"
    if ahead < 7:
        return f"{time} on {DAY_NAMES[at_local.weekday()]}"
    return f"{time} on {long_date(at_local.date())}"


def describe_dated(intervals: list[tuple[int, int]], now: int, win_end: int, status: str = "active") -> str:
    """The words for a moment inside the window; the browser shows exactly these
    (directory.js `describeDated`)."""
    if status == "closed":
        return "Closed permanently"
    if status == "temporarily-closed":
        return "Temporarily closed"
    for start, end in intervals:
        if start <= now < end:
            return "Open 24 hours" if end >= win_end else f"Open now until {when(now, end)}"
        if start > now:
            return f"Closed now. Opens at {when(now, start)}"
    return ""


def describe_record(record: dict, at: datetime, win: Iterable[int]) -> str:
    """The words for a service's record in services.json at `at`: its dated hours inside
    the build's window, else its weekly pattern, as the browser chooses (directory.js).
    Tests and benchmarks hold the browser's filters to this."""
    start, end = win
    minute = int(at.timestamp()) // 60
    if "dated" in record and start <= minute < end:
        return describe_dated([tuple(i) for i in record["dated"]], minute, end, record["status"])
    return describe([tuple(i) for i in record["intervals"]], minute_of_week(at), record["status"])


def next_session(service: Service, win: Window, today: date) -> str:
    """'Tuesday 1 December, 10am to 1pm' for a service with monthly sessions."""
    if not service.sessions:
        return ""
    for day in win.days():
        if day < today:
            continue
        spans = [(_span(s.opens, s.closes), s) for s in service.sessions
                 if s.day == DAYS[day.weekday()] and any(in_week(day, w) for w in s.weeks)]
        if spans and not [e for e in service.exceptions if e.first <= day <= e.last] \
                and not (service.bank_holidays == "closed" and day in win.bank_holidays):
            (start, length), _ = min(spans, key=lambda x: x[0])
            return f"{long_date(day)}, {clock(start)} to {clock(start + length)}"
    return ""


def session_text(session: Session) -> str:
    """'First and third Tuesday of the month'."""
    weeks = [ORDINALS[w] for w in sorted(session.weeks, key=lambda w: w if w > 0 else 9)]
    joined = weeks[0] if len(weeks) == 1 else ", ".join(weeks[:-1]) + " and " + weeks[-1]
    return f"{joined.capitalize()} {DAY_NAMES[DAYS.index(session.day)]} of the month"


def changes(service: Service, win: Window, today: date, alerts: Iterable[Alert] = (),
            weeks: int = 8) -> list[tuple[str, str]]:
    """(date, what) for dated changes to the usual hours in the coming `weeks`."""
    horizon = today + timedelta(weeks=weeks)
    rows: list[tuple[date, str, str]] = []
    for e in service.exceptions:
        if e.last < today or e.first > horizon:
            continue
        what = "Closed" if e.closed else _span_text(e.opens, e.closes)
        label = long_date(e.first) if e.first == e.last else f"{long_date(e.first)} to {long_date(e.last)}"
        rows.append((e.first, label, f"{what} ({e.note})" if e.note else what))
    if service.bank_holidays in ("closed", "open"):
        word = "Closed" if service.bank_holidays == "closed" else "Open as usual"
        for day, name in win.bank_holidays.items():
            if today <= day <= horizon and not any(e.first <= day <= e.last for e in service.exceptions):
                rows.append((day, long_date(day), f"{word} ({name})"))
    for alert, hours in extensions(service, alerts):
        if alert.active_until >= today:
            spans = "; ".join(f"{_days(h.days)}: {_span_text(h.opens, h.closes)}" for h in hours)
            rows.append((max(alert.active_from, today),
                         f"{long_date(alert.active_from)} to {long_date(alert.active_until)}",
                         f"Also open {spans} ({alert.title})"))
    return [(label, what) for _, label, what in sorted(rows)]



def in_effect(service: Service, today: date, alerts: Iterable[Alert] = ()) -> list[tuple[date, str]]:
    """(last day, words) for each change to the usual hours in force on `today`: an
    alert's extra hours, or a dated exception. Cards show them beside the usual hours,
    so "open now until 9am" never contradicts "7pm to 8am" without saying why."""
    rows: list[tuple[date, str]] = []
    for e in service.exceptions:
        if e.first <= today <= e.last:
            what = "closed" if e.closed else span_text(e.opens, e.closes)
            until = "today" if e.first == e.last else f"until {long_date(e.last)}"
            rows.append((e.last, f"{until.capitalize()}: {what}" + (f" ({e.note})" if e.note else "")))
    for alert, hours in extensions(service, alerts):
        if alert.active_from <= today <= alert.active_until:
            rows.append((alert.active_until, f"Until {long_date(alert.active_until)}: also open "
                         f"{hours_words(hours)}, during the alert “{alert.title}”"))
    return sorted(rows)


def hours_words(hours: Iterable[Hours], every_day: bool = True) -> str:
    """'every day, 5pm to 9am the next day; saturday, ...' for extra hours in a sentence
    (without `every_day`, hours for all seven days are just the times)."""
    return "; ".join(span_text(h.opens, h.closes) if len(h.days) == 7 and not every_day
                     else f"{_days(h.days).lower()}, {span_text(h.opens, h.closes)}" for h in hours)


def _days(days: list[str]) -> str:
    return day_list(sorted(DAYS.index(d) for d in days))


def _span_text(opens: str, closes: str) -> str:
    return span_text(opens, closes)
