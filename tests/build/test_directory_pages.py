"""The services directory as built files, read the way a browser reads them (html5lib):
every service has a page and is reachable without JavaScript, pages carry what people
need (contact links, hours, eligibility, last checked, stale warnings, report a problem,
quick exit, "Need help now?", alerts), and the data the browser scripts read agrees with
the pages."""

from __future__ import annotations

import gzip
import json
import re
from collections import deque
from datetime import date, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from c2c_registry.load.registry import load_registry
from c2c_registry.settings import DEFAULTS
from c2c_views.directory.alerts import active_alerts
from c2c_views.directory.hours import weekly_intervals
from c2c_views.directory.opening import describe_dated

from support.clock import BUILD_DATE, LONDON
from support.page_text import area_listing, by_class, by_id, main, page, parse, text
from support.project import ROOT, build_site
from support.tiny_site import edit, tiny_copy

TODAY = date.fromisoformat(BUILD_DATE)


@pytest.fixture(scope="module")
def registry():
    reg, problems = load_registry(ROOT / "content")
    assert not problems
    return reg


def service_urls_in(root) -> list[str]:
    """Service page links on a listing page, in order (the card headings)."""
    return [a.get("href") for card in by_class(root, "app-service-card", "li")
            for a in by_class(card, "app-service-card__name")[0].iter("a")]


def slug_of(href: str) -> str:
    return href.strip("/").split("/")[-1]


def directory_pages(site: Path) -> list[Path]:
    return sorted((site / "directory").rglob("index.html"))


# ---- Every service is reachable ---------------------------------------------------

def test_every_service_has_a_page_named_for_it(site, registry):
    for slug, service in registry.services.items():
        tree = page(site, f"/directory/{slug}/")
        assert text(tree.find(".//h1")) == service.name
        assert text(tree.find(".//title")).startswith(service.name)


def test_every_service_is_in_a_listing_reachable_from_the_directory_without_javascript(site, registry):
    """Follow plain links from /directory/ to its listing pages; every service's page must
    be linked from one of them. Scripts never run here, so this is the no-JS path."""
    seen, queue, linked = {"/directory/"}, deque(["/directory/"]), set()
    while queue:
        url = queue.popleft()
        tree = page(site, url)
        linked.update(slug_of(h) for h in service_urls_in(tree))
        for a in main(tree).iter("a"):
            path = urlsplit(a.get("href") or "").path
            if re.fullmatch(r"/directory/(areas|stages)/[a-z0-9-]+/", path) and path not in seen:
                seen.add(path)
                queue.append(path)
    assert linked == set(registry.services)
    assert "/directory/areas/birmingham/" in seen and "/directory/stages/recovery/" in seen


def test_directory_lists_open_services_by_name_then_temporarily_closed_and_keeps_closed_ones_apart(site, registry):
    tree = main(page(site, "/directory/"))
    results = by_id(tree, "results")
    slugs = [slug_of(h) for h in service_urls_in(results)]
    by_status = {s: [x for x in registry.services.values() if x.status == s]
                 for s in ("active", "temporarily-closed", "closed")}
    assert slugs == [s.slug for s in sorted(by_status["active"], key=lambda s: s.name.lower())] + \
        [s.slug for s in sorted(by_status["temporarily-closed"], key=lambda s: s.name.lower())]
    closed = by_class(tree, "app-closed-services", "details")[0]
    assert [slug_of(h) for h in service_urls_in(closed)] == [s.slug for s in by_status["closed"]]
    assert "Closed permanently" in text(closed)
    card = by_id(results, "service-lantern-walsall-night-shelter")
    assert "Temporarily closed" in text(card)
    assert text(by_class(tree, "js-result-count")[0]) == f"{len(slugs)} services"


