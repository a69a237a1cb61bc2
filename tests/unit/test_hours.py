"""Opening hours as pure functions: the weekly table, the card summary, and "open now"
in UK time, including overnight spans, the week's wrap from Sunday into Monday, 24-hour
services and the clock changes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from c2c_registry.model import Hours
from c2c_views.directory.hours import (
    ALWAYS,
    DAY,
    WEEK,
    clock,
    day_list,
    describe,
    is_open,
    minute_of_week,
    span_text,
    state_at,
    summary,
    weekly_intervals,
    weekly_table,
)

UTC = ZoneInfo("UTC")
LONDON = ZoneInfo("Europe/London")
EVERY_DAY = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri"]

NIGHT_SHELTER = [Hours(EVERY_DAY, "19:00", "08:00")]
FRIDAY_NIGHT = [Hours(["fri"], "19:00", "08:00")]
OFFICE = [Hours(WEEKDAYS, "09:00", "17:00"), Hours(["sat"], "10:00", "13:00")]


def london(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def at(hours, when: datetime, always_open: bool = False, status: str = "active") -> str:
    return describe(weekly_intervals(hours, always_open), minute_of_week(when), status)


# 23 November 2026 is a Monday; the clocks go forward on 29 March 2026 and back on 25 October 2026.
@pytest.mark.parametrize("hours, when, expected", [
    (OFFICE, london(2026, 11, 23, 10, 0), "Open now until 5pm today"),
    (OFFICE, london(2026, 11, 23, 8, 59), "Closed now. Opens at 9am today"),
    (OFFICE, london(2026, 11, 23, 17, 0), "Closed now. Opens at 9am tomorrow"),  # closing time is exclusive
    (OFFICE, london(2026, 11, 27, 18, 0), "Closed now. Opens at 10am tomorrow"),  # Friday evening
    (OFFICE, london(2026, 11, 28, 14, 0), "Closed now. Opens at 9am on Monday"),  # Saturday afternoon
    (NIGHT_SHELTER, london(2026, 11, 23, 10, 0), "Closed now. Opens at 7pm today"),
    (NIGHT_SHELTER, london(2026, 11, 23, 19, 0), "Open now until 8am tomorrow"),
    (NIGHT_SHELTER, london(2026, 11, 28, 2, 0), "Open now until 8am today"),  # Saturday 02:00: Friday's night
    (NIGHT_SHELTER, london(2026, 11, 23, 2, 0), "Open now until 8am today"),  # Monday 02:00: Sunday's night
    (FRIDAY_NIGHT, london(2026, 11, 28, 2, 0), "Open now until 8am today"),  # only Friday's span covers it
    (FRIDAY_NIGHT, london(2026, 11, 28, 8, 0), "Closed now. Opens at 7pm on Friday"),
    (FRIDAY_NIGHT, london(2026, 11, 27, 20, 0), "Open now until 8am tomorrow"),
    (FRIDAY_NIGHT, london(2026, 11, 27, 12, 0), "Closed now. Opens at 7pm today"),
    (FRIDAY_NIGHT, london(2026, 11, 20, 19, 30), "Open now until 8am tomorrow"),
    ([Hours(["wed"], "13:00", "16:00")], london(2026, 11, 25, 17, 0), "Closed now. Opens at 1pm next Wednesday"),
    ([], london(2026, 11, 23, 10, 0), ""),
])
def test_describe_at_fixed_times(hours, when, expected):
    assert at(hours, when) == expected


def test_always_open_is_open_at_any_moment():
    for when in (london(2026, 11, 23, 10), london(2026, 11, 28, 2), london(2026, 3, 29, 1, 30)):
        assert at([], when, always_open=True) == "Open 24 hours"
        assert is_open(weekly_intervals([], True), when)


def test_closed_services_are_never_open_whatever_their_hours():
    when = london(2026, 11, 23, 20, 0)
    assert at(NIGHT_SHELTER, when, status="temporarily-closed") == "Temporarily closed"
    assert at(NIGHT_SHELTER, when, status="closed") == "Closed permanently"
    assert not is_open(weekly_intervals(NIGHT_SHELTER), when, "temporarily-closed")
    assert is_open(weekly_intervals(NIGHT_SHELTER), when, "active")


def test_spring_forward_day_uses_uk_clock_time_not_utc():
    """Sunday 29 March 2026: at 07:30 UTC it is 08:30 in the UK, after the shelter closes."""
    assert minute_of_week(datetime(2026, 3, 29, 7, 30, tzinfo=UTC)) == 6 * DAY + 8 * 60 + 30
    assert at(NIGHT_SHELTER, datetime(2026, 3, 29, 7, 30, tzinfo=UTC)) == "Closed now. Opens at 7pm today"
    assert at(NIGHT_SHELTER, datetime(2026, 3, 29, 6, 30, tzinfo=UTC)) == "Open now until 8am today"
    # 01:30 UTC is 02:30 BST; the shelter opened at 19:00 GMT on Saturday and is still open.
    assert at(NIGHT_SHELTER, datetime(2026, 3, 29, 1, 30, tzinfo=UTC)) == "Open now until 8am today"


def test_fall_back_day_uses_uk_clock_time():
    """Sunday 25 October 2026: 08:30 UTC is 08:30 GMT (the day before, 09:30 BST)."""
    assert minute_of_week(datetime(2026, 10, 25, 8, 30, tzinfo=UTC)) == 6 * DAY + 8 * 60 + 30
    assert minute_of_week(datetime(2026, 10, 24, 8, 30, tzinfo=UTC)) == 5 * DAY + 9 * 60 + 30
    office = [Hours(EVERY_DAY, "08:00", "09:00")]
    assert at(office, datetime(2026, 10, 25, 8, 30, tzinfo=UTC)) == "Open now until 9am today"
    assert at(office, datetime(2026, 10, 24, 8, 30, tzinfo=UTC)) == "Closed now. Opens at 8am tomorrow"


def test_naive_times_are_read_as_uk_time():
    assert minute_of_week(datetime(2026, 11, 23, 10, 0)) == 10 * 60


def test_overnight_span_is_one_interval_across_midnight():
    assert weekly_intervals(FRIDAY_NIGHT) == [(4 * DAY + 19 * 60, 5 * DAY + 8 * 60)]


def test_sunday_night_wraps_into_monday_and_merges_with_monday_morning():
    hours = [Hours(["sun"], "19:00", "08:00"), Hours(["mon"], "08:00", "12:00")]
    assert weekly_intervals(hours) == [(6 * DAY + 19 * 60, WEEK + 12 * 60)]
    assert at(hours, london(2026, 11, 23, 10, 0)) == "Open now until midday today"
    assert at(hours, london(2026, 11, 22, 23, 0)) == "Open now until midday tomorrow"


def test_touching_and_overlapping_spans_merge():
    hours = [Hours(["mon"], "09:00", "13:00"), Hours(["mon"], "12:00", "17:00")]
    assert weekly_intervals(hours) == [(9 * 60, 17 * 60)]
    assert at(hours, london(2026, 11, 23, 10, 0)) == "Open now until 5pm today"


def test_day_and_night_spans_that_cover_the_week_are_24_7():
    hours = [Hours(EVERY_DAY, "19:00", "08:00"), Hours(EVERY_DAY, "08:00", "19:00")]
    assert weekly_intervals(hours) == list(ALWAYS)
    assert at(hours, london(2026, 11, 25, 3, 0)) == "Open 24 hours"


def test_same_opening_and_closing_time_means_24_hours_from_then():
    assert weekly_intervals([Hours(["mon"], "09:00", "09:00")]) == [(9 * 60, DAY + 9 * 60)]
    assert span_text("09:00", "09:00") == "9am to 9am the next day"


def test_state_reports_next_change_even_a_week_ahead():
    intervals = weekly_intervals([Hours(["wed"], "13:00", "16:00")])
    wednesday_5pm = 2 * DAY + 17 * 60
    state = state_at(intervals, wednesday_5pm)
    assert not state.open and state.change_at == wednesday_5pm + 7 * DAY - 4 * 60


@pytest.mark.parametrize("minute, text", [
    (0, "midnight"), (12 * 60, "midday"), (9 * 60, "9am"), (17 * 60 + 30, "5:30pm"), (30, "12:30am"),
    (12 * 60 + 5, "12:05pm"), (23 * 60 + 59, "11:59pm"),
])
def test_clock_uses_gov_uk_style(minute, text):
    assert clock(minute) == text


@pytest.mark.parametrize("opens, closes, text", [
    ("09:00", "17:00", "9am to 5pm"),
    ("19:00", "08:00", "7pm to 8am the next day"),
    ("20:00", "07:30", "8pm to 7:30am the next day"),
    ("19:00", "00:00", "7pm to midnight"),
    ("12:00", "17:00", "midday to 5pm"),
])
def test_span_text(opens, closes, text):
    assert span_text(opens, closes) == text


def test_weekly_table_lists_every_day_with_spans_in_time_order():
    hours = [Hours(["mon"], "13:00", "16:00"), Hours(["mon", "tue"], "09:00", "12:00")]
    assert weekly_table(hours) == [
        ("Monday", "9am to midday and 1pm to 4pm"), ("Tuesday", "9am to midday"), ("Wednesday", "Closed"),
        ("Thursday", "Closed"), ("Friday", "Closed"), ("Saturday", "Closed"), ("Sunday", "Closed"),
    ]


@pytest.mark.parametrize("hours, always, text", [
    (OFFICE, False, "Monday to Friday: 9am to 5pm; Saturday: 10am to 1pm"),
    (NIGHT_SHELTER, False, "Every day: 7pm to 8am the next day"),
    ([], True, "Open 24 hours, every day"),
    ([Hours(["mon", "wed", "fri"], "10:00", "16:00")], False, "Monday, Wednesday and Friday: 10am to 4pm"),
    ([Hours(["sat", "sun"], "10:00", "16:00")], False, "Saturday and Sunday: 10am to 4pm"),
    ([Hours(["mon", "tue", "wed", "sat"], "10:00", "16:00")], False, "Monday to Wednesday and Saturday: 10am to 4pm"),
    ([], False, ""),
])
def test_summary_for_cards(hours, always, text):
    assert summary(hours, always) == text


def test_day_list():
    assert day_list([0, 1, 2, 3, 4, 5, 6]) == "Every day"
    assert day_list([1]) == "Tuesday"
    assert day_list([0, 1, 3, 4, 5]) == "Monday, Tuesday and Thursday to Saturday"
