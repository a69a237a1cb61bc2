"""The plain pages in content/pages/, checked like every other content file.

A page is Pelican Markdown: `Key: value` lines up to the first blank line, then the text.
Pelican reads that header with Python-Markdown's meta extension; it is parsed here the
same way (its patterns, copied below), so the core needs no Pelican, and every line keeps
its number for the report. What Pelican would stop on, or silently get wrong, is refused
here first: a missing title, a date it cannot read or would read month first, a status it
does not know, an address another page or the site itself already uses, and fields such
as `Save_as:` or `Template:` that would let a page overwrite any file of the site.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

from ..rules.names import slugify
from ..rules.problems import Problem, shown
from .files import ContentFile
from .positions import SourceError, SourceMap
from .reading import read_text
from .values import visible

# Python-Markdown's meta extension (markdown/extensions/meta.py), which Pelican uses.
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^[ ]{4,}(?P<value>.*)")
BEGIN_RE = re.compile(r"^-{3}(\s.*)?")
END_RE = re.compile(r"^(-{3}|\.{3})(\s.*)?")

# The fields a page may have, as the README writes them, and their length limits.
FIELDS = {"Title": 200, "Slug": 80, "Date": 20, "Modified": 20, "Summary": 300, "Status": 20}
STATUSES = ("published", "hidden")  # a draft would still be written to the site, under drafts/
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
PAGE_SLUG_RE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def read_page(path: Path, record: ContentFile) -> ContentFile:
    """Read one page's header into `record`: its fields, where each is, what is wrong.
    Its slug becomes the page's address: `Slug:`, or else the file name (the URL map
    sets Pelican's SLUGIFY_SOURCE to match)."""
    try:
        text = read_text(path)
    except SourceError as err:
        record.problems.append(Problem(record.path, err.line, err.column, err.field, err.message, err.rule))
        return record
    if not text.strip():
        record.problems.append(Problem(record.path, 1, 1, "(file)", "the file is empty; a page needs a Title: "
                                       "line, a blank line, then its text", "empty-file"))
        return record
    record.data, record.smap, problems = parse_header(text, record.path)
    record.problems += problems
    record.problems += field_problems(record)
    slug = record.data.get("Slug")
    if isinstance(slug, str) and slug:
        record.slug = slug
    return record


def parse_header(text: str, path: str) -> tuple[dict[str, str], SourceMap, list[Problem]]:
    """The metadata lines at the top of a page, as Python-Markdown reads them, with the
    line and column of each field name and value. Names are written as the README does
    (Title, not title): Pelican does not mind the case."""
    data: dict[str, str] = {}
    smap = SourceMap()
    problems: list[Problem] = []
    lines = text.split("\n")
    first = 1 if lines and BEGIN_RE.match(lines[0]) else 0
    key = ""
    for number in range(first, len(lines)):
        line = lines[number].expandtabs(4)
        if line.strip() == "" or END_RE.match(line):
            break
        meta = META_RE.match(line)
        if meta:
            key = meta.group("key").lower().capitalize()
            where = (key,)
            at_key = number + 1, meta.start("key") + 1
            at_value = number + 1, (meta.start("value") if meta.group("value") else meta.end("key") + 1) + 1
            if key in data:
                problems.append(Problem(
                    path, *at_key, key,
                    f"the field {key} appears twice (first on line {smap.key(where).line}); keep one.",
                    "duplicate-key"))
                key = ""  # its continuation lines belong to the duplicate, not the first
                continue
            data[key] = meta.group("value").strip()
            smap.keys[where], smap.values[where], smap.raw[where] = at_key, at_value, meta.group("value")
            continue
        more = META_MORE_RE.match(line)
        if more and key:
            data[key] = (data[key] + "\n" + more.group("value").strip()).strip()
            continue
        break  # the text starts here
    return data, smap, problems


def field_problems(record: ContentFile) -> list[Problem]:
    """What is wrong with the fields of one page's header."""
    data, problems = record.data, []
    if "Title" not in data:
        problems.append(Problem(record.path, 1, 1, "Title", "this page has no Title: line; put one at the top, "
                                "e.g. Title: About this site, then a blank line before the text", "required-field"))
    for key, value in data.items():
        where = (key,)
        if key not in FIELDS:
            problems.append(record.problem(
                "unknown-field", where,
                f"unknown field {shown(key)}; a page may have only {', '.join(FIELDS)}. If this line is meant as "
                "text, leave a blank line between the fields and the text", at_key=True))
        elif not visible(value):
            problems.append(record.problem("empty-value", where, "this is empty; write something or remove the line",
                                           at_key=True))
        elif len(value) > FIELDS[key]:
            problems.append(record.problem("too-long", where, f"this is {len(value):,} characters long; the limit is "
                                           f"{FIELDS[key]}. Shorten it"))
        elif key in ("Date", "Modified") and not _iso_date(value):
            problems.append(record.problem(
                "bad-format", where,
                f"{shown(value)} is not a date written YYYY-MM-DD (a time may follow, as 2026-06-01 10:30), "
                "e.g. 2026-06-01; a date such as 03/04/2026 would be read month first, as 4 March"))
        elif key == "Slug" and not PAGE_SLUG_RE.fullmatch(value):
            problems.append(record.problem(
                "bad-format", where,
                f"{shown(value)} cannot be a web address; use lower-case letters, digits and single hyphens, "
                f"e.g. '{slugify(value) or 'about-this-site'}'"))
        elif key == "Status" and value not in STATUSES:
            problems.append(record.problem(
                "not-allowed-value", where,
                f"{shown(value)} is not allowed here; use one of: {', '.join(STATUSES)}"
                + (" (a draft would still be published, under drafts/; keep an unfinished page out of "
                   "content/pages/ instead)" if value.lower() == "draft" else "")))
    return problems


def _iso_date(text: str) -> bool:
    if not DATE_RE.fullmatch(text):
        return False
    try:
        (datetime.fromisoformat(text) if len(text) > 10 else date.fromisoformat(text))
    except ValueError:
        return False
    return True

