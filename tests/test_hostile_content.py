"""Hostile content (tests/fixtures/hostile/) built into a site: nothing from content runs.

Checked three ways: the raw HTML (no script but the site's own files and JSON-LD, no
event-handler attributes, no `javascript:` or other script URLs, JSON-LD that cannot end
its own <script>), Chromium with the CSP switched off (so the sanitiser alone must stop
every attack: no dialog ever opens, even when every element is hovered, focused and
clicked), and Chromium with the real CSP (no violation, nothing fetched from elsewhere).
And nothing valid is lost: the text after each attack is still on its page, and plain
text fields show the author's characters, escaped, not dropped.
"""

from __future__ import annotations

import json
import re
import shutil
from urllib.parse import urlsplit

import html5lib
import pytest

from c2c_registry.markup import render_markdown, safe_url, sanitise_html

from conftest import HOSTILE
from corpus import run_cli
from pages import PAGE_TYPES, html_files, page_file, parse, url_path_of
from watch import Watcher

SCRIPT_URL = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
DROP_FOR_URL_CHECK = re.compile(r"[\x00-\x20\x7f]")  # what a browser ignores in a URL's scheme


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
                    if SCRIPT_URL.match(DROP_FOR_URL_CHECK.sub("", value)):
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


@pytest.mark.browser
def test_no_dialog_opens_even_without_the_csp(browser, hostile_site, hostile_url):
    """The sanitiser alone must stop every attack, so this context ignores the CSP.
    Every element on every page is hovered, focused and (links and buttons aside, which
    would leave the page) clicked."""
    context = browser.new_context(bypass_csp=True)
    watcher = Watcher(context, hostile_url)
    page = context.new_page()
    try:
        for file in html_files(hostile_site):
            url = hostile_url + url_path_of(hostile_site, file)
            watcher.visit(page, url)
            page.evaluate("""() => {
              for (const el of document.querySelectorAll('body *')) {
                for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'toggle', 'animationstart', 'error', 'load'])
                  el.dispatchEvent(new Event(type, {bubbles: true}));
                if (typeof el.click === 'function' && !el.closest('a, button, summary, form, label, input, select, textarea'))
                  el.click();
              }
              for (const a of document.querySelectorAll('a[href]'))
                if (/^\\s*(javascript|vbscript|data):/i.test(a.getAttribute('href'))) a.click();
            }""")
            page.wait_for_timeout(20)
        assert not watcher.dialogs, "content ran script:\n" + "\n".join(watcher.dialogs)
        assert not watcher.problems, "\n".join(watcher.problems)
    finally:
        context.close()


@pytest.mark.browser
def test_hostile_pages_under_the_real_csp(browser, hostile_site, hostile_url):
    """With the CSP on, one page of each type (the hostile records sort first): no
    violation (nothing inline was even attempted), no console error, no request to
    another host (the tracker image in the corpus is never fetched)."""
    context = browser.new_context()
    watcher = Watcher(context, hostile_url)
    page = context.new_page()
    files = {page_file(hostile_site, t) for t in PAGE_TYPES} | {hostile_site / "hostile-page" / "index.html"}
    try:
        for file in sorted(f for f in files if f is not None):
            watcher.visit(page, hostile_url + url_path_of(hostile_site, file))
        assert not watcher.problems, "\n".join(watcher.problems)
    finally:
        context.close()


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


# -- The sanitiser itself, vector by vector -----------------------------------------------

VECTORS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x]( javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](java%0ascript:alert(1))",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="java&#09;script:alert(1)">x</a>',
    '<a href="java&#x0A;script:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "[x](//evil.example)",
    "[x](/\\evil.example)",
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    "<iframe src=javascript:alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    "<style>*{background:url(javascript:alert(1))}</style>",
    '<p style="background:url(javascript:alert(1))">x</p>',
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<details open ontoggle=alert(1)>",
    "</script><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "<!--<img src=x onerror=alert(1)>-->",
    "[ref][1]\n\n[1]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "<a href='https://ok.example' target=_blank>x</a>",
]


@pytest.mark.parametrize("vector", VECTORS)
def test_sanitiser_output_is_inert(vector):
    html = str(render_markdown(f"Before.\n\n{vector}\n\nAfter."))
    tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        assert el.tag not in ("script", "style", "iframe", "svg", "math", "img", "form", "button", "noscript",
                              "object", "embed", "base", "details"), html
        for name, value in el.items():
            assert not str(name).lower().startswith("on"), html
            assert name in ("href", "title", "rel"), html
            if name == "href":
                assert safe_url(value) == value, html
                assert not SCRIPT_URL.match(DROP_FOR_URL_CHECK.sub("", value)), html
                assert not value.replace("\\", "/").startswith("//"), html
        if el.tag == "a" and el.get("href"):
            assert el.get("rel") == "noopener noreferrer", html
    assert "Before." in html and "After." in html, f"text around the attack was lost: {html}"


