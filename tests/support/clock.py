"""The suite's clock: the date every build is as of, and the moment every browser page
is at. tests/conftest.py puts BUILD_DATE in C2C_BUILD_DATE for every command a test runs,
so no test reads the machine's date by accident."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

BUILD_DATE = "2026-11-23"
LONDON = ZoneInfo("Europe/London")
# Every browser page is at this moment, the build date at 10:00 UK time, unless its test
# names another with `@pytest.mark.clock("2026-07-01 21:30")` (UK time) or sets
# `page.clock` itself: the site is built as of BUILD_DATE, so its pages must be read then.
DEFAULT_MOMENT = f"{BUILD_DATE} 10:00"


def uk_time(moment: str) -> datetime:
    """'2026-11-23 21:30' as that wall-clock time in the UK (GMT or BST as it falls)."""
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)
