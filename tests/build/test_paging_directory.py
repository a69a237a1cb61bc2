"""The directory and the stage, theme, area and sector pages in pages (the sample content
built with five items a page, against the usual build), and the compact split filter
data: it says what services.json says. Filtering over that data in Chromium is
tests/browser/test_paged_lists.py."""

from __future__ import annotations

import json
import re
from zoneinfo import ZoneInfo

import pytest

from c2c_views.directory.compact import decode_dated

from support.page_kinds import parse, services_json
from support.paged_site import PAGE_SIZE, page_title, pages_of

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


# ---- Directory results, listings and term pages in pages -----------------------------------

@pytest.mark.parametrize("first, title", [
    ("directory/", "Find a homelessness service"),
    ("directory/areas/wolverhampton/", "Services in Wolverhampton"),
    ("directory/stages/crisis-prevention-and-relief/", "Services: Crisis Prevention & Relief"),
])
def test_directory_results_are_paged_and_every_service_is_on_exactly_one_page(site, paged_site, first, title):
    pages = pages_of(paged_site, first)
    assert len(pages) >= 2 and pages[1:] == [f"{first}page/{n}/" for n in range(2, len(pages) + 1)]
    seen = []
    for n, url in enumerate(pages, 1):
        assert page_title(paged_site, url) == f"{title} (page {n} of {len(pages)}){SUFFIX}"
        cards = _cards(paged_site, url)
        assert 1 <= len(cards) <= PAGE_SIZE
        seen += cards
    assert seen == _cards(site, first)  # the usual build's one page, in the same order
    assert page_title(site, first) == f"{title}{SUFFIX}"


def test_directory_cards_chunks_are_the_pages_cards(paged_site):
    for n, url in enumerate(pages_of(paged_site, "directory/"), 1):
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
    pages = pages_of(paged_site, first)
    assert len(pages) >= 2, first
    orgs, services = [], []
    for n, url in enumerate(pages, 1):
        assert page_title(paged_site, url).startswith(f"{title}") and page_title(paged_site, url).endswith(
            f" (page {n} of {len(pages)}){SUFFIX}")
        o, s = _term_entries(paged_site, url)
        assert o or s
        orgs += o
        services += s
    whole_orgs, whole_services = [], []  # the usual build (50 a page) has the same, in the same order
    for url in pages_of(site, first):
        o, s = _term_entries(site, url)
        whole_orgs += o
        whole_services += s
    assert orgs == whole_orgs and len(set(orgs)) == len(orgs)  # each organisation whole, on one page
    assert services == whole_services


# ---- The compact, split filter data ---------------------------------------------------------

def test_filter_data_is_split_by_area_and_says_what_services_json_says(site):
    data = services_json(site)
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
