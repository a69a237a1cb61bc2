"""Long lists in pages, in Chromium: followed without JavaScript (and axe finds nothing
on a later page), the directory's pages too; and the directory's filters over the split
filter data, five services a page: one area and "open now" show the same services as the
build says, and a card fetched from another page can be shortlisted."""

from __future__ import annotations

from datetime import datetime

import pytest

from c2c_views.directory.opening import describe_record

from support.browser_watch import Watcher, axe_violations
from support.clock import LONDON
from support.page_kinds import services_json
from support.paged_site import PAGE_SIZE


def test_pages_are_followed_without_javascript_and_pass_axe(browser, paged_url):
    base = paged_url
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": 320, "height": 640})
    try:
        watcher = Watcher(context, base, axe=False)
        page = context.new_page()
        watcher.visit(page, base + "/organisations/")
        page.get_by_role("link", name="Next page").click()
        page.wait_for_url(base + "/organisations/page/2/")  # the new page loaded, not only its address
        assert page.title().startswith("Organisations (page 2 of ")
        page.get_by_role("link", name="Page 1", exact=True).click()
        page.wait_for_url(base + "/organisations/")  # the new page loaded, not only its address
        assert not watcher.problems, "\n".join(watcher.problems)
        axe_context = browser.new_context(locale="en-GB")
        axe_page = axe_context.new_page()
        Watcher(axe_context, base, axe=True).visit(axe_page, base + "/progress/overdue/page/2/")
        violations = axe_violations(axe_page)
        assert not violations, "\n".join(violations)
        axe_context.close()
    finally:
        context.close()


def test_directory_pages_are_followed_without_javascript(browser, paged_url):
    base = paged_url
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base + "/directory/")
        page.get_by_role("link", name="Next page").click()
        page.wait_for_url(base + "/directory/page/2/")  # the new page loaded, not only its address
        assert page.title().startswith("Find a homelessness service (page 2 of ")
        assert page.locator("#results .js-service-card").count() == PAGE_SIZE
        page.goto(base + "/stages/crisis-prevention-and-relief/")
        page.get_by_role("link", name="Next page").click()
        page.wait_for_url(base + "/stages/crisis-prevention-and-relief/page/2/")  # the new page loaded, not only its address
    finally:
        context.close()


# ---- The same services as before, through the split data ------------------------------------

def _open_at(s: dict, when: datetime, window) -> bool:
    return s["status"] == "active" and describe_record(s, when, window).startswith("Open")


@pytest.mark.parametrize("area, when", [
    ("wolverhampton", datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)),
    ("coventry", datetime(2026, 11, 28, 2, 0, tzinfo=LONDON)),
    ("birmingham", datetime(2026, 12, 25, 12, 0, tzinfo=LONDON)),
])
def test_one_area_and_open_now_shows_the_same_services_as_the_build_says(browser, paged_site, paged_url, area, when):
    """Five a page, so the matches come from cards fetched from other pages' chunks."""
    data = services_json(paged_site)
    expected = [s["slug"] for s in data["services"] if s["status"] != "closed" and area in s["in"]["area"]
                and _open_at(s, when, data["window"])]
    assert expected
    base = paged_url
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", service_workers="block")
    requested: list[str] = []
    try:
        page = context.new_page()
        page.on("request", lambda r: requested.append(r.url))
        page.clock.set_fixed_time(when)
        page.goto(base + f"/directory/?area={area}&open=1")
        for _ in range(len(expected) // PAGE_SIZE + 1):
            page.wait_for_selector("#results:not([aria-busy])", state="attached")
            more = page.locator(".js-show-more")
            if more.is_visible():
                more.click()
        page.wait_for_selector("#results:not([aria-busy])", state="attached")
        shown = page.eval_on_selector_all("#results .js-service-card", "cs => cs.map(c => c.dataset.slug)")
        assert shown == expected
        assert page.locator(".js-result-count").inner_text().startswith(f"{len(expected)} service")
        # Only the chosen area's filter data for the results, never the whole services.json.
        assert not [u for u in requested if u.endswith("services.json")]
        assert f"/directory/data/filters-{area}.json" in [u[len(base):] for u in requested]
    finally:
        context.close()


def test_a_card_fetched_by_the_filters_can_be_shortlisted(browser, paged_url):
    base = paged_url
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", service_workers="block")
    try:
        page = context.new_page()
        page.goto(base + "/directory/")
        on_page = set(page.eval_on_selector_all("#results .js-service-card", "cs => cs.map(c => c.dataset.slug)"))
        page.goto(base + "/directory/?area=coventry&referral=professional")
        page.wait_for_selector("#results:not([aria-busy])", state="attached")
        fetched = [s for s in page.eval_on_selector_all("#results .js-service-card", "cs => cs.map(c => c.dataset.slug)")
                   if s not in on_page]
        assert fetched, "the first page of matches should need cards from another page"
        assert page.locator(".js-pages").is_hidden() and page.locator(".js-page-caption").is_hidden()
        page.locator(f"#service-{fetched[0]} .js-shortlist-toggle").click()
        assert page.locator(".js-shortlist-count").first.inner_text() == "(1)"
        assert page.locator(f"#service-{fetched[0]} .js-shortlist-toggle").get_attribute("aria-pressed") == "true"
    finally:
        context.close()
