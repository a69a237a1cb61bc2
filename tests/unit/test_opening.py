"""Dated opening hours as pure functions, at fixed clocks: a bank-holiday closure, a
special Christmas opening, a monthly session, a severe-weather alert that extends a
shelter's hours (and stops by itself), and the clock change inside the window."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from c2c_registry.model import Alert, Hours, HoursException, Service, Session
from c2c_views.directory.opening import (
    changes,
    dated_intervals,
    describe_dated,
    in_week,
    needs_dates,
    next_session,
    session_text,
    window,
)

LONDON = ZoneInfo("Europe/London")
BUILD = date(2026, 11, 23)  # a Monday; the sample site's build date
WIN = window(BUILD)
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]
EVERY_DAY = [*WEEKDAYS, "sat", "sun"]


def service(**fields) -> Service:
    fields = {"slug": "test", **fields}
    return Service(source="content/services/test.yaml", name="Test", summary="", stages=[],
                   client_groups=[], areas=[], last_verified=BUILD, **fields)


def at(s: Service, *when: int, alerts: tuple[Alert, ...] = ()) -> str:
    minute = int(datetime(*when, tzinfo=LONDON).timestamp()) // 60
    return describe_dated(dated_intervals(s, WIN, alerts), minute, WIN.end_minute)


DAY_CENTRE = service(
    hours=[Hours(WEEKDAYS, "08:00", "15:00"), Hours(["sat"], "09:00", "12:00")],
    bank_holidays="closed",
    exceptions=[HoursException(date(2026, 12, 25), date(2026, 12, 25), False, "11:00", "15:00", "Christmas lunch"),
                HoursException(date(2026, 12, 31), date(2027, 1, 2), True, note="New Year")],
)


def test_the_bank_holiday_calendar_is_england_and_wales():
    assert WIN.bank_holidays[date(2026, 12, 25)] == "Christmas Day"
    assert WIN.bank_holidays[date(2026, 12, 28)] == "Boxing Day (observed)"
    assert date(2027, 1, 4) not in WIN.bank_holidays  # Scotland's 2 January holiday is not England's
    assert date(2027, 8, 30) in WIN.bank_holidays and date(2027, 8, 2) not in WIN.bank_holidays
    assert WIN.first == BUILD - timedelta(days=1) and (WIN.last - WIN.first).days == 396 + 1


def test_a_bank_holiday_closure():
    # Boxing Day (Saturday) and its observed Monday are closed: next open is Tuesday.
    assert at(DAY_CENTRE, 2026, 12, 26, 10, 0) == "Closed now. Opens at 8am on Tuesday"
    assert at(DAY_CENTRE, 2026, 12, 28, 10, 0) == "Closed now. Opens at 8am tomorrow"
    # An ordinary Monday is open.
    assert at(DAY_CENTRE, 2026, 12, 7, 10, 0) == "Open now until 3pm today"
    # "as-usual" keeps the weekly hours on a bank holiday.
    usual = service(hours=DAY_CENTRE.hours)
    assert at(usual, 2026, 12, 28, 10, 0) == "Open now until 3pm today"
    assert not needs_dates(usual, ())


def test_a_special_christmas_opening_wins_over_the_bank_holiday():
    assert at(DAY_CENTRE, 2026, 12, 25, 10, 0) == "Closed now. Opens at 11am today"
    assert at(DAY_CENTRE, 2026, 12, 25, 12, 0) == "Open now until 3pm today"
    # A range of closed days (31 December to 2 January, with New Year's Day inside it).
    assert at(DAY_CENTRE, 2026, 12, 30, 16, 0) == "Closed now. Opens at 8am on Monday"


def test_a_monthly_session():
    clinic = service(hours=[Hours(["wed"], "09:30", "12:30")],
                     sessions=[Session([1, 3], "tue", "10:00", "13:00")])
    assert at(clinic, 2026, 12, 1, 11, 0) == "Open now until 1pm today"  # the first Tuesday
    assert at(clinic, 2026, 12, 8, 11, 0) == "Closed now. Opens at 9:30am tomorrow"  # the second is not one
    assert at(clinic, 2026, 12, 10, 11, 0) == "Closed now. Opens at 10am on Tuesday"  # the third, 15 December
    only = service(sessions=[Session([-1], "fri", "14:00", "16:00")])
    assert at(only, 2026, 12, 1, 9, 0) == "Closed now. Opens at 2pm on Friday 25 December"
    assert session_text(clinic.sessions[0]) == "First and third Tuesday of the month"
    assert session_text(only.sessions[0]) == "Last Friday of the month"
    assert next_session(clinic, WIN, date(2026, 12, 2)) == "Tuesday 15 December, 10am to 1pm"


def test_week_of_the_month():
    assert in_week(date(2026, 12, 1), 1) and in_week(date(2026, 12, 15), 3)
    assert in_week(date(2026, 12, 29), -1) and not in_week(date(2026, 12, 22), -1)
    assert not in_week(date(2026, 12, 29), 4)


def test_an_alert_extends_a_shelters_hours_while_it_is_active():
    shelter = service(slug="shelter", hours=[Hours(EVERY_DAY, "19:00", "08:00")])
    cold = Alert("cold", "content/alerts/cold.yaml", "Severe weather", "", "warning", [],
                 date(2026, 11, 20), date(2026, 11, 27), {"shelter": [Hours(EVERY_DAY, "17:00", "09:00")]})
    assert needs_dates(shelter, (cold,))
    assert at(shelter, 2026, 11, 23, 10, 0, alerts=(cold,)) == "Closed now. Opens at 5pm today"
    assert at(shelter, 2026, 11, 24, 8, 30, alerts=(cold,)) == "Open now until 9am today"
    # The last night of the alert runs to its end the next morning; then the usual hours.
    assert at(shelter, 2026, 11, 28, 8, 30, alerts=(cold,)) == "Open now until 9am today"
    assert at(shelter, 2026, 11, 28, 10, 0, alerts=(cold,)) == "Closed now. Opens at 7pm today"
    assert at(shelter, 2026, 11, 30, 10, 0, alerts=(cold,)) == "Closed now. Opens at 7pm today"
    assert changes(shelter, WIN, BUILD, (cold,)) == [
        ("Friday 20 November to Friday 27 November", "Also open Every day: 5pm to 9am the next day (Severe weather)")]


def test_spans_follow_the_uk_clock_across_the_spring_change():
    shelter = service(hours=[Hours(EVERY_DAY, "19:00", "08:00")], bank_holidays="closed")
    win = window(date(2027, 3, 1), 60)
    saturday = datetime(2027, 3, 27, 19, 0, tzinfo=LONDON)
    intervals = dated_intervals(shelter, win)
    start = int(saturday.timestamp()) // 60
    span = next(iv for iv in intervals if iv[0] <= start < iv[1])
    # 7pm GMT to 8am BST: 12 hours of real time, not 13.
    assert span[1] - span[0] >= 12 * 60  # merged with the nights either side
    sunday_8am = int(datetime(2027, 3, 28, 8, 0, tzinfo=LONDON).timestamp()) // 60
    assert any(iv[1] == sunday_8am for iv in intervals)


def test_changes_list_the_coming_weeks():
    rows = changes(DAY_CENTRE, WIN, date(2026, 12, 20))
    assert rows[0] == ("Friday 25 December", "11am to 3pm (Christmas lunch)")
    assert ("Saturday 26 December", "Closed (Boxing Day)") in rows
    assert ("Thursday 31 December to Saturday 2 January", "Closed (New Year)") in rows
    assert ("Friday 1 January", "Closed (New Year's Day)") not in rows  # the exception says it
