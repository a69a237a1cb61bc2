"""The services directory in headless Chromium: filters that combine and live in the URL,
"open now" at fixed clock times (Monday 10:00, Saturday 02:00 overnight, the spring clock
change, 24/7), near me with a mocked position, quick exit, the shortlist (print view,
link and QR code) and use without signal after one visit."""

from __future__ import annotations

import json
import math
import re
from datetime import datetime
from urllib.parse import parse_qs
from zoneinfo import ZoneInfo

import pytest

from c2c_registry.load.registry import load_registry
from c2c_registry.settings import DEFAULTS
from c2c_registry.urls import Urls
from c2c_views.directory.opening import describe_record

from support.browser_watch import Watcher, axe_violations
from support.project import ROOT

pytestmark = pytest.mark.browser

UTC = ZoneInfo("UTC")
LONDON = ZoneInfo("Europe/London")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)
SATURDAY_2 = datetime(2026, 11, 28, 2, 0, tzinfo=LONDON)
EXIT_URL = DEFAULTS["C2C_QUICK_EXIT_URL"]
WOLVERHAMPTON_SHELTER = (52.5942, -2.1402)
# The page's data has loaded and been applied: live status shown, the shortlist drawn, or
# no filtered results.
READY = """() => document.querySelector(".js-open-status:not([hidden]), .js-shortlist-list li, "
    + ".js-shortlist-empty:not([hidden]), .js-no-results:not([hidden])") !== null"""