@pytest.mark.parametrize("url, kept", [
    ("https://example.org/a?b=c#d", True), ("http://example.org", True), ("mailto:help@example.org", True),
    ("tel:+441214960000", True), ("/directory/", True), ("#main-content", True), ("../pledges/", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False), ("java\tscript:alert(1)", False),
    ("java\nscript:alert(1)", False), ("\x01javascript:alert(1)", False), ("vbscript:x", False),
    ("data:text/html,x", False), ("file:///etc/passwd", False), ("//evil.example/", False),
    ("/\\evil.example/", False), ("\\\\evil.example", False), ("ftp://example.org", False),
])
def test_safe_url(url, kept):
    assert (safe_url(url) != "") is kept


def test_sanitiser_keeps_ordinary_formatting():
    html = str(render_markdown("## Heading\n\n**bold** *em* `code`\n\n- one\n- two\n\n1. first\n\n> quote\n\n"
                               "[site](/pledges/) [mail](mailto:a@example.org) [ext](https://example.org)"))
    for fragment in ("<h2>Heading</h2>", "<strong>bold</strong>", "<em>em</em>", "<code>code</code>",
                     "<li>one</li>", "<ol>", "<blockquote>", 'href="/pledges/"', 'href="mailto:a@example.org"',
                     'href="https://example.org"'):
        assert fragment in html, (fragment, html)
    assert sanitise_html("<h1>x</h1>") == "x"  # h1 is the page's own; Markdown headings are shifted
    assert "<h2>Top</h2>" in str(render_markdown("# Top"))


BROKEN = ["<b>bold", "<div>", "<table><tr><td>cell", "<style>", "<script>", "<!--", "<textarea>", "<title>",
          "<pre>", "<!DOCTYPE html", "<?php echo 1", "<![CDATA[ x", "<math><mtext><table><mglyph><style>",
          "<svg><style>", "<noscript>", "<xmp>", "<iframe>", "<plaintext>", "<select><option>", "text <style>x",
          "<a href='x", "<img src=x onerror=alert(1)", "</div></td></table>", "<scr<script>ipt>alert(1)</script>",
          "```", "<details><summary>", "<template>", "<p title='</p><script>alert(1)</script>'>"]


@pytest.mark.parametrize("broken", BROKEN)
def test_broken_html_does_not_swallow_the_text_after_it(broken):
    """Nothing valid is lost: whatever an author leaves unclosed, the next paragraph is
    still published (as text), and nothing in the output can run."""
    html = str(render_markdown(f"Before.\n\n{broken}\n\nAfter the broken HTML."))
    text = " ".join("".join(html5lib.parseFragment(html, namespaceHTMLElements=False).itertext()).split())
    assert "Before." in text and "After the broken HTML." in text, html
    test_sanitiser_output_is_inert(broken)


def test_random_hostile_documents_stay_inert_and_keep_their_last_paragraph():
    """300 documents stitched at random from attack fragments and Markdown syntax."""
    import random

    rnd = random.Random(20261123)
    pieces = VECTORS + BROKEN + ["**", "_", "[", "](", ")", "> ", "- ", "1. ", "\n", "\n\n", "    ", "`", "#", "|", "&",
                                 "&#", "javascript:", "<", ">", '"', "'", "text", "[x]: javascript:alert(1)\n"]
    for _ in range(300):
        body = "".join(rnd.choice(pieces) + rnd.choice(["", " ", "\n"]) for _ in range(rnd.randint(1, 12)))
        html = str(render_markdown(f"{body}\n\n```\n```\n\nZZ-LAST-PARAGRAPH"))
        tree = html5lib.parseFragment(html, namespaceHTMLElements=False)
        for el in tree.iter():
            if isinstance(el.tag, str):
                assert el.tag in ("p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h2", "h3",
                                  "h4", "code", "pre", "hr", "DOCUMENT_FRAGMENT"), (body, html)
                for name, value in el.items():
                    assert name in ("href", "title", "rel"), (body, html)
                    if name == "href":
                        assert safe_url(value) == value, (body, html)
        assert "ZZ-LAST-PARAGRAPH" in "".join(tree.itertext()), (body, html)