def test_area_pages_include_region_wide_services_and_stage_pages_list_their_stage(site, registry):
    birmingham = [slug_of(h) for h in service_urls_in(main(page(site, "/directory/areas/birmingham/")))]
    expected = [s.slug for s in registry.services.values()
                if s.status != "closed" and ("birmingham" in s.areas or "west-midlands" in s.areas)]
    assert sorted(birmingham) == sorted(expected)
    assert "west-midlands-rough-sleeper-alert-line" in birmingham  # region-wide
    recovery = {slug_of(h) for h in service_urls_in(main(page(site, "/directory/stages/recovery/")))}
    assert recovery == {s.slug for s in registry.services.values() if "recovery" in s.stages and s.status != "closed"}


def test_a_service_for_the_whole_region_is_listed_in_every_area(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "services/helpline.yaml", "areas: [birmingham]", "areas: [west-midlands]")
    out = tmp_path / "out"
    assert build_site(content, out).returncode == 0
    for area in ("Coventry", "Dudley", "West Midlands (region-wide)"):
        listing = main(page(out, area_listing(out, area)))
        assert "/directory/helpline/" in service_urls_in(listing), area
    # Dudley has nothing of its own: it is sent to the region's listing, which lists the same.
    assert area_listing(out, "Dudley") == "/directory/areas/west-midlands/"
    assert not (out / "directory" / "areas" / "dudley").exists()
    assert "Includes 1 service that covers the whole West Midlands." in text(main(page(out, "/directory/areas/coventry/")))
    assert "whole West Midlands" not in text(main(page(out, "/directory/areas/west-midlands/")))


def every_page(site, url: str) -> list:
    """Every page of a paged list, from its first, by the Next links."""
    pages = [page(site, url)]
    while (nxt := pages[-1].find(".//a[@rel='next']")) is not None:
        pages.append(page(site, nxt.get("href")))
    return pages


def test_region_wide_services_are_on_every_area_page_of_the_registry_and_the_directory(site, registry):
    """One rule, on both sides: a region-wide service belongs to every area."""
    regional = [s for s in registry.services.values() if "west-midlands" in s.areas and s.status != "closed"]
    assert regional, "the sample content should have a region-wide service"
    areas_index = {text(a): a.get("href") for a in main(page(site, "/areas/")).iter("a")}
    for area in registry.vocab["areas"].values():  # each followed as a visitor would, from the views' links
        directory = {u for p in every_page(site, area_listing(site, area.name)) for u in service_urls_in(main(p))}
        register = {a.get("href") for p in every_page(site, areas_index[area.name]) for a in main(p).iter("a")}
        for service in regional:
            assert f"/directory/{service.slug}/" in directory, (area, service.slug)
            assert f"/directory/{service.slug}/" in register, (area, service.slug)
    data = json.loads((site / "directory" / "services.json").read_text())
    line = next(s for s in data["services"] if s["slug"] == regional[0].slug)
    assert line["in"]["area"] == list(registry.vocab["areas"])  # the browser is given the result


def test_registry_stage_pages_list_the_services_in_that_stage(site, registry):
    for stage in registry.vocab["stages"]:
        hrefs = {a.get("href") for p in every_page(site, f"/stages/{stage}/") for a in main(p).iter("a")}
        for service in registry.services.values():
            if stage in service.stages:
                listed = f"/directory/{service.slug}/" in hrefs
                assert listed == (service.status != "closed"), (stage, service.slug, service.status)