@pytest.fixture(scope="module")
def services_data(site) -> dict:
    return json.loads((site / "directory" / "services.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def services(services_data) -> list[dict]:
    return services_data["services"]


@pytest.fixture(scope="module")
def python_says(services_data):
    """What the Python engines say for a services.json record at `when`: dated hours
    inside the build's window, else the weekly pattern."""
    return lambda s, when: describe_record(s, when, services_data["window"])


@pytest.fixture
def open_context(browser):
    """Fresh browser contexts; every console error or uncaught script error fails the test."""
    contexts, errors = [], []

    def make(**options):
        settings = {"locale": "en-GB", "timezone_id": "Europe/London", "service_workers": "block", **options}
        context = browser.new_context(**settings)
        context.on("page", lambda pg: (
            pg.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None),
            pg.on("pageerror", lambda e: errors.append(f"script error: {e}")),
        ))
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()
    assert not errors, "\n".join(errors)


@pytest.fixture
def page_at(open_context, base_url):
    """A page whose clock is fixed at `when`, opened at `path`."""

    def open_page(path: str, when: datetime | None = None, **options):
        page = open_context(**options).new_page()
        if when is not None:
            page.clock.set_fixed_time(when)
        page.goto(base_url + path)
        page.wait_for_function(READY, timeout=10000)
        show_all(page)
        return page

    return open_page


def show_all(page) -> None:
    """Press "Show N more" until every card is shown (the directory shows them in steps)."""
    more = page.locator(".js-show-more")
    while more.is_visible():
        more.click()
        page.wait_for_selector("#results:not([aria-busy])", state="attached")


def query(page) -> str:
    """The page's query string now (page.url can lag behind history.pushState)."""
    return page.evaluate("() => location.search").lstrip("?")


def visible_slugs(page) -> list[str]:
    """The cards shown once the filters have drawn their matches (they may fetch data)."""
    page.wait_for_selector("#results:not([aria-busy])", state="attached")
    show_all(page)
    return page.eval_on_selector_all(
        "#results .js-service-card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.slug)")


def status_text(page, slug: str) -> str:
    return page.locator(f"#service-{slug} .js-open-status").inner_text().strip()


# The listing rules, written out again here from what each content file declares (not
# from services.json, which carries the build's answer), so the browser is checked
# against them.
DECLARED = load_registry(ROOT / "content")[0].services


@pytest.fixture(scope="module")
def searched(site, services):
    """The services the site's search engine finds for the directory's search box, best
    first (the engine itself is checked in tests/test_search_index.py)."""
    from support.search_node import node

    listed = [s["slug"] for s in services if s["status"] != "closed"]
    return lambda q: [listed[n] for n in node(site, {"services": [q]})["services"][0]["order"]]


def matches(s: dict, stage=(), area="", group="", referral="", free=False, found=None) -> bool:
    d = DECLARED[s["slug"]]
    return (
        d.status != "closed"
        and (not stage or any(x in d.stages for x in stage))
        and (not area or area in d.areas or "west-midlands" in d.areas)
        and (not group or group in d.client_groups or "everyone" in d.client_groups)
        and (not referral or d.referral in (referral, "both"))
        and (not free or d.cost == "free")
        and (found is None or s["slug"] in found)
    )


# ---- Filters and the URL ---------------------------------------------------------------

def test_filters_combine_live_in_the_url_and_back_undoes_them(page_at, services, base_url, searched):
    page = page_at("/directory/", MONDAY_10)
    everyone = [s["slug"] for s in services if s["status"] != "closed"]
    assert visible_slugs(page) == everyone

    page.get_by_label(re.compile("^Free")).check()
    assert query(page) == "free=1"
    page.get_by_label("Area", exact=True).select_option("wolverhampton")
    page.get_by_role("radio", name=re.compile("^Refer yourself")).check()
    page.get_by_role("checkbox", name=re.compile("^Crisis Prevention & Relief")).check()
    page.get_by_label("Search the directory").fill("shelter")
    assert parse_qs(query(page)) == {"stage": ["crisis-prevention-and-relief"], "area": ["wolverhampton"],
                     "referral": ["self"], "free": ["1"], "q": ["shelter"]}

    shelter = searched("shelter")  # shown in the engine's order
    by_slug = {s["slug"]: s for s in services}
    expected = [slug for slug in shelter if matches(by_slug[slug], ["crisis-prevention-and-relief"], "wolverhampton",
                                                    referral="self", free=True, found=shelter)]
    assert expected and len(expected) < len(everyone) // 4
    assert visible_slugs(page) == expected
    assert page.locator(".js-result-count").inner_text() == f"{len(expected)} service" + \
        ("" if len(expected) == 1 else "s") + (" matches" if len(expected) == 1 else " match") + " your filters"
    # Counts: how many each other value would show, with the rest of the filters kept.
    coventry = sum(matches(s, ["crisis-prevention-and-relief"], "coventry", referral="self", free=True,
                           found=shelter) for s in services)
    assert page.locator("#filter-area option[value=coventry]").inner_text() == f"Coventry ({coventry})"
    free_count = sum(matches(s, ["crisis-prevention-and-relief"], "wolverhampton", referral="self", free=True,
                             found=shelter) for s in services)
    assert page.locator(".js-count[data-facet=free]").inner_text() == f"({free_count})"

    shared = page.evaluate("() => location.pathname + location.search")
    page.go_back()  # undoes the search
    assert "q=" not in query(page) and page.get_by_label("Search the directory").input_value() == ""
    assert visible_slugs(page) == [s["slug"] for s in services if matches(
        s, ["crisis-prevention-and-relief"], "wolverhampton", referral="self", free=True)]
    page.go_back()  # undoes the stage
    assert not page.get_by_role("checkbox", name=re.compile("^Crisis Prevention & Relief")).is_checked()
    page.go_forward()
    assert page.get_by_role("checkbox", name=re.compile("^Crisis Prevention & Relief")).is_checked()

    # The URL is shareable: opened fresh, it shows the same controls and services.
    other = page_at(shared, MONDAY_10)
    assert other.get_by_label("Search the directory").input_value() == "shelter"
    assert other.get_by_label("Area", exact=True).input_value() == "wolverhampton"
    assert visible_slugs(other) == expected


def test_counts_written_at_build_time_match_the_browser(page_at):
    """The browser recomputes every count on load; with no filter it must agree with the
    numbers the build (c2c_views) wrote into the page."""
    page = page_at("/directory/", MONDAY_10)
    built = page.evaluate("""async () => {
        const html = await (await fetch(location.pathname)).text();
        const doc = new DOMParser().parseFromString(html, "text/html");
        return [...doc.querySelectorAll(".js-count, #filter-area option, #filter-group option")].map(e => e.textContent);
    }""")
    now = page.eval_on_selector_all(".js-count, #filter-area option, #filter-group option", "els => els.map(e => e.textContent)")
    assert len(built) == len(now)
    differing = [(b, n) for b, n in zip(built, now, strict=True) if b != n and b != ""]
    assert not differing


def test_no_results_message(page_at):
    page = page_at("/directory/?q=zzzz-no-such-thing", MONDAY_10)
    assert visible_slugs(page) == []
    assert page.get_by_text("No services match all of your filters").is_visible()


# ---- Open now -------------------------------------------------------------------------

@pytest.mark.parametrize("when, timezone, expected", [
    (MONDAY_10, "Europe/London", {
        "mercia-gate-housing-options-desk": "Open now until 5pm today",
        # The severe-weather alert (20 to 27 November) opens the shelter from 5pm.
        "lantern-wolverhampton-night-shelter": "Closed now. Opens at 5pm today",
        "stourvale-crisis-cafe": "Closed now. Opens at 5pm today",
        "kestrel-domestic-abuse-helpline": "Open 24 hours",
    }),
    (SATURDAY_2, "Europe/London", {
        "lantern-wolverhampton-night-shelter": "Open now until 9am today",  # the alert's last night
        "mercia-gate-housing-options-desk": "Closed now. Opens at 9am on Monday",
        "canal-street-day-centre": "Closed now. Opens at 9am today",
        "mercia-gate-out-of-hours-line": "Open 24 hours",
    }),
    # The spring clock change, seen on a device set to UTC: 07:30 UTC is 08:30 in the UK,
    # so the shelter (closes 08:00) has closed, though the device's own clock says 07:30.
    (datetime(2026, 3, 29, 7, 30, tzinfo=UTC), "UTC", {
        "lantern-wolverhampton-night-shelter": "Closed now. Opens at 7pm today",
        "kestrel-domestic-abuse-helpline": "Open 24 hours",
    }),
    (datetime(2026, 3, 29, 6, 30, tzinfo=UTC), "UTC", {
        "lantern-wolverhampton-night-shelter": "Open now until 8am today",
    }),
])
def test_open_now_at_fixed_times(page_at, services, python_says, when, timezone, expected):
    page = page_at("/directory/", when, timezone_id=timezone)
    for slug, text in expected.items():
        assert status_text(page, slug) == text, slug
    # Every card says exactly what hours.py (or opening.py, for dated hours) says for that moment.
    for s in services:
        if s["status"] != "active":  # their cards say "Temporarily closed" in a tag instead
            assert page.locator(f"#service-{s['slug']} .js-open-status").count() == 0
            continue
        python = python_says(s, when)
        shown = page.locator(f"#service-{s['slug']} .js-open-status")
        assert (shown.inner_text().strip() if shown.is_visible() else "") == python, s["slug"]
    # The open-now filter keeps exactly the services open at that moment.
    page.get_by_label(re.compile("^Open now")).check()
    assert query(page) == "open=1"
    open_now = [s["slug"] for s in services if s["status"] == "active" and python_says(s, when).startswith("Open")]
    assert visible_slugs(page) == open_now
    assert page.locator(".js-count[data-facet=open]").inner_text() == f"({len(open_now)})"


def test_service_page_shows_open_now_in_uk_time(page_at):
    page = page_at("/directory/lantern-wolverhampton-night-shelter/", SATURDAY_2)
    assert page.locator(".app-service__now").inner_text() == "Open now until 9am today"


# ---- Dated hours at fixed clocks: bank holidays, Christmas, monthly sessions, alerts ----------

@pytest.mark.parametrize("slug, when, expected", [
    ("canal-street-day-centre", datetime(2026, 12, 25, 10, 0, tzinfo=LONDON), "Closed now. Opens at 11am today"),
    ("canal-street-day-centre", datetime(2026, 12, 25, 12, 0, tzinfo=LONDON), "Open now until 3pm today"),
    ("canal-street-day-centre", datetime(2026, 12, 26, 10, 0, tzinfo=LONDON), "Closed now. Opens at 8am on Tuesday"),
    ("rowley-family-centre-housing-clinic", datetime(2026, 12, 1, 11, 0, tzinfo=LONDON), "Open now until 1pm today"),
    ("rowley-family-centre-housing-clinic", datetime(2026, 12, 10, 11, 0, tzinfo=LONDON),
     "Closed now. Opens at 10am on Tuesday"),
    ("lantern-wolverhampton-night-shelter", datetime(2026, 11, 24, 8, 30, tzinfo=LONDON), "Open now until 9am today"),
    # After the alert's end date nobody edited a file: the usual hours are back.
    ("lantern-wolverhampton-night-shelter", datetime(2026, 11, 30, 8, 30, tzinfo=LONDON),
     "Closed now. Opens at 7pm today"),
])
def test_dated_hours_at_fixed_clocks_match_python(page_at, services, python_says, slug, when, expected):
    record = next(s for s in services if s["slug"] == slug)
    assert python_says(record, when) == expected
    page = page_at("/directory/", when)
    assert status_text(page, slug) == expected
    page.get_by_label(re.compile("^Open now")).check()
    assert (slug in visible_slugs(page)) == expected.startswith("Open")
    page = page_at(f"/directory/{slug}/", when)
    assert page.locator(".app-service__now").inner_text() == expected


def test_the_alert_banner_and_its_extra_hours_go_after_its_end_date(page_at):
    page = page_at("/directory/lantern-wolverhampton-night-shelter/", datetime(2026, 11, 30, 18, 0, tzinfo=LONDON))
    assert page.locator(".js-alert").first.is_hidden()
    assert page.locator(".app-service__now").inner_text() == "Closed now. Opens at 7pm today"


def test_a_service_page_carries_its_own_hours_and_never_downloads_the_directorys_data(
        open_context, base_url, services):
    context = open_context()
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    page.clock.set_fixed_time(SATURDAY_2)
    page.goto(base_url + "/directory/lantern-wolverhampton-night-shelter/")
    page.wait_for_function(READY, timeout=10000)
    # The severe-weather alert extends the shelter's hours to 9am (the dated hours).
    assert page.locator(".app-service__now").inner_text() == "Open now until 9am today"
    page.wait_for_load_state("networkidle")
    assert not [u for u in requested if "services.json" in u], requested
    # The same record as services.json's, from the same function.
    own = json.loads(page.locator("script.js-services-data").text_content())["services"]
    whole = next(s for s in services if s["slug"] == "lantern-wolverhampton-night-shelter")
    assert own == [{key: whole[key] for key in own[0]}]


# ---- Near me ------------------------------------------------------------------------------

def km(a, b):
    rad = math.pi / 180
    dlat, dlon = (b[0] - a[0]) * rad, (b[1] - a[1]) * rad
    h = math.sin(dlat / 2) ** 2 + math.cos(a[0] * rad) * math.cos(b[0] * rad) * math.sin(dlon / 2) ** 2
    return 6371 * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))


