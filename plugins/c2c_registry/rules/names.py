"""What a file may be called: its name (or a page's `Slug:`) becomes a web address.

A slug is lower-case letters, digits and single hyphens, at most 80 characters, as in
schemas/common.schema.json; no two files of a kind share one; and none takes an address
the site's own pages use. Those reserved names are read off the URL map (urls.py), so a
new kind of page is covered as soon as its method is added there.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..urls import BADGE_FILES, DATA_FORMATS, DIMENSIONS, LOGO_FORMATS, NARROWING, PROGRESS_LISTS, Urls
from .corpus import Corpus
from .problems import Problem, shown

if TYPE_CHECKING:
    from ..load.files import ContentFile

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # as in common.schema.json; file names follow it too
MAX_SLUG = 80


def is_slug(text: str) -> bool:
    """Whether `text` can be a file name and a web address."""
    return bool(re.match(SLUG_PATTERN, text)) and len(text) <= MAX_SLUG


def slugify(text: str) -> str:
    """The slug nearest to `text` ('Night Shelter' -> 'night-shelter'), to suggest one."""
    return re.sub(r"[^a-z0-9]+", "-", text[:1000].lower()).strip("-")[:MAX_SLUG].rstrip("-")


# -- the names the site's own pages take -----------------------------------------------
def _directory_own_pages() -> tuple[str, ...]:
    """The folders under /directory/ that are the directory's own pages, not services."""
    urls = Urls()
    prefix = urls.directory()
    own = (urls.directory_area("x"), urls.directory_stage("x"), urls.shortlist(),
           urls.directory_access("x"), urls.directory_language("x"), urls.paged(prefix, 2),
           urls.directory_data("filters", "all"))
    return tuple(sorted({url[len(prefix):].split("/")[0] for url in own}))


# /directory/<name>/ pages of the directory itself: no service may take these slugs.
RESERVED_SERVICE_SLUGS = _directory_own_pages()


# What a content page's slug must not be: the first folder or file of every address the
# site's own pages and files use. Every public method of Urls is asked, so a new page
# kind is covered when its method is added.
# Content pages themselves, helpers, and places on another page (a commitment's, which
# is asked anyway); later pages of a list live under the list's own folder.
_NOT_SITE_PAGES = {"page", "record", "absolute", "home", "pledge", "action", "discussion_item", "paged", "submit_from"}


class _Probe(str):
    """Stands in for any record or id when a method is asked where its pages live."""

    slug = anchor = "x"

    @property
    def commitment(self) -> _Probe:
        return self


def site_top_level_names(urls: Urls | None = None) -> tuple[str, ...]:
    """The top-level folders and files of the site's own addresses, from the URL map."""
    urls = urls or Urls()
    # Arguments with a fixed set of values are tried with each; anything else gets a probe.
    choices: dict[str, tuple] = {"dimension": DIMENSIONS, "by": NARROWING, "kind": tuple(BADGE_FILES),
                                 "image_format": LOGO_FORMATS, "size": (96,),
                                 "data_format": DATA_FORMATS, "number": (1,),
                                 "list_name": PROGRESS_LISTS}
    names: set[str] = set()
    for name, method in inspect.getmembers(urls, inspect.ismethod):
        if name.startswith("_") or name in _NOT_SITE_PAGES:
            continue
        params = [p for p in inspect.signature(method).parameters.values()
                  if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty]
        combos: list[list[str]] = [[]]
        for param in params:
            combos = [c + [value] for c in combos for value in choices.get(param.name, (_Probe("x"),))]
        for args in combos:
            names.add(method(*args).split("?")[0].split("#")[0].split("/")[0])
    return tuple(sorted(names - {""}))


# /<name>/: addresses of the site's own pages and files; no page in content/pages/ may take them.
RESERVED_PAGE_SLUGS = site_top_level_names()


# -- the checks ------------------------------------------------------------------------
def _named_by_file(corpus: Corpus) -> Iterator[ContentFile]:
    """Files whose name is their slug: every kind but a page that sets its own `Slug:`."""
    for kind in corpus.files:
        for f in corpus.all(kind):
            if kind != "page" or "Slug" not in (f.data or {}):
                yield f


def check_slugs(corpus: Corpus) -> Iterator[Problem]:
    """File names are slugs (they become web addresses)."""
    for f in _named_by_file(corpus):
        if not is_slug(f.slug):
            yield Problem(
                f.path, 1, 1, "(file name)",
                f"{shown(f.slug)} cannot be a web address; rename the file using lower-case "
                f"letters, digits and single hyphens (at most {MAX_SLUG}), e.g. "
                f"'{slugify(f.slug) or 'my-file'}'", "file-name",
            )


def check_duplicate_slugs(corpus: Corpus) -> Iterator[Problem]:
    """Two files of one kind may not share a slug (e.g. a.yaml and sub/a.yml), nor two
    pages an address."""
    for kind in corpus.files:
        first: dict[str, ContentFile] = {}
        for f in corpus.all(kind):
            if f.slug not in first:
                first[f.slug] = f
            elif kind == "page":
                yield _page_problem(
                    f, "duplicate-slug", f"another page has the address /{Urls().page(f.slug)}: "
                    f"{first[f.slug].path}. Give each page its own Slug:")
            else:
                yield Problem(
                    f.path, 1, 1, "(file name)",
                    f"another file has the same name {shown(f.slug)}: {first[f.slug].path}. "
                    "Each file needs its own name; rename or remove one", "duplicate-slug",
                )


def _page_problem(f: ContentFile, rule: str, message: str) -> Problem:
    """A problem with a page's address: on its Slug: line, or on its file name."""
    if "Slug" in (f.data or {}):
        return f.problem(rule, ("Slug",), message)
    return Problem(f.path, 1, 1, "(file name)", message, rule)


def check_reserved_page_slugs(corpus: Corpus) -> Iterator[Problem]:
    """A page at the address of one of the site's own pages or files would overwrite it."""
    for f in corpus.all("page"):
        if f.slug in RESERVED_PAGE_SLUGS:
            fix = ("change Slug:, for example to" if "Slug" in (f.data or {}) else
                   "rename the file or give it a Slug: line, for example")
            yield _page_problem(
                f, "reserved-slug", f"{shown(f.slug)} is the address of one of the site's own pages "
                f"(/{Urls().page(f.slug)}); {fix} {f.slug}-information")


def check_reserved_slugs(corpus: Corpus) -> Iterator[Problem]:
    """A service named like one of the directory's own pages would overwrite it."""
    for f in corpus.all("service"):
        if f.slug in RESERVED_SERVICE_SLUGS:
            yield Problem(
                f.path, 1, 1, "(file name)",
                f"'{f.slug}' is the name of one of the directory's own pages (/{Urls().service(f.slug)}); "
                f"rename the file, for example to {f.slug}-service{Path(f.path).suffix}", "reserved-slug",
            )
