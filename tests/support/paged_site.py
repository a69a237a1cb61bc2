"""The sample content built with five items a page, so every long list has several pages
(the `paged_site` fixture in tests/conftest.py builds it once a session), and how a test
follows a list's pages."""

from __future__ import annotations

from pathlib import Path

from support.page_kinds import parse
from support.project import ROOT, build_site

PAGE_SIZE = 5


def build_paged(work: Path) -> Path:
    """Build content/ into work/output with C2C_PAGE_SIZE = PAGE_SIZE."""
    settings = work / "settings.py"
    settings.write_text(f"exec(open({str(ROOT / 'pelicanconf.py')!r}).read())\n"
                        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"C2C_PAGE_SIZE = {PAGE_SIZE}\n")
    out = work / "output"
    result = build_site(ROOT / "content", out, settings=settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def pages_of(site: Path, first: str) -> list[str]:
    """The addresses of a list's pages, found by following its Next links."""
    found, url = [], first
    while url:
        found.append(url)
        nxt = parse(site / url / "index.html").find(".//a[@rel='next']")
        url = nxt.get("href").strip("/") + "/" if nxt is not None else None
    return found


def page_title(site: Path, url: str) -> str:
    return parse(site / url / "index.html").find(".//title").text
