"""The search page in headless Chromium, as people use it: a set of real queries puts the
answer a person expects in the first three, at a fixed moment; services say whether
they are open now; a query finds a known pledge, action, discussion point and service
and each link lands on the item; facets narrow and survive Back; no match says so;
content is shown as text; the keyboard alone works; axe finds nothing; offline, a
search of services still answers; the directory's own search box uses the same engine
and stays on the directory."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, quote_plus, urlsplit

import pytest

from support.browser_watch import axe_violations

pytestmark = pytest.mark.browser


def answered(page) -> str:
    """Wait for search.js to finish drawing (the first results, then the rest of the
    page); the polite status line."""
    page.wait_for_function("""() => { const s = document.querySelector('.js-search-status');
        return s && s.textContent && !/Searching/.test(s.textContent)
            && !document.querySelector('.js-search-results[aria-busy]'); }""")
    return page.locator(".js-search-status").inner_text()


def results(page) -> list[dict]:
    return page.eval_on_selector_all(".js-search-results > li", """items => items.map(li => ({
        type: li.querySelector('.app-search-result__type').textContent,
        title: li.querySelector('h3 a').textContent, href: li.querySelector('h3 a').getAttribute('href'),
        marks: [...li.querySelectorAll('mark')].map(m => m.textContent),
        now: (li.querySelector('.app-service-card__now') || {}).textContent || '',
        facts: (li.querySelector('.app-search-result__facts') || {}).textContent || ''}))""")


# What a person searching expects among the first three results, on a Monday night
# (21:30, when the night shelters are open and the day services closed). Needs in the
# words people use, names, places, phrases and misspellings.
RELEVANT = [
    ("night shelter", "/directory/lantern-wolverhampton-night-shelter/"),  # open now, and its name is the query
    ("hostel", "/directory/kingfisher-house-hostel/"),
    ("Kingfisher House Hostel", "/directory/kingfisher-house-hostel/"),  # a name
    ("night shelter Coventry", "/directory/coventry-cold-weather-shelter/"),  # a need and a place
    ("shelter Wolverhampton", "/directory/lantern-wolverhampton-night-shelter/"),
    ("rent deposit Sandwell", "/directory/sandwell-rent-deposit-scheme/"),
    ("hospital discharge", "/directory/larkmead-hospital-discharge-team/"),  # a phrase
    ("hosptal discharge", "/directory/larkmead-hospital-discharge-team/"),  # one letter out
    ("sheltr", "/directory/lantern-wolverhampton-night-shelter/"),  # one letter out
    ("food bank", "/directory/elmdon-community-pantry/"),  # a word of the same meaning: pantry
    ("DV", "/directory/kestrel-domestic-abuse-helpline/"),  # domestic abuse
    ("refuge", "/directory/kestrel-domestic-abuse-helpline/"),
    ("eviction", "/directory/mercia-gate-housing-options-desk/"),  # "asked to leave", "losing their home"
    ("kicked out", "/directory/mercia-gate-housing-options-desk/"),
    ("sofa surfing", "/directory/mercia-gate-out-of-hours-line/"),  # nowhere to stay tonight: open now
    ("rough sleeping", "/directory/west-midlands-rough-sleeper-alert-line/"),
    ("care leavers", "/directory/castlegate-supported-lodgings/"),
    ("young people", "/directory/brightpath-youth-hub-coventry/"),
    ("debt advice", "/directory/ledger-lane-benefits-and-debt-advice/"),
    ("benefits sanctions", "/directory/ledger-lane-benefits-and-debt-advice/"),
    ("prison release", "/directory/westmere-prison-release-housing-advice/"),
    ("veterans", "/directory/forces-home-front-advice/"),
    ("LGBT", "/directory/rainbow-doorway/"),
    ("furniture", "/directory/second-chance-furniture-project/"),
    ("mental health crisis", "/directory/stourvale-crisis-cafe/"),
    ("Brightpath Youth Trust", "/organisations/brightpath-youth-trust/"),  # an organisation's name
    ("volunteer hosts Solihull", "/pledges/brightpath-youth-trust-2024/#action-2"),  # an action
    ("pupils home life", "/pledges/brightpath-youth-trust-2024/#discussion-5"),  # a discussion point
    ("return home", "/pledges/brightpath-youth-trust-2024/#pledge-family-mediation"),  # a pledge
]


@pytest.mark.clock("2026-11-23 21:30")
@pytest.mark.parametrize("query, href", RELEVANT, ids=[q for q, _ in RELEVANT])
def test_what_a_person_expects_is_in_the_first_three(open_page, base_url, query, href):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q={quote_plus(query)}")
    answered(page)
    top = [r["href"] for r in results(page)[:3]]
    assert href in top, f"{query!r}: wanted {href} in the first three, got {top}"
    assert not watcher.problems, watcher.problems


@pytest.mark.clock("2026-11-23 21:30")
def test_night_shelter_at_night_shows_an_open_shelter_first_and_says_which_are_closed(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=night+shelter")
    answered(page)
    shown = results(page)
    assert shown[0]["title"] == "Lantern Wolverhampton Night Shelter"
    assert re.fullmatch(r"Open now until \d+(:\d\d)?[ap]m tomorrow", shown[0]["now"])
    closed = next(r for r in shown if r["title"] == "Lantern Walsall Night Shelter")
    assert closed["now"] == "Temporarily closed"
    assert shown.index(closed) < 3
    winter = next(r for r in shown if r["title"] == "Coventry Cold Weather Shelter")
    assert winter["now"] == "Temporarily closed"
    open_ones = [r for r in shown if r["type"] == "Service" and r["now"].startswith("Open")]
    closed_ones = [r for r in shown if r["type"] == "Service" and r["now"] == "Temporarily closed"]
    assert open_ones and closed_ones
    # Services (a need) before pledges and actions.
    kinds = [r["type"] for r in shown]
    assert kinds.index("Pledge") > max(i for i, k in enumerate(kinds) if k == "Service")
    assert not watcher.problems, watcher.problems


@pytest.mark.clock("2026-11-23 10:00")
def test_in_the_morning_the_night_shelters_say_when_they_open(open_page, base_url):
    page, _ = open_page(base_url)
    page.goto(f"{base_url}/search/?q=night+shelter&type=service")
    answered(page)
    shown = {r["title"]: r["now"] for r in results(page)}
    assert shown["Kingfisher House Hostel"] == "Open 24 hours"
    assert shown["Lantern Walsall Night Shelter"] == "Temporarily closed"


def test_a_language_query_offers_the_services_and_the_directorys_listing(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=polski")
    status = answered(page)
    offer = page.locator(".js-search-languages")
    assert offer.is_visible()
    link = offer.get_by_role("link")
    count = int(re.search(r"see all (\d+) in the directory", link.inner_text()).group(1))
    assert offer.inner_text().startswith("Services that speak Polish:")
    assert link.get_attribute("href") == "/directory/languages/pl/"
    assert status.startswith(f"{count} results") and {r["type"] for r in results(page)} == {"Service"}
    link.click()
    page.wait_for_url("**/directory/languages/pl/")  # the listing loaded (the search page was loaded already)
    assert not watcher.problems, watcher.problems


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
    page.wait_for_url(lambda url: urlsplit(url).path == urlsplit(href).path)  # the result's page loaded
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
    for _ in range(5):  # skip link, Exit this page, Cover your tracks, site name, then the header's search box
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


def test_search_boxes_on_home_and_in_the_header(open_page, base_url):
    page, watcher = open_page(base_url, width=1280)
    watcher.visit(page, f"{base_url}/")
    page.get_by_label("Search pledges, action plans and services").fill("care leavers")
    page.get_by_label("Search pledges, action plans and services").press("Enter")
    assert "results for “care leavers”" in answered(page)
    watcher.visit(page, f"{base_url}/directory/")
    # The directory's one search box searches its services in place: it never leaves.
    assert page.locator("main form[action$='/search/']").count() == 0
    page.get_by_label("Search the directory").fill("night shelter")
    page.get_by_label("Search the directory").press("Enter")
    assert urlsplit(page.evaluate("location.href")).path == "/directory/"
    assert parse_qs(urlsplit(page.evaluate("location.href")).query) == {"q": ["night shelter"]}
    phone, _ = open_page(base_url, width=320)
    phone.goto(f"{base_url}/")
    assert not phone.locator("#header-search-q").is_visible()  # the phone's header stays short
    phone.locator(".js-menu-button").click()  # the menu, folded into the header's one line
    assert phone.get_by_role("navigation", name="Main").get_by_role("link", name="Search").is_visible()


def directory_cards(page) -> list[str]:
    page.wait_for_function("() => !document.getElementById('results').hasAttribute('aria-busy')")
    return page.eval_on_selector_all("#results .js-service-card", "cards => cards.filter(c => !c.hidden).map(c => c.dataset.slug)")


@pytest.mark.clock("2026-11-23 21:30")
def test_the_directorys_search_box_uses_the_same_engine_and_stays_on_the_directory(open_page, base_url):
    """Words of the same meaning, a spelling mistake, the same order as /search/'s
    services, and the other filters still apply; the address stays /directory/."""
    page, watcher = open_page(base_url, width=1280)
    watcher.visit(page, f"{base_url}/directory/")
    assert page.locator("form[action$='/search/']").count() == 1  # only the header's: the directory's box is its own
    box = page.get_by_label("Search the directory")
    box.fill("night shelter")
    box.press("Enter")
    assert urlsplit(page.url).path == "/directory/" and parse_qs(urlsplit(page.url).query) == {"q": ["night shelter"]}
    cards = directory_cards(page)
    assert cards[:2] == ["lantern-wolverhampton-night-shelter", "lantern-walsall-night-shelter"]
    assert "kingfisher-house-hostel" in cards  # hostel: a word of the same meaning
    other, _ = open_page(base_url, width=1280)
    other.goto(f"{base_url}/search/?q=night+shelter&type=service")
    answered(other)
    assert [r["href"].split("/")[-2] for r in results(other)][:len(cards)] == cards  # one engine, one order
    box.fill("sheltr")
    box.press("Enter")
    assert "coventry-cold-weather-shelter" in directory_cards(page)
    page.get_by_label("Area", exact=True).select_option("wolverhampton")
    assert directory_cards(page) == ["lantern-wolverhampton-night-shelter"]
    assert page.locator(".js-result-count").inner_text() == "1 service matches your filters"
    assert not watcher.problems, watcher.problems


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
    # And the directory's own search box answers without signal too.
    page.goto(base_url + "/directory/?q=hostel")
    assert directory_cards(page)[0] == "kingfisher-house-hostel"


def test_a_misspelt_word_finds_its_near_spelling_and_says_so(open_page, base_url):
    page, watcher = open_page(base_url)
    watcher.visit(page, f"{base_url}/search/?q=sheltr")
    assert re.match(r"\d+ results? for “sheltr”", answered(page))
    assert page.locator(".js-search-note").inner_text() == \
        "Also searched for words spelt one letter differently from “sheltr”."
    assert "Shelter" in results(page)[0]["marks"]