def test_filter_counts_written_in_the_page_follow_the_listing_rules(site, registry):
    tree = main(page(site, "/directory/"))
    listed = [s for s in registry.services.values() if s.status != "closed"]
    options = {o.get("value"): text(o) for o in by_id(tree, "filter-area").iter("option")}
    n = sum(1 for s in listed if "birmingham" in s.areas or "west-midlands" in s.areas)
    assert options["birmingham"] == f"Birmingham ({n})"
    groups = {o.get("value"): text(o) for o in by_id(tree, "filter-group").iter("option")}
    n = sum(1 for s in listed if "veterans" in s.client_groups or "everyone" in s.client_groups)
    assert groups["veterans"] == f"Veterans ({n})"
    counts = {(c.get("data-facet"), c.get("data-value")): text(c) for c in by_class(tree, "js-count")}
    assert counts[("free", "1")] == f"({sum(1 for s in listed if s.cost == 'free')})"
    assert counts[("referral", "self")] == f"({sum(1 for s in listed if s.referral in ('self', 'both'))})"
    assert counts[("stage", "recovery")] == f"({sum(1 for s in listed if 'recovery' in s.stages)})"
    assert counts[("open", "1")] == ""  # only the browser knows what time it is
    form = by_class(tree, "js-filters", "form")[0]
    assert form.get("method") == "get" and form.get("action") == "/directory/"
    names = {el.get("name") for el in form.iter() if el.tag in ("input", "select")}
    assert names == {"q", "open", "free", "area", "group", "referral", "stage", "access", "language"}


def test_every_filter_control_has_a_label(site):
    form = by_class(main(page(site, "/directory/")), "js-filters", "form")[0]
    labels = {label.get("for") for label in form.iter("label")}
    for el in form.iter():
        if el.tag in ("input", "select"):
            assert el.get("id") in labels, el.get("id")


# ---- Cards --------------------------------------------------------------------------

def test_card_shows_the_facts_in_words(site):
    card = by_id(main(page(site, "/directory/")), "service-lantern-wolverhampton-night-shelter")
    words = text(card)
    for expected in ("Lantern Faith Shelter Network", "Hours: Every day: 7pm to 8am the next day, last entry 10:30pm",
                     "Areas: Walsall, Wolverhampton",
                     "For: Single adults, People sleeping rough", "Cost and referral: Free · Self or professional referral",
                     "Last checked 28 October 2026"):
        assert expected in words
    assert "May be out of date" not in words
    # Why tonight's hours differ from the usual ones, until when (hidden after that day).
    change = by_class(card, "app-service-card__change")[0]
    assert text(change) == ("Until Friday 27 November: also open every day, 5pm to 9am the next day, during the alert "
                            "“Severe weather emergency protocol is in force”")
    assert change.get("data-active-until") == "2026-11-27"
    # Call and directions on the card.
    links = {text(a): a.get("href") for a in card.iter("a")}
    assert links["Call Lantern Wolverhampton Night Shelter on 01632 960101"] == "tel:01632960101"
    assert links["Directions to Lantern Wolverhampton Night Shelter (opens a map website)"] == \
        "https://www.google.com/maps/dir/?api=1&destination=52.5942,-2.1402"
    assert "Hours: Open 24 hours, every day" in text(by_id(main(page(site, "/directory/")),
                                                          "service-kestrel-domestic-abuse-helpline"))


def test_stale_listings_are_flagged_in_words_on_cards_and_pages(site, registry):
    stale_after = DEFAULTS["C2C_STALE_AFTER_DAYS"]
    index = main(page(site, "/directory/"))
    stale = [s for s in registry.services.values() if (TODAY - s.last_verified).days > stale_after]
    fresh = [s for s in registry.services.values() if (TODAY - s.last_verified).days <= stale_after]
    assert stale and fresh
    for service in stale:
        assert "May be out of date" in text(by_id(index, f"service-{service.slug}"))
        warning = by_class(main(page(site, f"/directory/{service.slug}/")), "app-stale-warning")
        assert warning and "more than a year ago" in text(warning[0])
    for service in fresh:
        assert "May be out of date" not in text(by_id(index, f"service-{service.slug}"))
        assert not by_class(main(page(site, f"/directory/{service.slug}/")), "app-stale-warning")


