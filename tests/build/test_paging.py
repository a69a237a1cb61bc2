"""Long lists in pages: the sample content built with five items a page (the `paged_site`
fixture), read as files: numbered titles, every item on exactly one page, valid HTML and
no broken links. The paging rule itself is tests/unit/test_paging_rule.py; the pages in
Chromium, tests/browser/test_paged_lists.py."""

from __future__ import annotations

import re

import html5lib
import pytest

from support.page_kinds import html_files, parse, resolve, url_path_of
from support.paged_site import PAGE_SIZE, page_title, pages_of
from support.project import ROOT

LISTS = {  # list page 1, the heading each page shows, what a row links to
    "organisations/": "Organisations",
    "pledges/": "Pledges and action plans",
    "progress/overdue/": "Overdue actions",
    "progress/due-soon/": "Actions due soon",
    "progress/review-due/": "Commitments due for review",
}


@pytest.mark.parametrize("first", LISTS)
def test_each_long_list_is_paged_with_numbers_in_the_title(paged_site, first):
    pages = pages_of(paged_site, first)
    assert len(pages) >= 2, f"{first} should need more than one page of {PAGE_SIZE}"
    assert pages[1:] == [f"{first}page/{n}/" for n in range(2, len(pages) + 1)]  # page 1 keeps its address
    for n, url in enumerate(pages, 1):
        assert page_title(paged_site, url) == f"{LISTS[first]} (page {n} of {len(pages)}) – Commitment to Collaborate"
        nav = parse(paged_site / url / "index.html").find(".//nav[@class='govuk-pagination']")
        current = nav.find(".//a[@aria-current='page']")
        assert current.text.strip() == str(n) and current.get("aria-label") == f"Page {n}"
        assert (nav.find(".//a[@rel='prev']") is None) == (n == 1)


def test_every_organisation_and_commitment_is_on_exactly_one_page(paged_site):
    for first, folder in (("organisations/", "organisations"), ("pledges/", "pledges")):
        linked = []
        for url in pages_of(paged_site, first):
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
