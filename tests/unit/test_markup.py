"""The one Markdown renderer and sanitiser (c2c_registry.markup), attack by attack: script,
event handlers, script URLs however disguised, other hosts' links, styles and forms come
out inert; ordinary formatting is kept; and HTML an author leaves broken never swallows
the text after it. 300 documents stitched at random from the attacks finish the job."""

from __future__ import annotations

import html5lib
import pytest

from c2c_registry.markup import render_markdown, safe_url, sanitise_html

from support.script_urls import runs_script

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
                assert not runs_script(value), html
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
