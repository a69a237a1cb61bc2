"""Pages of a long list, so no page grows with the registry.

A phone with little data left should not download every organisation to see the first
fifty. `paginate` cuts any list into pages of about `size` items and says where each
page lives: page 1 keeps the list's own address, later ones come from the URL map
(`Urls.paged`). Items can be groups (an organisation with its pledges on a stage page):
give `weight` (the items a group holds) and whole groups are packed into pages, never
split, so a page holds at least one group and at most `size` items unless one group
alone is bigger.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

ELLIPSIS = None  # in `Page.links`: a gap in the page numbers


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a list: its items, where it sits and the way to the others."""

    items: Sequence[T]
    number: int  # from 1
    urls: tuple[str, ...]  # the address of every page of the list, page 1 first
    total: int  # items (or weights) in the whole list
    first: int  # the position of this page's first item in the whole list, from 1
    last: int

    @property
    def count(self) -> int:
        return len(self.urls)

    @property
    def url(self) -> str:
        return self.urls[self.number - 1]

    @property
    def previous_url(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.urls[self.number] if self.number < self.count else None

    @property
    def title_suffix(self) -> str:
        """' (page 2 of 7)' for a page's <title> and heading; '' when there is one page."""
        return f" (page {self.number} of {self.count})" if self.count > 1 else ""

    @property
    def links(self) -> list[tuple[int, str] | None]:
        """(number, url) for the numbers GOV.UK's pagination shows, None for a gap:
        the first, the last, and the current page with one either side."""
        shown = {1, self.count, self.number - 1, self.number, self.number + 1}
        links: list[tuple[int, str] | None] = []
        for number in range(1, self.count + 1):
            if number in shown:
                links.append((number, self.urls[number - 1]))
            elif links and links[-1] is not ELLIPSIS:
                links.append(ELLIPSIS)
        return links


def paginate(items: Sequence[T], size: int, url_of: Callable[[int], str],
             weight: Callable[[T], int] = lambda _: 1) -> list[Page[T]]:
    """Every page of `items`; an empty list still has one (empty) page, at page 1's address."""
    if size < 1:
        raise ValueError(f"a page holds at least one item, not {size}")
    chunks: list[list[T]] = [[]]
    filled = 0
    for item in items:
        w = max(weight(item), 1)
        if chunks[-1] and filled + w > size:
            chunks.append([])
            filled = 0
        chunks[-1].append(item)
        filled += w
    urls = tuple(url_of(n) for n in range(1, len(chunks) + 1))
    pages: list[Page[T]] = []
    position = 0
    total = sum(max(weight(i), 1) for i in items)
    for number, chunk in enumerate(chunks, 1):
        size_here = sum(max(weight(i), 1) for i in chunk)
        pages.append(Page(chunk, number, urls, total, position + 1 if chunk else 0, position + size_here))
        position += size_here
    return pages