def test_shortlist_buttons_are_real_toggle_buttons_hidden_until_scripts_run(site):
    buttons = by_class(main(page(site, "/directory/")), "js-shortlist-toggle", "button")
    assert buttons and all(b.get("type") == "button" and b.get("aria-pressed") == "false"
                           and b.get("hidden") is not None for b in buttons)


# ---- Service pages -------------------------------------------------------------------

def summary(tree) -> dict[str, str]:
    rows = {}
    for dl in by_class(tree, "govuk-summary-list", "dl"):
        for row in by_class(dl, "govuk-summary-list__row"):
            rows[text(row.find("dt"))] = text(row.find("dd"))
    return rows


def test_service_page_contact_details_are_links(site):
    tree = main(page(site, "/directory/lantern-wolverhampton-night-shelter/"))
    hrefs = {text(a): a for a in tree.iter("a")}
    assert hrefs["01632 960101"].get("href") == "tel:01632960101"
    assert hrefs["shelter@lantern-shelters.example.org"].get("href") == "mailto:shelter@lantern-shelters.example.org"
    site_link = hrefs["https://lantern-shelters.example.org/wolverhampton"]
    assert "noopener" in site_link.get("rel")
    directions = next(a for a in tree.iter("a") if text(a).startswith("Get directions"))
    assert directions.get("href") == "https://www.google.com/maps/dir/?api=1&destination=52.5942,-2.1402"


def test_service_page_key_facts(site):
    tree = main(page(site, "/directory/lantern-wolverhampton-night-shelter/"))
    facts = summary(tree)
    assert facts["Run by"] == "Lantern Faith Shelter Network"
    assert facts["Who it is for"] == "Single adults, People sleeping rough"
    assert facts["Who can use it"].startswith("Adults aged 18 or over")
    assert facts["How to get in"].startswith("You can refer yourself, or a professional can refer you.")
    assert facts["Cost"] == "Free"
    assert facts["Areas served"] == "Walsall, Wolverhampton"
    assert facts["Languages"] == "English, Punjabi, Polish"
    assert facts["Last checked"] == "28 October 2026"
    rows = [(text(r.find("th")), text(r.find("td"))) for r in tree.iter("tr") if r.find("td") is not None]
    assert rows[0] == ("Monday", "7pm to 8am the next day, last entry 10:30pm") and len(rows) == 7
    assert "Step-free entrance from the car park" in text(tree)


def test_24_hour_and_closed_services_say_so(site):
    kestrel = text(main(page(site, "/directory/kestrel-domestic-abuse-helpline/")))
    assert "Open 24 hours a day, every day." in kestrel
    assert "no public address" in kestrel
    netherton = main(page(site, "/directory/netherton-emergency-hub/"))
    assert "Closed permanently." in text(by_class(netherton, "govuk-warning-text")[0])
    assert not by_class(netherton, "js-shortlist-toggle")


def test_service_links_to_its_organisation_and_latest_commitment(site, registry):
    service = registry.services["lantern-wolverhampton-night-shelter"]
    latest = max(service.organisation.commitments, key=lambda c: c.held)
    section = text(main(page(site, f"/directory/{service.slug}/")))
    hrefs = [a.get("href") for a in main(page(site, f"/directory/{service.slug}/")).iter("a")]
    assert f"/organisations/{service.organisation.slug}/" in hrefs
    assert f"/pledges/{latest.slug}/" in hrefs
    assert latest.display_title in section
    provider_only = main(page(site, "/directory/coventry-cold-weather-shelter/"))
    assert not any((a.get("href") or "").startswith("/organisations/") for a in provider_only.iter("a"))
    assert summary(provider_only)["Run by"] == "Coventry Cold Weather Shelter Partnership"


