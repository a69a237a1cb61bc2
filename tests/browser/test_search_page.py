"""The search page in headless Chromium, as people use it: a query finds a known pledge,
action, discussion point and service and each link lands on the item; facets narrow and
survive Back; no match says so; content is shown as text; the keyboard alone works; axe
finds nothing; offline, the directory's search still answers."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser_watch import axe_violations

pytestmark = pytest.mark.browser


def answered(page) -> str:
    """Wait for search.js to finish drawing; the polite status line."""
    page.wait_for_function("""() => { const s = document.querySelector('.js-search-status');
        return s && s.textContent && !/Searching/.test(s.textContent); }""")
    return page.locator(".js-search-status").inner_text()


def results(page) -> list[dict]:
    return page.eval_on_selector_all(".js-search-results > li", """items => items.map(li => ({
        type: li.querySelector('.app-search-result__type').textContent,
        title: li.querySelector('h3 a').textContent, href: li.querySelector('h3 a').getAttribute('href'),
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        facts: (li.querySelector('.app-search-result__facts') || {}).textContent || ''}))""")


KNOWN = [
    # (query, type shown, title, address it leads to)
    ("return home", "Pledge", "Where it is safe, we will help young people stay at home or return home",
     "/pledges/brightpath-youth-trust-2024/#pledge-family-mediation"),
    ("volunteer hosts Solihull", "Action", "Recruit and train 20 more volunteer hosts in Solihull",
     "/pledges/brightpath-youth-trust-2024/#action-2"),
    ("pupils home life", "Discussion point", "Talk to pupils about home life and where to get help before a crisis",
     "/pledges/brightpath-youth-trust-2024/#discussion-5"),
    ("Kingfisher House Hostel", "Service", "Kingfisher House Hostel", "/directory/kingfisher-house-hostel/"),
]


@pytest.mark.parametrize("query, kind, title, href", KNOWN, ids=[k[1] for k in KNOWN])
def test_a_query_finds_a_known_item_and_its_link_lands_on_it(open_page, base_url, query, kind, title, href):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q={query.replace(' ', '+')}")
    assert re.match(r"\d+ results? for “" + re.escape(query) + "”", answered(page))
    top = results(page)[:3]
    found = next(r for r in top if r["title"] == title)
    assert found["type"] == kind and found["href"] == href
    assert re.search(r"Stage: .+ · Area: .+", found["facts"])
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_load_state()
    assert urlsplit(page.url).path == urlsplit(href).path
    fragment = urlsplit(href).fragment
    if fragment:
        assert title in page.locator(f"#{fragment}").inner_text()
        assert page.evaluate(f"document.querySelector('#{fragment}').matches(':target')")
    else:
        assert page.locator("h1").inner_text() == title
    assert not watcher.problems, watcher.problems


def test_facets_narrow_live_in_the_url_and_survive_back(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=housing")
    everything = int(answered(page).split()[0])
    page.get_by_label(re.compile(r"^Services \(\d+\)$")).check()
    services = answered(page)
    assert int(services.split()[0]) < everything
    assert {r["type"] for r in results(page)} == {"Service"}
    assert parse_qs(urlsplit(page.url).query) == {"q": ["housing"], "type": ["service"]}
    page.get_by_label("Area").select_option("coventry")
    coventry = int(answered(page).split()[0])
    assert coventry < int(services.split()[0])
    assert parse_qs(urlsplit(page.url).query)["area"] == ["coventry"]
    page.go_back()
    assert answered(page) == services
    assert page.get_by_label("Area").input_value() == ""
    page.go_back()
    assert int(answered(page).split()[0]) == everything
    assert not page.get_by_label(re.compile(r"^Services")).is_checked()
    page.go_forward()
    assert answered(page) == services
    assert not watcher.problems, watcher.problems


def test_no_match_says_so_and_suggests_browsing_by_stage(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=xylophone")
    assert answered(page) == "No results for “xylophone”."
    suggestions = page.locator(".js-search-none")
    assert suggestions.is_visible()
    assert suggestions.get_by_role("link", name="Recovery").get_attribute("href").endswith("/stages/recovery/")
    assert page.title() == "Search: xylophone – Commitment to Collaborate"


def test_page_numbers_and_the_query_are_in_the_title(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=housing")
    status = answered(page)
    pages = int(re.search(r"page 1 of (\d+)", status).group(1))
    assert pages > 1 and page.title() == f"Search: housing (page 1 of {pages}) – Commitment to Collaborate"
    page.get_by_role("link", name="Next page").click()
    assert "page 2 of" in answered(page)
    assert page.title().startswith("Search: housing (page 2 of")
    assert parse_qs(urlsplit(page.url).query)["page"] == ["2"]
    assert page.evaluate("document.activeElement.id") == "search-results-heading"


def test_content_with_a_script_payload_is_shown_as_text(open_page, hostile_url):
    page, watcher = open_page(hostile_url)
    watcher.visit(page, f"{hostile_url}/search/?q=night+shelter")
    answered(page)
    titles = [r["title"] for r in results(page)]
    assert any('<script>alert("service-name")</script> Night Shelter' in t for t in titles), titles
    assert page.locator(".js-search-results script, .js-search-results img").count() == 0
    page.wait_for_timeout(200)
    assert not watcher.dialogs and not watcher.problems, watcher.problems


def test_keyboard_only(open_page, base_url):
    """From the header's box: type, Enter; Tab to a facet, Space; Tab on to a result, Enter."""
    page, watcher = open_page(base_url, width=1280)
    watcher.visit(page, f"{base_url}/organisations/")
    for _ in range(3):  # skip link, site name, then the header's search box
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "header-search-q"
    page.keyboard.type("hospital discharge")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=hospital\+discharge$"))
    first = answered(page)
    page.focus("#search-q")
    while page.evaluate("document.activeElement.id") != "facet-type-pledge":
        page.keyboard.press("Tab")
    page.keyboard.press("Space")
    narrowed = answered(page)
    assert narrowed != first and {r["type"] for r in results(page)} == {"Pledge"}
    while not page.evaluate("!!document.activeElement.closest('.js-search-results')"):
        page.keyboard.press("Tab")
    target = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(target.split("#")[0])))
    assert not watcher.problems, watcher.problems