def test_near_me_sorts_by_distance_only_when_asked_and_sends_nothing(page_at, services):
    latitude, longitude = WOLVERHAMPTON_SHELTER
    page = page_at("/directory/", MONDAY_10, geolocation={"latitude": latitude, "longitude": longitude},
                   permissions=["geolocation"])
    page.evaluate("""() => { window.__asked = 0; const real = navigator.geolocation.getCurrentPosition.bind(navigator.geolocation);
        navigator.geolocation.getCurrentPosition = (...a) => { window.__asked += 1; return real(...a); }; }""")
    assert page.evaluate("window.__asked") == 0
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.get_by_role("button", name="Sort by distance from me").click()
    page.wait_for_selector("#results .js-distance:not([hidden])")
    assert page.evaluate("window.__asked") == 1

    listed = [s for s in services if s["status"] != "closed"]
    placed = sorted((s for s in listed if s["locations"]),
                    key=lambda s: min(km((latitude, longitude), (loc["lat"], loc["lon"])) for loc in s["locations"]))
    unplaced = [s["slug"] for s in listed if not s["locations"]]
    order = page.eval_on_selector_all("#results .js-service-card", "cards => cards.map(c => c.dataset.slug)")
    assert order == [s["slug"] for s in placed] + unplaced
    assert order[0] == "lantern-wolverhampton-night-shelter"
    first = page.locator("#results .js-service-card").first.locator(".js-distance").inner_text()
    assert first == "Less than 0.1 miles away"
    assert page.locator(f"#service-{unplaced[0]} .js-distance").inner_text().startswith("No address to visit")
    assert not requests, f"sorting by distance made requests: {requests}"
    assert str(latitude) not in page.url

    page.get_by_role("button", name="Sort by name").click()
    assert page.eval_on_selector_all("#results .js-service-card", "cards => cards.map(c => c.dataset.slug)") == \
        [s["slug"] for s in listed]