def test_report_a_problem_is_a_prefilled_email_naming_the_listing(site, registry):
    tree = main(page(site, "/directory/kingfisher-house-hostel/"))
    link = next(a for a in tree.iter("a") if text(a) == "Report a problem with this listing by email")
    href = link.get("href")
    assert href.startswith(f"mailto:{DEFAULTS['C2C_REPORT_EMAIL']}?")
    assert " " not in href and "\n" not in href
    query = parse_qs(urlsplit(href).query)
    name = registry.services["kingfisher-house-hostel"].name
    assert query["subject"] == [f"Problem with directory listing: {name}"]
    assert (f"Listing: {name}\nListing id: kingfisher-house-hostel\nLast checked: "
            f"{registry.services['kingfisher-house-hostel'].last_verified.isoformat()}\n"
            "Page: /directory/kingfisher-house-hostel/\n") in query["body"][0]
    assert "content/services/kingfisher-house-hostel.yaml" in query["body"][0]


def test_json_ld_describes_the_service(site):
    tree = page(site, "/directory/lantern-wolverhampton-night-shelter/")
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Service"
    assert data["name"] == "Lantern Wolverhampton Night Shelter"
    assert data["provider"]["name"] == "Lantern Faith Shelter Network"
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Walsall"},
                                  {"@type": "AdministrativeArea", "name": "Wolverhampton"}]
    phone = next(c["servicePhone"] for c in data["availableChannel"] if "servicePhone" in c)
    assert phone["telephone"] == "01632 960101"
    place = next(c["serviceLocation"] for c in data["availableChannel"] if "serviceLocation" in c)
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 52.5942, "longitude": -2.1402}
    assert place["address"]["postalCode"] == "WV6 0HX"
    hours = place["openingHoursSpecification"]
    assert hours[0]["opens"] == "19:00" and hours[0]["closes"] == "08:00" and len(hours[0]["dayOfWeek"]) == 7
    assert data["offers"]["price"] == "0"


def test_script_in_service_text_stays_inside_the_json_ld(hostile_site):
    raw = (hostile_site / "directory" / "hostile-night-shelter" / "index.html").read_text("utf-8")
    head = raw.split("</head>")[0]
    ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert len(ld) == 1
    data = json.loads(ld[0])
    assert data["name"] == '</script><script>alert("service-name")</script> Night Shelter'
    assert "<" not in ld[0]
    tree = parse(hostile_site / "directory" / "hostile-night-shelter" / "index.html")
    scripts = [s for s in tree.iter("script")]
    # The JSON-LD and the page's own hours (data blocks, never run).
    assert [s.get("type") for s in scripts if not s.get("src")] == ["application/ld+json", "application/json"]
    assert all(s.get("src", "").startswith("/theme/") for s in scripts if s.get("src"))


def test_hostile_text_is_text_in_services_json(hostile_site):
    data = json.loads((hostile_site / "directory" / "services.json").read_text("utf-8"))
    record = next(s for s in data["services"] if s["slug"] == "hostile-night-shelter")
    assert record["summary"].startswith("</script><!--<script>alert(80)</script>")  # escaped on display by textContent


# ---- Every directory page --------------------------------------------------------------

def test_every_directory_page_starts_with_quick_exit_and_every_page_has_the_helplines(site, registry):
    helplines = [(f"tel:{''.join(c for c in h.phone if c.isdigit())}", f"{h.name}: {h.phone}")
                 for h in registry.helplines]
    assert helplines[0] == ("tel:999", "Emergency services: 999")
    for file in directory_pages(site):
        tree = parse(file)
        body = tree.find(".//body")
        firsts = [el for el in body if isinstance(el.tag, str)][:2]
        assert "govuk-skip-link" in firsts[0].get("class")
        exit_link = by_class(firsts[1], "js-quick-exit", "a")
        assert exit_link and exit_link[0].get("href") == DEFAULTS["C2C_QUICK_EXIT_URL"], file
        assert "Exit this page" in text(exit_link[0])
        assert f"Data as of {TODAY.day} November {TODAY.year}" in text(main(tree)), file
    for file in sorted(site.rglob("*.html")):
        menu = by_class(parse(file), "app-help-menu", "details")
        assert len(menu) == 1, file
        assert [(a.get("href"), text(a)) for a in by_class(menu[0], "app-helpline__call", "a")] == helplines, file


