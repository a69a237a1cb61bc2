"""Long lists in pages: the sample content built with five items a page, read as files
and in a browser without JavaScript, and the pure paging rule."""

from __future__ import annotations

import re

import html5lib
import pytest

from c2c_views.paging import paginate

from conftest import BUILD_DATE, C2C, ROOT, serve
from pages import html_files, parse, resolve, url_path_of
from watch import Watcher, axe_violations

PAGE_SIZE = 5
LISTS = {  # list page 1, the heading each page shows, what a row links to
    "organisations/": "Organisations",
    "pledges/": "Pledges and action plans",
    "progress/overdue/": "Overdue actions",
    "progress/due-soon/": "Actions due soon",
    "progress/review-due/": "Commitments due for review",
}


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    """The sample content with C2C_PAGE_SIZE = 5, so every long list has several pages."""
    import subprocess

    work = tmp_path_factory.mktemp("paged")
    settings = work / "settings.py"
    settings.write_text(f"exec(open({str(ROOT / 'pelicanconf.py')!r}).read())\n"
                        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"C2C_PAGE_SIZE = {PAGE_SIZE}\n")
    out = work / "output"
    result = subprocess.run([*C2C, "build", "--content", str(ROOT / "content"), "--output",
                             str(out), "--build-date", BUILD_DATE, "--settings", str(settings)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def _pages_of(site, first: str) -> list[str]:
    """The addresses of a list's pages, found by following its Next links."""
    found, url = [], first
    while url:
        found.append(url)
        nxt = parse(site / url / "index.html").find(".//a[@rel='next']")
        url = nxt.get("href").strip("/") + "/" if nxt is not None else None
    return found


def _title(site, url: str) -> str:
    return parse(site / url / "index.html").find(".//title").text


@pytest.mark.parametrize("first", LISTS)
def test_each_long_list_is_paged_with_numbers_in_the_title(paged_site, first):
    pages = _pages_of(paged_site, first)
    assert len(pages) >= 2, f"{first} should need more than one page of {PAGE_SIZE}"
    assert pages[1:] == [f"{first}page/{n}/" for n in range(2, len(pages) + 1)]  # page 1 keeps its address
    for n, url in enumerate(pages, 1):
        assert _title(paged_site, url) == f"{LISTS[first]} (page {n} of {len(pages)}) – Commitment to Collaborate"
        nav = parse(paged_site / url / "index.html").find(".//nav[@class='govuk-pagination']")
        current = nav.find(".//a[@aria-current='page']")
        assert current.text.strip() == str(n) and current.get("aria-label") == f"Page {n}"
        assert (nav.find(".//a[@rel='prev']") is None) == (n == 1)


def test_every_organisation_and_commitment_is_on_exactly_one_page(paged_site):
    for first, folder in (("organisations/", "organisations"), ("pledges/", "pledges")):
        linked = []
        for url in _pages_of(paged_site, first):
            main = parse(paged_site / url / "index.html").find(".//main")
            rows = main.findall(".//h2/a") if folder == "organisations" else main.findall(".//tbody/tr/td[1]/a")
            assert 1 <= len(rows) <= PAGE_SIZE
            linked += [a.get("href") for a in rows]
        records = sorted(p.stem for p in (ROOT / "content" / folder).glob("*.*") if p.suffix in (".yaml", ".md"))
        assert sorted(h.strip("/").split("/")[-1] for h in linked) == records
        assert len(set(linked)) == len(linked)


def test_the_progress_page_summarises_a_long_list_and_links_to_all_of_it(paged_site):
    main = parse(paged_site / "progress" / "index.html").find(".//main")
    text = " ".join("".join(main.itertext()).split())
    overdue = int(re.search(r"(\d+) actions overdue, in the plans of \d+ organisations\. The 5 overdue the longest", text)
                  .group(1))
    assert overdue > PAGE_SIZE
    shown = [li for li in main.iter("li") if "app-action-summary__item" in li.get("class", "").split()]
    assert len(shown) == 5 + 5  # the five longest overdue and the five due first, not the whole lists
    assert re.search(rf"See all {overdue} actions overdue \(\d+ pages\)", text)
    assert any(a.get("href") == "/progress/overdue/" for a in main.iter("a"))


def test_paged_pages_are_valid_html_with_no_broken_links(paged_site):
    files = [f for f in html_files(paged_site) if "/page/" in f.as_posix() or "progress/" in f.as_posix()]
    assert len(files) >= 8
    problems = []
    for file in files:
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(file.read_bytes())
        except html5lib.html5parser.ParseError as err:
            problems.append(f"{file.relative_to(paged_site)}: {err}")
        here = url_path_of(paged_site, file)
        for a in parse(file).iter("a"):
            found = resolve(paged_site, here, a.get("href", ""))
            if found is not None and found[0] is None:
                problems.append(f"{here}: broken link {a.get('href')}")
    assert not problems, "\n".join(problems[:20])


def test_pages_are_followed_without_javascript_and_pass_axe(browser, paged_site):
    base, server = serve(paged_site)
    context = browser.new_context(java_script_enabled=False, locale="en-GB", viewport={"width": 320, "height": 640})
    try:
        watcher = Watcher(context, base, axe=False)
        page = context.new_page()
        watcher.visit(page, base + "/organisations/")
        page.get_by_role("link", name="Next page").click()
        assert page.url == base + "/organisations/page/2/"
        assert page.title().startswith("Organisations (page 2 of ")
        page.get_by_role("link", name="Page 1", exact=True).click()
        assert page.url == base + "/organisations/"
        assert not watcher.problems, "\n".join(watcher.problems)
        axe_context = browser.new_context(locale="en-GB")
        axe_page = axe_context.new_page()
        Watcher(axe_context, base, axe=True).visit(axe_page, base + "/progress/overdue/page/2/")
        violations = axe_violations(axe_page)
        assert not violations, "\n".join(violations)
        axe_context.close()
    finally:
        context.close()
        server.shutdown()


# ---- The rule ---------------------------------------------------------------------------

def _url(n: int) -> str:
    return "list/" if n == 1 else f"list/page/{n}/"


def test_paginate_cuts_a_list_and_links_the_pages():
    pages = paginate(list(range(23)), 5, _url)
    assert [list(p.items) for p in pages][-1] == [20, 21, 22]
    assert [(p.first, p.last) for p in pages] == [(1, 5), (6, 10), (11, 15), (16, 20), (21, 23)]
    assert pages[0].previous_url is None and pages[0].next_url == "list/page/2/"
    assert pages[0].title_suffix == " (page 1 of 5)"
    assert [link and link[0] for link in pages[0].links] == [1, 2, None, 5]
    assert [link and link[0] for link in pages[2].links] == [1, 2, 3, 4, 5]
    assert [link and link[0] for link in paginate(list(range(100)), 5, _url)[9].links] == [1, None, 9, 10, 11, None, 20]


def test_one_page_or_none_has_no_page_numbers():
    (only,) = paginate([1, 2], 5, _url)
    assert only.url == "list/" and only.title_suffix == "" and only.count == 1
    (empty,) = paginate([], 5, _url)
    assert list(empty.items) == [] and empty.url == "list/"


def test_groups_are_packed_whole():
    groups = [("a", 3), ("b", 3), ("c", 9), ("d", 1)]
    pages = paginate(groups, 5, _url, weight=lambda g: g[1])
    assert [[g[0] for g in p.items] for p in pages] == [["a"], ["b"], ["c"], ["d"]]
    pages = paginate(groups, 6, _url, weight=lambda g: g[1])
    assert [[g[0] for g in p.items] for p in pages] == [["a", "b"], ["c"], ["d"]]
    assert pages[-1].total == 16 and (pages[1].first, pages[1].last) == (7, 15)