# ---- Quick exit -------------------------------------------------------------------------

@pytest.fixture
def exit_page(open_context, base_url):
    def make(path: str, **options):
        context = open_context(**options)
        context.route(EXIT_URL.split("?")[0].rstrip("/") + "**", lambda route: route.fulfill(
            status=200, content_type="text/html", body="<!doctype html><title>Weather</title><h1>Weather</h1>"))
        page = context.new_page()
        page.goto(base_url + path)
        return page
    return make


def test_quick_exit_link_leaves_and_back_does_not_return(exit_page):
    page = exit_page("/directory/kingfisher-house-hostel/")
    page.wait_for_selector(".js-exit-hint:not([hidden])", state="attached")  # the script ran (the hint may be folded)
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    assert page.title() == "Weather"
    page.go_back()
    assert "/directory/" not in page.url


def test_escape_three_times_leaves(exit_page):
    page = exit_page("/directory/")
    page.wait_for_selector(".js-exit-hint:not([hidden])", state="attached")  # the script ran (the hint may be folded)
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert "/directory/" in page.url
    assert "1 more time" in page.locator(".app-quick-exit [role=status]").inner_text()
    page.keyboard.press("Escape")
    page.wait_for_url(EXIT_URL + "**")
    page.go_back()
    assert "/directory/" not in page.url


