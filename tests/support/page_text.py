"""Read built pages the way a browser does (html5lib), for assertions on what users see."""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

import html5lib


def parse(path: Path) -> Element:
    return html5lib.parse(path.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)


def page(site: Path, url: str) -> Element:
    """The parsed page at a site URL such as '/organisations/x/'."""
    target = site / url.strip("/")
    return parse(target / "index.html" if target.is_dir() else target)


def text(el: Element | None) -> str:
    """Visible text with whitespace folded."""
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def by_class(root: Element, cls: str, tag: str = "*") -> list[Element]:
    return [e for e in root.iter(tag) if cls in (e.get("class") or "").split()]


def by_id(root: Element, ident: str) -> Element | None:
    return next((e for e in root.iter() if e.get("id") == ident), None)


def links(root: Element) -> list[tuple[str, str]]:
    return [(a.get("href"), text(a)) for a in root.iter("a")]


def main(root: Element) -> Element:
    found = by_id(root, "main-content")
    assert found is not None, "page has no <main id=main-content>"
    return found


def area_listing(site: Path, name: str) -> str:
    """Where /directory/'s "Browse the directory" list sends someone looking for the area
    `name` (an area with nothing of its own is sent to the region's listing)."""
    browse = next(nav for nav in by_class(main(page(site, "/directory/")), "app-browse", "nav")
                  if nav.get("aria-labelledby") == "browse-heading")
    return next(a.get("href") for a in browse.iter("a") if text(a) == name)
