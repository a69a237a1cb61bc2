"""The directory and the stage, theme, area and sector pages in pages (the sample content
built with five items a page, against the usual build), the compact split filter data,
and filtering in Chromium over that data: the same services as the build says."""

from __future__ import annotations

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import test_paging
from test_paging import PAGE_SIZE, _pages_of, _title

from c2c_views.directory.compact import decode_dated
from c2c_views.directory.opening import describe_record

from conftest import serve
from pages import parse

paged_site = test_paging.paged_site  # the same build of five items a page, as a fixture here

LONDON = ZoneInfo("Europe/London")
SUFFIX = " – Commitment to Collaborate"


def _cards(site, url: str) -> list[str]:
    """The slugs of the service cards in a page's results (not the closed ones)."""
    main = parse(site / url / "index.html").find(".//main")
    lists = [ol for ol in main.iter("ol") if "app-service-list" in ol.get("class", "")]
    closed = {li.get("data-slug") for d in main.iter("details") if "app-closed-services" in d.get("class", "")
              for li in d.iter("li") if li.get("data-slug")}
    return [li.get("data-slug") for ol in lists for li in ol.iter("li")
            if li.get("data-slug") and li.get("data-slug") not in closed]


def _services_json(site) -> dict:
    return json.loads((site / "directory" / "services.json").read_text("utf-8"))


# ---- Directory results, listings and term pages in pages -----------------------------------

@pytest.mark.parametrize("first, title", [
    ("directory/", "Find a homelessness service"),
    ("directory/areas/wolverhampton/", "Services in Wolverhampton"),
    ("directory/stages/crisis-prevention-and-relief/", "Services: Crisis Prevention & Relief"),
])
def test_directory_results_are_paged_and_every_service_is_on_exactly_one_page(site, paged_site, first, title):
    pages = _pages_of(paged_site, first)
    assert len(pages) >= 2 and pages[1:] == [f"{first}page/{n}/" for n in range(2, len(pages) + 1)]
    seen = []
    for n, url in enumerate(pages, 1):
        assert _title(paged_site, url) == f"{title} (page {n} of {len(pages)}){SUFFIX}"
        cards = _cards(paged_site, url)
        assert 1 <= len(cards) <= PAGE_SIZE
        seen += cards
    assert seen == _cards(site, first)  # the usual build's one page, in the same order
    assert _title(site, first) == f"{title}{SUFFIX}"


def test_directory_cards_chunks_are_the_pages_cards(paged_site):
    for n, url in enumerate(_pages_of(paged_site, "directory/"), 1):
        chunk = json.loads((paged_site / "directory" / "data" / f"cards-{n}.json").read_text("utf-8"))["cards"]
        assert re.findall(r'class="app-service-card js-service-card" id="service-[^"]+" data-slug="([^"]+)"',
                          chunk) == _cards(paged_site, url)


def _term_entries(site, url: str) -> tuple[list[str], list[str]]:
    main = parse(site / url / "index.html").find(".//main")
    orgs = [d.get("id") for d in main.iter("details") if "app-org-details" in d.get("class", "")]
    services = [a.get("href") for ul in main.iter("ul") if ul.get("class") == "govuk-list"
                for a in ul.iter("a") if a.get("href", "").startswith("/directory/")]
    return orgs, services


@pytest.mark.parametrize("first, title", [
    ("stages/crisis-prevention-and-relief/", "Crisis Prevention & Relief"),
    ("themes/", None), ("areas/", None), ("sectors/", None),
])
def test_term_pages_are_paged_by_organisation(site, paged_site, first, title):
    if title is None:  # the cut's largest page, found from its index
        index = parse(site / first / "index.html").find(".//main")
        candidates = [a.get("href").strip("/") + "/" for a in index.iter("a")
                      if a.get("href", "").startswith("/" + first) and a.get("href").count("/") == 3]
        first = max(candidates, key=lambda u: (paged_site / u / "index.html").stat().st_size)
        title = parse(site / first / "index.html").find(".//h1").text.strip()
    pages = _pages_of(paged_site, first)
    assert len(pages) >= 2, first
    orgs, services = [], []
    for n, url in enumerate(pages, 1):
        assert _title(paged_site, url).startswith(f"{title}") and _title(paged_site, url).endswith(
            f" (page {n} of {len(pages)}){SUFFIX}")
        o, s = _term_entries(paged_site, url)
        assert o or s
        orgs += o
        services += s
    whole_orgs, whole_services = [], []  # the usual build (50 a page) has the same, in the same order
    for url in _pages_of(site, first):
        o, s = _term_entries(site, url)
        whole_orgs += o
        whole_services += s
    assert orgs == whole_orgs and len(set(orgs)) == len(orgs)  # each organisation whole, on one page
    assert services == whole_services