def test_quick_exit_is_a_real_link_without_javascript(exit_page):
    page = exit_page("/directory/", java_script_enabled=False)
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    assert page.title() == "Weather"


# ---- Shortlist ------------------------------------------------------------------------------

def test_shortlist_add_print_share_and_restore(page_at, base_url, open_context):
    page = page_at("/directory/", MONDAY_10)
    for slug in ("kestrel-domestic-abuse-helpline", "lantern-wolverhampton-night-shelter"):
        button = page.locator(f"#service-{slug} .js-shortlist-toggle")
        assert button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    assert page.locator(".js-shortlist-count").inner_text() == "(2)"
    page.get_by_role("link", name=re.compile("^Your shortlist")).click()

    page.wait_for_selector(".js-shortlist-list li")
    items = page.locator(".js-shortlist-list > li")
    assert items.count() == 2
    assert items.nth(0).locator("h2").inner_text() == "Kestrel Domestic Abuse Helpline and Refuge"
    assert items.nth(1).get_by_role("link", name="01632 960101", exact=True).get_attribute("href") == "tel:01632960101"
    # Call and directions first on each item, as on the cards.
    assert items.nth(1).get_by_role("link", name="Call Lantern Wolverhampton Night Shelter on 01632 960101") \
        .get_attribute("href") == "tel:01632960101"
    assert items.nth(1).get_by_role("link", name=re.compile("^Directions to St Alder's Church Hall")) \
        .get_attribute("href") == "https://www.google.com/maps/dir/?api=1&destination=52.5942,-2.1402"
    assert "Every day: 7pm to 8am the next day" in items.nth(1).inner_text()
    link = page.get_by_label("Link to this list").input_value()
    assert link == base_url + "/directory/shortlist/?s=kestrel-domestic-abuse-helpline,lantern-wolverhampton-night-shelter"
    assert page.evaluate("() => location.href") == link
    qr = page.locator(".js-shortlist-qr img")
    assert qr.get_attribute("src").startswith("data:image/gif;base64,")
    assert qr.get_attribute("alt") == "QR code for the link to this list"
    assert qr.evaluate("img => img.complete && img.naturalWidth > 50")

    # Print: a clean handout with the services and the code, without the site around it.
    page.emulate_media(media="print")
    for hidden in ("Emergency Exit this page", "Print handout", "Clear shortlist", "Copy link"):
        assert not page.get_by_role("button", name=hidden).is_visible(), hidden
    assert not page.locator("nav.app-nav").is_visible() and not page.locator("footer").is_visible()
    assert not page.get_by_role("button", name=re.compile("^Remove")).first.is_visible()
    assert items.nth(0).is_visible() and items.nth(1).is_visible() and qr.is_visible()
    assert not items.nth(1).get_by_text("Right now").is_visible()  # paper outlives "open now"
    assert items.nth(1).get_by_text("Every day: 7pm to 8am the next day").is_visible()
    assert page.get_by_role("heading", name="Need help now?").is_visible()
    page.emulate_media(media="screen")

    # The link restores the list on another device (a fresh browser context).
    other = page_at("/directory/shortlist/?s=lantern-wolverhampton-night-shelter,kestrel-domestic-abuse-helpline")
    other.wait_for_selector(".js-shortlist-list li")
    assert other.locator(".js-shortlist-list > li h2").all_inner_texts() == [
        "Lantern Wolverhampton Night Shelter", "Kestrel Domestic Abuse Helpline and Refuge"]
    assert json.loads(other.evaluate("localStorage.getItem('c2c-directory-shortlist')")) == [
        "lantern-wolverhampton-night-shelter", "kestrel-domestic-abuse-helpline"]
    other.get_by_role("button", name="Remove Lantern Wolverhampton Night Shelter from the shortlist").click()
    assert query(other) == "s=kestrel-domestic-abuse-helpline"