def test_active_alert_is_shown_in_full_on_the_directory_and_briefly_elsewhere(site, registry):
    live = active_alerts(registry.alerts.values(), TODAY)
    expired = [a for a in registry.alerts.values() if a not in live]
    assert live and expired, "the sample content should have a live and an expired alert"
    index = main(page(site, "/directory/"))
    for alert in live:
        banner = by_id(index, f"alert-{alert.slug}")
        assert banner is not None and text(banner).endswith(alert.title)
    warning = by_class(index, "app-alert--warning")[0]
    assert text(warning).startswith("Warning") and "Extra emergency beds" in text(warning)
    # The services it names, each with its number: the alert line, the shelter and its extra hours.
    contacts = by_class(warning, "app-alert__contacts", "ul")[0]
    assert [a.get("href") for a in contacts.iter("a") if a.get("href").startswith("tel:")] == [
        "tel:08081570100", "tel:01632960101"]
    assert "Lantern Wolverhampton Night Shelter: 01632 960101, open 5pm to 9am the next day" \
        in text(contacts)
    home = main(page(site, "/"))
    assert text(by_id(home, f"alert-{live[0].slug}")).endswith(live[0].title)
    service = main(page(site, "/directory/kingfisher-house-hostel/"))
    assert "Read the full notice" in text(service) and "Extra emergency beds" not in text(service)
    for file in directory_pages(site):
        for alert in expired:
            assert alert.title not in text(main(parse(file))), file


# ---- Data for the browser ----------------------------------------------------------------

def test_services_json_has_every_service_with_what_the_scripts_need(site, registry):
    data = json.loads((site / "directory" / "services.json").read_text("utf-8"))
    assert data["build_date"] == BUILD_DATE
    records = {s["slug"]: s for s in data["services"]}
    assert set(records) == set(registry.services)
    for slug, service in registry.services.items():
        record = records[slug]
        assert (site / record["url"] / "index.html").is_file()
        assert record["intervals"] == [list(i) for i in weekly_intervals(service.hours, service.always_open)]
        assert set(service.stages) == set(record["in"]["stage"])
        assert set(service.areas) - {"west-midlands"} <= set(record["in"]["area"])
        assert set(service.client_groups) - {"everyone"} <= set(record["in"]["group"])
        assert record["in"]["free"] == (["1"] if service.cost == "free" else [])
        assert service.name.lower() in record["search"]
    shelter = records["lantern-wolverhampton-night-shelter"]
    assert shelter["tel"] == "tel:01632960101"
    assert shelter["locations"][0]["lat"] == 52.5942
    assert shelter["hours_summary"] == "Every day: 7pm to 8am the next day, last entry 10:30pm"
    # Membership already expanded by the build's rules: the browser only looks values up.
    assert shelter["in"]["area"] == ["walsall", "wolverhampton"]
    assert shelter["in"]["referral"] == ["self", "professional"]  # referral: both
    for_everyone = next(r for r in records.values() if "everyone" in registry.services[r["slug"]].client_groups)
    assert for_everyone["in"]["group"] == list(registry.vocab["client-groups"])
    assert records["kestrel-domestic-abuse-helpline"]["intervals"] == [[0, 7 * 24 * 60]]


def _worker_constants(sw: str) -> tuple[str, list[str]]:
    cache = re.search(r'const CACHE = "([^"]+)";', sw).group(1)
    return cache, json.loads(re.search(r"const PRECACHE = (\[.*?\]);", sw, re.S).group(1))