@pytest.mark.parametrize("path", ["/search/?q=hospital+discharge", "/search/?q=housing&type=service&area=coventry",
                                  "/search/?q=xylophone"])
def test_no_axe_violations_in_the_states_only_the_script_draws(open_page, base_url, path):
    page, watcher = open_page(base_url, axe=True)
    watcher.visit(page, base_url + path)
    answered(page)
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)


def test_without_javascript_it_says_how_to_browse(open_page, base_url):
    page, _ = open_page(base_url, java_script_enabled=False)
    page.goto(f"{base_url}/search/?q=hostel")
    assert page.get_by_text("Search needs JavaScript").is_visible()
    assert page.get_by_role("link", name="pathway stage", exact=True).is_visible()
    assert not page.locator(".js-search-app").is_visible()


def test_search_boxes_on_home_in_the_header_and_on_the_directory(open_page, base_url):
    page, watcher = open_page(base_url, width=1280)
    watcher.visit(page, f"{base_url}/")
    page.get_by_label("Search pledges, action plans and services").fill("care leavers")
    page.get_by_label("Search pledges, action plans and services").press("Enter")
    assert "results for “care leavers”" in answered(page)
    watcher.visit(page, f"{base_url}/directory/")
    assert page.locator("#filter-q").count() == 1  # the directory keeps its own filters
    page.get_by_label("Search every service's description").fill("night shelter")
    page.get_by_label("Search every service's description").press("Enter")
    answered(page)
    assert parse_qs(urlsplit(page.url).query) == {"type": ["service"], "q": ["night shelter"]}
    assert {r["type"] for r in results(page)} == {"Service"}
    phone, _ = open_page(base_url, width=320)
    phone.goto(f"{base_url}/")
    assert not phone.locator("#header-search-q").is_visible()  # the phone's header stays short
    assert phone.get_by_role("navigation", name="Main").get_by_role("link", name="Search").is_visible()


def test_the_directorys_search_works_offline_after_one_visit(open_page, base_url):
    page, _ = open_page(base_url, service_workers="allow")
    page.goto(base_url + "/directory/")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)
    page.context.set_offline(True)
    page.goto(base_url + "/search/?type=service&q=night+shelter")
    assert re.match(r"\d+ results? for “night shelter”", answered(page))
    assert {r["type"] for r in results(page)} == {"Service"}
    # Kinds the worker does not keep cannot load offline: the page says so, and shows what it can.
    page.goto(base_url + "/search/?q=night+shelter")
    answered(page)
    assert "could not be loaded" in page.locator(".js-search-note").inner_text()
    assert {r["type"] for r in results(page)} == {"Service"}


def test_a_misspelt_word_finds_its_near_spelling_and_says_so(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=sheltr")
    assert re.match(r"\d+ results? for “sheltr”", answered(page))
    assert page.locator(".js-search-note").inner_text() == \
        "Also searched for words spelt one letter differently from “sheltr”."
    assert "Shelter" in results(page)[0]["marks"]