def test_copy_link_puts_the_link_on_the_clipboard(page_at):
    page = page_at("/directory/shortlist/?s=kestrel-domestic-abuse-helpline",
                   permissions=["clipboard-read", "clipboard-write"])
    page.wait_for_selector(".js-shortlist-list li")
    page.get_by_role("button", name="Copy link").click()
    page.get_by_text("Link copied.").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.get_by_label("Link to this list").input_value()


def test_hostile_text_in_the_shortlist_and_cards_stays_text(browser, hostile_url):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", service_workers="block")
    try:
        watcher = Watcher(context, hostile_url)
        page = context.new_page()
        watcher.visit(page, hostile_url + "/directory/shortlist/?s=hostile-night-shelter,hostile-provider-line")
        page.wait_for_selector(".js-shortlist-list li")
        names = page.locator(".js-shortlist-list > li h2").all_inner_texts()
        assert names[0] == '</script><script>alert("service-name")</script> Night Shelter'
        assert page.locator(".js-shortlist-list script, .js-shortlist-list img, .js-shortlist-list svg").count() == 0
        watcher.visit(page, hostile_url + "/directory/?q=night")
        page.wait_for_selector(".js-open-status:not([hidden])")
        assert not watcher.dialogs and not watcher.problems, "\n".join(watcher.problems)
    finally:
        context.close()


# ---- Offline ------------------------------------------------------------------------------

def _controlled(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)


def _kept(page) -> list[str]:
    """Every address in this site's caches, as paths."""
    return page.evaluate("""async () => {
        const found = [];
        for (const key of await caches.keys())
          for (const request of await (await caches.open(key)).keys()) found.push(new URL(request.url).pathname);
        return found; }""")


def test_directory_works_offline_after_one_visit(open_context, base_url):
    context = open_context(service_workers="allow")
    page = context.new_page()
    page.goto(base_url + "/directory/")
    _controlled(page)
    # Install keeps the shell only: no service page is downloaded before it is visited.
    kept = _kept(page)
    assert "/directory/" in kept and "/directory/services.json" in kept
    assert "/directory/data/filters-all.json" in kept and "/directory/data/cards-1.json" in kept
    assert not [p for p in kept if p.startswith("/directory/") and p.count("/") == 3
                and p.split("/")[2] not in ("areas", "stages", "shortlist", "data")], kept
    page.goto(base_url + "/directory/mercia-gate-out-of-hours-line/")  # visited once, online
    context.set_offline(True)
    page.goto(base_url + "/directory/")
    assert page.locator("h1").inner_text() == "Find a homelessness service"
    assert page.locator(".js-offline-notice").inner_text().startswith("You are offline")
    assert "Data as of 23 November 2026" in page.locator(".app-data-date").inner_text()
    page.wait_for_selector(".js-open-status:not([hidden])")  # services.json came from the cache
    # A service page visited once is there, with its styles and its own open-now state.
    page.goto(base_url + "/directory/mercia-gate-out-of-hours-line/")
    assert page.locator("h1").inner_text() == "Mercia Gate Out-of-Hours Homelessness Line"
    assert page.locator(".app-help-menu__button").evaluate("el => getComputedStyle(el).borderLeftStyle") == "solid"
    page.wait_for_selector(".js-open-status:not([hidden])")
    # A filtered listing is the same cached page, filtered in the browser.
    page.goto(base_url + "/directory/?area=coventry")
    assert page.get_by_label("Area", exact=True).input_value() == "coventry"
    # A page never visited falls back to the directory, which says it is offline.
    page.goto(base_url + "/directory/kestrel-domestic-abuse-helpline/")
    assert page.locator("h1").inner_text() == "Find a homelessness service"