def test_service_worker_keeps_only_the_shell_for_this_build(site):
    sw = (site / "sw.js").read_text("utf-8")
    cache, precache = _worker_constants(sw)
    assert cache.startswith(f"c2c-directory-{BUILD_DATE}-")
    for path in precache:
        assert (site / (path + "index.html" if path.endswith("/") else path)).is_file(), path
    assert {"directory/", "directory/services.json", "directory/shortlist/", "theme/css/app.css",
            "theme/js/directory.js", "theme/vendor/qrcode.js"} <= set(precache)
    service_pages = {f.parent.relative_to(site).as_posix() + "/" for f in directory_pages(site)} - {
        "directory/", "directory/shortlist/"}
    assert not service_pages & set(precache)  # kept as they are visited, not on install
    shell = sum(len(gzip.compress((site / (p + "index.html" if p.endswith("/") else p)).read_bytes(), 6, mtime=0))
                for p in precache)
    assert shell <= DEFAULTS["C2C_OFFLINE_BUDGET_KB"] * 1024
    assert "self.addEventListener(\"fetch\"" in sw


def test_the_shell_is_taken_in_order_while_it_fits_the_budget(site):
    from c2c_directory.offline import precache_list, shell_candidates
    from c2c_registry.urls import Urls, save_as

    everything = shell_candidates(site, Urls())
    assert "directory/" in everything and everything[-1] == Urls().directory_cards(1)  # the cards come last
    assert everything.index(Urls().directory_data("filters", "all")) < everything.index(Urls().search_manifest())
    assert precache_list(site, Urls(), 10_000) == everything
    small = precache_list(site, Urls(), 8)
    assert small == [u for u in everything if u in small] and 0 < len(small) < len(everything)
    assert sum(len(gzip.compress((site / save_as(u)).read_bytes(), 6, mtime=0)) for u in small) <= 8 * 1024
    assert precache_list(site, Urls(), 0) == []


def test_service_worker_changes_when_the_directory_changes(tmp_path):
    content = tiny_copy(tmp_path)
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_site(content, first).returncode == 0
    edit(content, "services/helpline.yaml", "Phone advice all day and night.", "Phone advice, day and night.")
    assert build_site(content, second).returncode == 0
    cache = [_worker_constants((d / "sw.js").read_text("utf-8"))[0] for d in (first, second)]
    assert cache[0] != cache[1] and all(c.startswith(f"c2c-directory-{BUILD_DATE}-") for c in cache)


def test_a_service_cannot_take_the_name_of_a_directory_page(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "services" / "helpline.yaml").rename(content / "services" / "shortlist.yaml")
    result = build_site(content, tmp_path / "out")
    assert result.returncode == 1
    assert ("content/services/shortlist.yaml:1:1: (file name): 'shortlist' is the name of one of the "
            "directory's own pages (/directory/shortlist/); rename the file") in result.stdout


@pytest.mark.parametrize("slug, when, expected", [
    ("canal-street-day-centre", (2026, 12, 25, 10, 0), "Closed now. Opens at 11am today"),
    ("canal-street-day-centre", (2026, 12, 26, 10, 0), "Closed now. Opens at 8am on Tuesday"),
    ("rowley-family-centre-housing-clinic", (2026, 12, 1, 11, 0), "Open now until 1pm today"),
    ("lantern-wolverhampton-night-shelter", (2026, 11, 23, 10, 0), "Closed now. Opens at 5pm today"),
    ("lantern-wolverhampton-night-shelter", (2026, 11, 30, 10, 0), "Closed now. Opens at 7pm today"),
])
def test_the_sample_sites_services_at_fixed_clocks(services_json, slug, when, expected):
    data, by_slug = services_json
    minute = int(datetime(*when, tzinfo=LONDON).timestamp()) // 60
    assert describe_dated([tuple(i) for i in by_slug[slug]["dated"]], minute, data["window"][1]) == expected


@pytest.fixture(scope="module")
def services_json(site):
    data = json.loads((site / "directory" / "services.json").read_text("utf-8"))
    return data, {s["slug"]: s for s in data["services"]}
