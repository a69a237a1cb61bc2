"""The suite's clock, checked in the browser: a page opened under `@pytest.mark.clock`
reads that wall-clock time in London, whatever the machine's date (tests/conftest.py)."""

from __future__ import annotations

import pytest


@pytest.mark.clock("2027-07-01 21:30")
def test_a_browser_test_reads_the_moment_it_names_in_uk_time(base_url, page):
    """The suite's clock, checked: a page opened under `clock(...)` reads that wall-clock
    time in London (here British Summer Time), whatever the machine's date."""
    page.goto(base_url + "/about/")
    seen = page.evaluate("""() => { const d = new Date();
      return [d.toISOString(), new Intl.DateTimeFormat("en-GB", {timeZone: "Europe/London",
        dateStyle: "short", timeStyle: "short"}).format(d)]; }""")
    assert seen == ["2027-07-01T20:30:00.000Z", "01/07/2027, 21:30"]