def test_pages_are_kept_as_they_are_visited(open_context, base_url):
    context = open_context(service_workers="allow")
    page = context.new_page()
    page.goto(base_url + "/organisations/")  # no worker yet: it is registered by the directory
    page.goto(base_url + "/directory/areas/coventry/")
    _controlled(page)
    # The first page, loaded before the worker ran, is kept too (the page asks for it).
    page.wait_for_function("async () => (await caches.match(location.href)) !== undefined", timeout=20000)
    page.goto(base_url + "/progress/")
    page.wait_for_function("async () => (await caches.match(location.href)) !== undefined", timeout=20000)
    assert "/organisations/" not in _kept(page)  # visited before the worker existed
    context.set_offline(True)
    for path, heading in (("/directory/areas/coventry/", "Coventry"), ("/progress/", "Progress")):
        page.goto(base_url + path)
        assert page.locator("h1").inner_text() == heading


SAVED_SLUGS = ["kestrel-domestic-abuse-helpline", "canal-street-day-centre"]


def _save_shortlist(context, base_url):
    """A shortlist of SAVED_SLUGS saved for offline use; returns the page."""
    page = context.new_page()
    page.goto(base_url + "/directory/shortlist/?s=" + ",".join(SAVED_SLUGS))
    page.wait_for_selector(".js-shortlist-list li")
    _controlled(page)
    assert not [p for p in _kept(page) if any(slug in p for slug in SAVED_SLUGS)]
    page.get_by_role("button", name="Save for offline use").click()
    expect_text = "Saved 2 services on this device: their pages open without signal."
    page.wait_for_function(f"() => document.querySelector('.js-offline-saved').textContent === {json.dumps(expect_text)}")
    return page


def _saved_services_open_offline(context, page, base_url):
    context.set_offline(True)
    for slug in SAVED_SLUGS:
        page.goto(f"{base_url}/directory/{slug}/")
        assert page.locator(".app-service__name").count() == 1
        assert page.locator("h1").inner_text() != "Find a homelessness service"


def test_save_for_offline_keeps_the_shortlisted_services(open_context, base_url):
    context = open_context(service_workers="allow")
    _saved_services_open_offline(context, _save_shortlist(context, base_url), base_url)


def test_visited_pages_are_capped_and_saved_services_are_never_dropped(open_context, base_url, site):
    limit = int(re.search(r"const VISITED_LIMIT = (\d+);", (site / Urls().service_worker()).read_text()).group(1))
    pages = sorted("/" + p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")
                   if p.parent != site)
    assert len(pages) > limit + 20  # enough to go past the limit
    context = open_context(service_workers="allow")
    page = _save_shortlist(context, base_url)
    # Someone reads far more pages than the limit (asked of the worker at once, as a
    # first visit does; each visit trims the same way).
    answer = page.evaluate("urls => window.c2cDirectory.keep(urls)", [base_url + p for p in pages])
    assert answer == {"kept": len(pages), "asked": len(pages)}
    counts = page.evaluate("""async () => {
        const out = {};
        for (const key of await caches.keys()) out[key] = (await (await caches.open(key)).keys()).length;
        return out; }""")
    assert counts["c2c-visited"] == limit, counts
    assert counts["c2c-saved"] == 2, counts
    _saved_services_open_offline(context, page, base_url)  # however much was read since


# ---- Accessibility of the states only scripts create --------------------------------------

@pytest.mark.parametrize("path", [
    "/directory/lantern-wolverhampton-night-shelter/",
    "/directory/?area=walsall&free=1&stage=recovery",
    "/directory/shortlist/?s=kestrel-domestic-abuse-helpline,canal-street-day-centre",
])
def test_no_axe_violations_on_directory_states(browser, base_url, path):
    context = browser.new_context(locale="en-GB", timezone_id="Europe/London", service_workers="block")
    try:
        watcher = Watcher(context, base_url, axe=True)
        page = context.new_page()
        watcher.visit(page, base_url + path)
        page.wait_for_selector(".js-open-status:not([hidden]), .js-shortlist-list li")
        violations = axe_violations(page)
        assert not violations, "\n".join(violations)
        assert not watcher.problems, "\n".join(watcher.problems)
    finally:
        context.close()


# ---- Access facts and languages ------------------------------------------------------------