def test_directory_pages_are_followed_without_javascript(browser, paged_site):
    base, server = serve(paged_site)
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": 320, "height": 640})
    try:
        page = context.new_page()
        page.goto(base + "/directory/")
        page.get_by_role("link", name="Next page").click()
        assert page.url == base + "/directory/page/2/"
        assert page.title().startswith("Find a homelessness service (page 2 of ")
        assert page.locator("#results .js-service-card").count() == PAGE_SIZE
        page.goto(base + "/stages/crisis-prevention-and-relief/")
        page.get_by_role("link", name="Next page").click()
        assert page.url == base + "/stages/crisis-prevention-and-relief/page/2/"
    finally:
        context.close()
        server.shutdown()


# ---- The compact, split filter data ---------------------------------------------------------

def test_filter_data_is_split_by_area_and_says_what_services_json_says(site):
    data = _services_json(site)
    listed = [s for s in data["services"] if s["status"] != "closed"]
    folder = site / "directory" / "data"
    whole = json.loads((folder / "filters-all.json").read_text("utf-8"))
    assert [r["k"] for r in whole["services"]] == [s["slug"] for s in listed]
    ids = whole["ids"]
    for rec, s in zip(whole["services"], listed, strict=True):
        for facet, key in {"stage": "s", "area": "a", "group": "g", "access": "x", "language": "l",
                           "referral": "r"}.items():
            assert [ids[facet][n] for n in rec.get(key, [])] == s["in"][facet], (s["slug"], facet)
        assert bool(rec.get("f")) == (s["in"]["free"] == ["1"])
        assert rec.get("h", []) == [m for iv in s["intervals"] for m in iv]
        if "dated" in s:
            assert decode_dated(rec["d"], whole["window"][0]) == [tuple(iv) for iv in s["dated"]]
    text = json.loads((folder / "text-all.json").read_text("utf-8"))["text"]
    assert [t for _, t in text] == [s["search"] for s in listed]
    for area in ids["area"]:
        part = json.loads((folder / f"filters-{area}.json").read_text("utf-8"))
        assert [r["k"] for r in part["services"]] == [s["slug"] for s in listed if area in s["in"]["area"]]
        assert len((folder / f"filters-{area}.json").read_bytes()) <= len((folder / "filters-all.json").read_bytes())


# ---- The same services as before, through the split data ------------------------------------

def _open_at(s: dict, when: datetime, window) -> bool:
    return s["status"] == "active" and describe_record(s, when, window).startswith("Open")


@pytest.mark.parametrize("area, when", [
    ("wolverhampton", datetime(2026, 11, 23, 10, 0, tzinfo=LONDON)),
    ("coventry", datetime(2026, 11, 28, 2, 0, tzinfo=LONDON)),
    ("birmingham", datetime(2026, 12, 25, 12, 0, tzinfo=LONDON)),
])
def test_one_area_and_open_now_shows_the_same_services_as_the_build_says(browser, paged_site, area, when):
    """Five a page, so the matches come from cards fetched from other pages' chunks."""
    data = _services_json(paged_site)
    expected = [s["slug"] for s in data["services"] if s["status"] != "closed" and area in s["in"]["area"]
                and _open_at(s, when, data["window"])]
    assert expected
    base, server = serve(paged_site)
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
        server.shutdown()


def test_a_card_fetched_by_the_filters_can_be_shortlisted(browser, paged_site):
    base, server = serve(paged_site)
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
        server.shutdown()
