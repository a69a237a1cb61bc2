"""Where a feed comes from: one JSON file, a folder of page files, or a URL page by page.

Every document is size-limited before it is parsed and depth-limited after, so a feed
too large or nested absurdly deep is a clear error (`SourceProblem`, exit 2), never a
traceback. A URL is followed page by page (the HSDS API's `page` parameter, its
`last_page` or ORUK's `last`, or until a page is empty), with the standard library's
urllib; only http and https are fetched.
"""

from __future__ import annotations

import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .shapes import NotAFeed, Page, page_of

MAX_MB = 100  # one file or one page
MAX_DEPTH = 40  # HSDS nests about 8 deep; libraries and our own walks slow or fail far deeper
MAX_RECORDS = 50_000
MAX_PAGES = 2_000
TIMEOUT = 60
# Query parameters that page a list, and ones that may carry a secret: neither is part
# of a feed's name (a name is written into the content, which is public).
PAGING = {"page", "page_number", "pagenumber", "per_page", "perpage", "page_size", "pagesize", "size", "limit",
          "offset"}
SECRET = re.compile(r"key|token|secret|password|auth|signature|sig$", re.I)


class SourceProblem(Exception):
    """The feed cannot be read; the message says why and what to do."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = MAX_MB * 1_000_000
    max_depth: int = MAX_DEPTH
    max_records: int = MAX_RECORDS
    max_pages: int = MAX_PAGES


def is_url(source: str) -> bool:
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", source) is not None


def feed_name(source: str) -> str:
    """The name a feed gets when none is given: a URL without its paging and secret
    parameters, or a file's or folder's name."""
    if is_url(source):
        parts = urllib.parse.urlsplit(source)
        query = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
                 if k.lower() not in PAGING and not SECRET.search(k)]
        return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))
    path = Path(source)
    return path.stem if path.suffix.lower() == ".json" else path.name


def read_pages(source: str, limits: Limits, on_page: Callable[[int, int | None], None]) -> Iterator[Page]:
    """Each page of records from `source`, in order; `on_page(n, total)` after each."""
    if is_url(source):
        yield from _url_pages(source, limits, on_page)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted((p for p in path.iterdir() if p.suffix.lower() == ".json" and p.is_file()), key=_natural)
        if not files:
            raise SourceProblem(f"{path} holds no .json files; give a feed file, a folder of page files or a URL")
        for n, file in enumerate(files[: limits.max_pages], 1):
            yield _page(_parse(_read_file(file, limits), str(file), limits), str(file))
            on_page(n, len(files))
        return
    yield _page(_parse(_read_file(path, limits), str(path), limits), str(path))
    on_page(1, 1)


def _natural(path: Path) -> list[Any]:
    """page-2.json before page-10.json."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", path.name)]


def _read_file(path: Path, limits: Limits) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(limits.max_bytes + 1)
    except OSError as err:
        raise SourceProblem(f"could not open {path}: {err.strerror or err}") from None
    if len(data) > limits.max_bytes:
        raise SourceProblem(f"{path} is larger than {limits.max_bytes / 1_000_000:g} MB, the limit for one file; "
                            "split it into pages, or raise the limit with --max-size")
    return data


def _parse(data: bytes, where: str, limits: Limits) -> Any:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        raise SourceProblem(f"{where} is not UTF-8 text (byte {err.start}); save it as UTF-8 JSON") from None
    except json.JSONDecodeError as err:
        raise SourceProblem(f"could not read {where} as JSON: line {err.lineno}, column {err.colno}: {err.msg}") from None
    except RecursionError:
        raise SourceProblem(f"{where} is nested far too deep to be a service feed (the limit is "
                            f"{limits.max_depth} levels); check it is the right file") from None
    depth = _depth(document)
    if depth > limits.max_depth:
        raise SourceProblem(f"{where} is nested {depth} levels deep; the limit is {limits.max_depth}, and an Open "
                            "Referral feed needs about 8; check it is the right file")
    return document


def _depth(document: Any) -> int:
    """How deeply lists and objects nest, without recursion."""
    deepest, stack = 0, [(document, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            stack += [(v, depth + 1) for v in value if isinstance(v, (dict, list))]
    return deepest


def _page(document: Any, where: str) -> Page:
    try:
        return page_of(document)
    except NotAFeed as err:
        raise SourceProblem(f"{where} holds no Open Referral services: {err}") from None


def _url_pages(url: str, limits: Limits, on_page: Callable[[int, int | None], None]) -> Iterator[Page]:
    if urllib.parse.urlsplit(url).scheme.lower() not in ("http", "https"):
        raise SourceProblem(f"only http:// and https:// addresses can be imported, not {url}")
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    number = next((int(v) for k, v in query if k == "page" and v.isdigit()), None)
    seen: set[str] = set()
    for n in range(1, limits.max_pages + 1):
        page = _page(_parse(_fetch(url, limits), shown(url), limits), shown(url))
        ids = json.dumps([r.get("id") for r in page.records if isinstance(r, dict)])
        if page.records and ids in seen:  # the server ignores `page`: stop rather than loop
            return
        seen.add(ids)
        yield page
        on_page(n, page.total)
        current = page.number if page.number is not None else number if number is not None else 1
        if (not page.records or page.last or (page.last is None and page.total is not None and current >= page.total)
                or (page.last is None and page.total is None and page.number is None)):
            return
        number = current + 1
        query = [(k, v) for k, v in query if k != "page"] + [("page", str(number))]
        url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))
    raise SourceProblem(f"{shown(url)}: more than {limits.max_pages} pages; stopped")


def shown(url: str) -> str:
    """A URL as messages show it: without the values of secret parameters."""
    parts = urllib.parse.urlsplit(url)
    query = [(k, "…" if SECRET.search(k) else v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True)]
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, urllib.parse.urlencode(query), ""))


def _fetch(url: str, limits: Limits, tries: int = 3) -> bytes:
    request = urllib.request.Request(url, headers={"Accept": "application/json", "User-Agent": "c2c-import-hsds"})
    for attempt in range(1, tries + 1):
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked)
                data = response.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise SourceProblem(f"{shown(url)} sent more than {limits.max_bytes / 1_000_000:g} MB, the limit "
                                    "for one page; ask for smaller pages, or raise the limit with --max-size")
            return data
        except urllib.error.HTTPError as err:
            if err.code < 500 or attempt == tries:
                raise SourceProblem(f"{shown(url)} answered {err.code} {err.reason}") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            if attempt == tries:
                reason = getattr(err, "reason", err)
                raise SourceProblem(f"could not fetch {shown(url)}: {reason}") from None
        time.sleep(attempt)
    raise SourceProblem(f"could not fetch {shown(url)}")  # pragma: no cover (the loop returns or raises)