def test_filter_by_an_access_fact_and_a_language_with_javascript(page_at, services):
    want = [s.slug for s in DECLARED.values()
            if s.status != "closed" and "step-free" in s.access and "pl" in s.languages]
    assert want  # the sample content has some
    page = page_at("/directory/")
    page.get_by_label(re.compile("^Step-free access")).check()
    page.get_by_label("Language spoken").select_option("pl")
    assert parse_qs(query(page)) == {"access": ["step-free"], "language": ["pl"]}
    assert sorted(visible_slugs(page)) == sorted(want)
    # The same filters from a shared link, and Back undoes the last one.
    again = page_at("/directory/?access=step-free&language=pl")
    assert sorted(visible_slugs(again)) == sorted(want)
    page.go_back()
    assert parse_qs(query(page)) == {"access": ["step-free"]}
    assert sorted(visible_slugs(page)) == sorted(s.slug for s in DECLARED.values()
                                                 if s.status != "closed" and "step-free" in s.access)


@pytest.mark.parametrize("path, test", [
    ("/directory/access/step-free/", lambda s: "step-free" in s.access),
    ("/directory/languages/pl/", lambda s: "pl" in s.languages),
])
def test_access_and_language_listings_work_without_javascript(open_context, base_url, path, test):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(base_url + "/directory/")
    link = "Step-free access" if "access" in path else "Polish"
    page.locator(".app-browse").get_by_role("link", name=link, exact=True).click()
    assert page.url == base_url + path
    page.wait_for_selector(".app-service-list", state="attached")  # the URL changes before the page has loaded
    cards = page.eval_on_selector(".app-service-list", "l => [...l.children].map(c => c.dataset.slug)")
    want = {s.slug for s in DECLARED.values() if s.status != "closed" and test(s)}
    assert set(cards) == want


# ---- Report a problem -------------------------------------------------------------------

def test_report_form_fills_in_the_email_with_what_is_wrong(page_at):
    page = page_at("/directory/canal-street-day-centre/")
    page.get_by_label("Opening hours").check()
    page.get_by_label("What should it say instead").fill("Closed on Mondays now")
    href = page.locator(".js-report-mailto").get_attribute("href")
    assert href.startswith(f"mailto:{DEFAULTS['C2C_REPORT_EMAIL']}?subject=")
    body = parse_qs(href.split("?", 1)[1])["body"][0]
    assert "Listing id: canal-street-day-centre\nLast checked: " in body
    assert "What is wrong: Opening hours\n" in body and "Closed on Mondays now" in body


# ---- Printable area lists ------------------------------------------------------------------

def test_printed_area_list_fits_a4_and_shows_every_service_of_the_area(open_context, base_url, tmp_path):
    page = open_context().new_page()
    page.goto(base_url + "/directory/areas/birmingham/")
    page.get_by_role("link", name="Every open service in Birmingham").click()
    page.wait_for_url(base_url + "/directory/areas/birmingham/print/")  # loaded, before it is printed
    pdf = page.pdf(format="A4", print_background=True)
    (tmp_path / "birmingham.pdf").write_bytes(pdf)
    # A4 pages (595 x 842 points), as many as the list needs.
    sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert sizes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1.5 for w, h in sizes), sizes
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1040})  # A4 less the 12 mm margins, in CSS pixels
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    want = sorted(s.name for s in DECLARED.values() if s.status == "active"
                  and ("birmingham" in s.areas or "west-midlands" in s.areas))
    shown = page.locator(".app-print-item__name").all_inner_texts()
    assert sorted(shown) == want
    text = page.locator("main").inner_text()
    assert "Need help now?" in text and "Data as of 23 November 2026" in text
    assert page.locator(".app-quick-exit").is_hidden()  # nothing on paper that needs a screen
    # Christmas hours show on paper too.
    item = page.locator(".app-print-item", has_text="Canal Street Day Centre")
    assert "Friday 25 December: 11am to 3pm (Christmas Day lunch" in item.inner_text()


def test_printed_area_and_stage_list(open_context, base_url):
    page = open_context(java_script_enabled=False).new_page()
    page.goto(base_url + "/directory/areas/coventry/")
    link = page.locator(".app-print-links").get_by_role("link", name="Crisis Prevention & Relief")
    printable = base_url + link.get_attribute("href")
    link.click()
    page.wait_for_url(printable)  # the printable list loaded, not only asked for
    want = sorted(s.name for s in DECLARED.values() if s.status == "active"
                  and ("coventry" in s.areas or "west-midlands" in s.areas)
                  and "crisis-prevention-and-relief" in s.stages)
    assert sorted(page.locator(".app-print-item__name").all_inner_texts()) == want
