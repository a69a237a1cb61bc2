"""Every count the site prints says what it counts and agrees with the items it stands
over: a link's "(N services)" with the cards on the page it leads to (every page of it),
a heading's "N services" with the cards under it, a print list's count with its entries
and what it leaves out, the home page's figures with the lists they summarise."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from support.page_text import area_listing, by_class, by_id, main, page, text

COUNT = re.compile(r"^\((\d+) services?(?:, A4)?(?:; leaves out (\d+) temporarily closed)?\)$")


def every_page(site: Path, url: str) -> Iterator[Element]:
    """A list's pages, from its first, by the Next links."""
    while url:
        tree = page(site, url)
        yield tree
        nxt = tree.find(".//a[@rel='next']")
        url = nxt.get("href") if nxt is not None else ""


def cards(tree: Element) -> list[Element]:
    """The service cards a page lists, leaving out its "services that have closed" part."""
    closed = {id(c) for d in by_class(tree, "app-closed-services") for c in by_class(d, "js-service-card")}
    return [c for c in by_class(main(tree), "js-service-card") if id(c) not in closed]


def listed(site: Path, url: str) -> list[Element]:
    return [c for tree in every_page(site, url) for c in cards(tree)]


def temporarily_closed(found: list[Element]) -> int:
    return sum("Temporarily closed" in text(c) for c in found)


def heading_count(tree: Element) -> tuple[int, int]:
    """(services, temporarily closed) from a listing's 'N services, K of them temporarily closed'."""
    h2 = next(h for h in main(tree).iter("h2") if re.match(r"^\d+ services?\b", text(h)))
    m = re.fullmatch(r"(\d+) services?(?:, (\d+) of them temporarily closed)?", text(h2))
    assert m, text(h2)
    return int(m.group(1)), int(m.group(2) or 0)


def counted_links(root: Element) -> Iterator[tuple[str, str, int, int]]:
    """(href, link text, N, left out) for each link followed by '(N services…)'."""
    for li in root.iter("li"):
        a, note = li.find("a"), li.find("span")
        if a is not None and note is not None and (m := COUNT.match(text(note))):
            yield a.get("href"), text(a), int(m.group(1)), int(m.group(2) or 0)


def test_browse_links_count_the_services_on_the_pages_they_lead_to(site):
    directory = main(page(site, "/directory/"))
    links = [link for nav in by_class(directory, "app-browse") for link in counted_links(nav)]
    assert len(links) > 40  # every area, stage, access fact and language, and the quick links
    for href, name, n, _ in links:
        found = listed(site, href)
        assert len(found) == n, f"{name}: the link says {n}, its pages list {len(found)}"
        services, paused = heading_count(page(site, href))
        assert (services, paused) == (n, temporarily_closed(found)), href


def test_print_lists_count_their_entries_and_say_what_they_leave_out(site):
    checked = 0
    for listing in sorted((site / "directory" / "areas").glob("*/index.html")):
        url = "/" + str(listing.parent.relative_to(site)) + "/"
        tree = main(page(site, url))
        area_cards = listed(site, url)
        for href, name, n, left_out in counted_links(by_class(tree, "app-print-links")[0]):
            sheet = main(page(site, href))
            items = by_class(sheet, "app-print-item")
            assert len(items) == n, f"{name}: the link says {n}, the list holds {len(items)}"
            assert f"{n} open service" in text(sheet)
            stage = name if not name.startswith("Every open service in") else None
            paused = [c for c in area_cards if "Temporarily closed" in text(c)
                      and (stage is None or stage in text(page(site, c.find('.//a').get('href'))))]
            assert left_out == len(paused), f"{name} on {url}: says it leaves out {left_out}, {len(paused)} are closed"
            for card in paused:
                assert text(card.find(".//h3")) in text(sheet), "a left-out service is named on the sheet"
            checked += 1
    assert checked > 20


def test_the_walsall_page_and_its_print_list_agree(site):
    """The case that was wrong: 16 services listed, 15 printed, nothing said."""
    tree = main(page(site, "/directory/areas/walsall/"))
    services, paused = heading_count(tree)
    prints = list(counted_links(by_class(tree, "app-print-links")[0]))
    assert prints[0][1] == "Every open service in Walsall"
    assert prints[0][2] == services - paused and prints[0][3] == paused == 1
    assert "Left out because it is temporarily closed: Lantern Walsall Night Shelter." in text(
        main(page(site, prints[0][0])))


def test_the_directory_and_the_home_page_count_the_same_services(site):
    tree = page(site, "/directory/")
    heading = text(by_id(tree, "results-heading"))
    found = listed(site, "/directory/")
    assert heading == f"{len(found)} services, {temporarily_closed(found)} of them temporarily closed"
    closed = by_class(main(tree), "app-closed-services")[0]
    n = int(re.search(r"\((\d+)\)", text(closed.find("summary"))).group(1))
    assert n == len(by_class(closed, "js-service-card"))
    home = text(main(page(site, "/")))
    assert f"{len(found)} services in the directory" in home
    # The area drop-down counts what the area's page lists.
    for option in by_id(tree, "filter-area").iter("option"):
        if option.get("value"):
            name, n = re.fullmatch(r"(.+) \((\d+)\)", text(option)).groups()
            # followed as a visitor would: an area with nothing of its own leads to the region's list
            assert int(n) == len(listed(site, area_listing(site, name))), text(option)


def test_the_home_page_figures_count_what_their_lists_hold(site):
    home = main(page(site, "/"))
    organisations = sum(len(by_class(main(t), "app-card", "li")) for t in every_page(site, "/organisations/"))
    assert re.search(rf"\b{organisations} organisations\b", text(home))
    for stage in by_class(home, "app-pathway__stage", "li"):
        href = stage.find("a").get("href")
        n = int(re.match(r"(\d+) pledges?", text(by_class(stage, "app-pathway__count")[0])).group(1))
        on_page = 0
        for tree in every_page(site, href):
            for counts in by_class(main(tree), "app-org-details__counts"):
                m = re.search(r"(\d+) pledges?", text(counts))
                on_page += int(m.group(1)) if m else 0
        assert on_page == n, f"{href}: the home page says {n} pledges, the page holds {on_page}"
