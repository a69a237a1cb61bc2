"""The paging rule (c2c_views.paging.paginate) as a plain function: how a list is cut,
numbered and linked, and groups kept whole on one page."""

from __future__ import annotations

from c2c_views.paging import paginate

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
