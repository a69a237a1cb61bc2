"""Hostile content (tests/fixtures/hostile/) built into a site: nothing from content runs.

The corpus is valid (it is meant to be published), and the schema refuses what would be
dangerous even escaped. The raw HTML has no script but the site's own files and JSON-LD,
no event-handler attributes, no `javascript:` or other script URLs, and JSON-LD that
cannot end its own <script>. And nothing valid is lost: the text after each attack is
still on its page, and plain text fields show the author's characters, escaped, not
dropped. The same pages in Chromium are tests/browser/test_hostile_pages.py; the
sanitiser vector by vector is tests/unit/test_markup.py.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import html5lib
import pytest

from support.forked_cli import run_cli
from support.page_kinds import html_files, parse, url_path_of
from support.project import HOSTILE
from support.script_urls import runs_script


def test_the_hostile_corpus_is_valid_content():
    """Hostile but valid: the point is that it is published, safely."""
    result = run_cli(["validate", "--content", str(HOSTILE)], 60)
    assert result.returncode == 0, result.output


def _own_script(src: str) -> bool:
    parts = urlsplit(src)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/") and parts.path.endswith(".js")


def test_raw_html_has_no_script_from_content(hostile_site):
    problems = []
    for file in html_files(hostile_site):
        where = url_path_of(hostile_site, file)
        raw = file.read_text("utf-8")
        for el in parse(file).iter():
            if not isinstance(el.tag, str):
                continue
            tag = el.tag.split("}")[-1].lower()
            if tag == "script":
                if (el.get("type") or "").lower() in ("application/ld+json", "application/json"):  # data, never run
                    continue
                if not _own_script(el.get("src") or ""):
                    problems.append(f"{where}: <script src={el.get('src')!r}> {(el.text or '')[:60]!r}")
            if tag in ("iframe", "object", "embed", "base", "frame", "frameset", "applet", "style"):
                problems.append(f"{where}: <{tag}>")
            if tag == "meta" and (el.get("http-equiv") or "").lower() == "refresh":
                problems.append(f"{where}: <meta http-equiv=refresh>")
            for name, value in el.items():
                name = str(name).split("}")[-1].lower()
                if name.startswith("on"):
                    problems.append(f"{where}: {name}= on <{tag}>")
                if name in ("href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"):
                    if runs_script(value):
                        problems.append(f"{where}: {name}={value!r} on <{tag}>")
                if name == "style":
                    problems.append(f"{where}: style= on <{tag}>")
        # Belt and braces on the raw text, in case a parse hides something: text and
        # attribute values from content are escaped, so a literal "<script" is a real tag.
        for m in re.finditer(r"<script(?![^>]*(src=\"/[^\"]*\.js\"|type=\"application/(ld\+)?json\"))", raw, re.I):
            problems.append(f"{where}: raw <script in …{raw[max(0, m.start() - 40): m.end() + 40]!r}…")
    assert not problems, "\n".join(sorted(set(problems))[:40])


def test_json_ld_cannot_end_its_script_element(hostile_site):
    blocks = 0
    for file in html_files(hostile_site):
        raw = file.read_text("utf-8")
        for m in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
            blocks += 1
            body = m.group(1)
            assert "<" not in body, f"{file}: '<' inside JSON-LD (write it as \\u003c)"
            json.loads(body)  # still valid JSON after escaping
    directory_built = (hostile_site / "directory").is_dir()
    if directory_built:
        assert blocks, "the directory's service pages should carry JSON-LD"


def test_every_hostile_page_is_still_valid_html(hostile_site):
    """Broken HTML in content must not break the page around it."""
    problems = []
    for file in html_files(hostile_site):
        try:
            html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(file.read_bytes())
        except html5lib.html5parser.ParseError as err:
            problems.append(f"{url_path_of(hostile_site, file)}: {err}")
    assert not problems, "\n".join(problems)


def _text(file) -> str:
    return " ".join("".join(parse(file).find(".//body").itertext()).split())


# Text that follows the attacks in each Markdown field: it must survive sanitising.
SURVIVORS = {
    "organisations/hostile-charity/index.html": ["hostile-charity-description-end"],
    "organisations/plain-partner/index.html": ["plain-partner-description-end"],
    "pledges/hostile-charity-2025/index.html": ["hostile-commitment-body-end"],
    "hostile-page/index.html": ["hostile-page-end"],
    "directory/hostile-night-shelter/index.html": ["hostile-service-description-end"],
    "directory/index.html": ["hostile-alert-message-end"],  # other pages show alerts in short
}
# Plain-text fields are shown as the author typed them (escaped), never dropped.
ESCAPED = {
    "organisations/hostile-charity/index.html": ['Hostile "><script>alert("org-name")</script> Charity',
                                                 "<img src=x onerror=alert(2)>"],
    "pledges/hostile-charity-2025/index.html": ['</title><script>alert("title")</script> Roundtable',
                                                "<script>alert(55)</script> We pledge plain text",
                                                '" onmouseover="alert(60)'],
    "directory/hostile-night-shelter/index.html": ['</script><script>alert("service-name")</script> Night Shelter',
                                                   '"><script>alert(86)</script> Adults'],
    "directory/index.html": ["<script>alert(100)</script> Severe weather"],
}


@pytest.mark.parametrize("page", sorted(set(SURVIVORS) | set(ESCAPED)))
def test_nothing_valid_is_lost(hostile_site, page):
    file = hostile_site / page
    assert file.is_file(), f"{page} was not built"
    text = _text(file)
    for marker in SURVIVORS.get(page, []):
        assert marker in text, f"{marker!r} is missing from {page}: the sanitiser dropped valid text"
    for literal in ESCAPED.get(page, []):
        assert " ".join(literal.split()) in text, f"{literal!r} is not shown on {page}"


# -- The schema refuses what would be dangerous even escaped ----------------------------

REFUSED = {
    "javascript: website": ("organisations/hostile-charity.yaml",
                            "website: https://hostile.example.org/?q=%22%3E%3Cscript%3Ealert(3)%3C/script%3E",
                            "website: javascript:alert(1)", "website"),
    "data: website": ("organisations/hostile-charity.yaml",
                      "website: https://hostile.example.org/?q=%22%3E%3Cscript%3Ealert(3)%3C/script%3E",
                      "website: data:text/html,<script>alert(1)</script>", "website"),
    "quote break-out in a website": ("organisations/hostile-charity.yaml",
                                     "website: https://hostile.example.org/?q=%22%3E%3Cscript%3Ealert(3)%3C/script%3E",
                                     "website: 'https://x.example/\"><script>alert(1)</script>'", "website"),
    "javascript: service website": ("services/hostile-night-shelter.yaml",
                                    "website: https://hostile.example.org/shelter?x=%3C/script%3E",
                                    "website: JavaScript:alert(1)", "contact.website"),
    "script in an email address": ("organisations/hostile-charity.yaml",
                                   "contact_email: o'brien+alert@hostile.example.org",
                                   "contact_email: 'a\"><script>alert(1)</script>@x.example.org'", "contact_email"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_schema_refuses_script_urls(tmp_path, case):
    relpath, old, new, field = REFUSED[case]
    content = tmp_path / "content"
    shutil.copytree(HOSTILE, content)
    path = content / relpath
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")
    result = run_cli(["validate", "--content", str(content)], 60)
    assert result.returncode == 1, result.output
    assert re.search(rf"^content/{re.escape(relpath)}:\d+:\d+: {re.escape(field)}: ", result.output, re.M), result.output
