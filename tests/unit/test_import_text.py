"""The import's text and values, one function at a time: feed HTML to our Markdown (shown
through the site's own renderer and sanitiser), invisible characters, cutting at a
boundary, and the repairs of phone numbers, e-mail and web addresses and postcodes."""

from __future__ import annotations

import pytest

from c2c_data.imports import prose
from c2c_data.imports.repair import email, phone, postcode, website
from c2c_data.text import html_to_text
from c2c_registry.markup import render_markdown


@pytest.mark.parametrize(("html", "markdown"), [
    ("<p>Advice &amp; support for 16&ndash;25s &lt;under 26&gt; &pound;0 caf&eacute; &#8217;</p>",
     "Advice & support for 16–25s \\<under 26> £0 café ’"),
    ("<p>Open&nbsp;Monday&nbsp;to&nbsp;Friday.&nbsp;&nbsp;</p><p>&nbsp;</p>", "Open Monday to Friday."),
    ("<p>First.</p><p><br></p><p></p><p>Second.<br></p><p><br/></p>", "First.\n\nSecond."),
    ("<ul><li>Advice<ul><li>Tenancy</li><li>Debt</li></ul></li><li>Food</li></ul><ol><li>Call</li><li>Visit</li></ol>",
     "- Advice\n  - Tenancy\n  - Debt\n- Food\n\n1. Call\n2. Visit"),
    ("<h4>Who can use it?</h4><p>Adults.</p><h2><strong>How</strong> to refer</h2>",
     "**Who can use it?**\n\nAdults.\n\n**How to refer**"),
    ('<p><a href="javascript:alert(1)">Click</a> <a href="/contact">us</a> <a href="https://x.org/a b">x</a> '
     '<a href="mailto:a@x.org">a@x.org</a></p>',
     "Click us [x](<https://x.org/a%20b>) [a@x.org](mailto:a@x.org)"),
    ('<p><span style="color:red"><b>Bold</b></span> <i>it</i> <u>under</u></p><script>alert(1)</script>',
     "**Bold** *it* under"),
    ("<p>Line one<br>Line two</p>", "Line one\\\nLine two"),
    ("<table><tr><td>Mon</td><td>9-5</td></tr><tr><td>Tue</td><td>10-4</td></tr></table>", "Mon 9-5\\\nTue 10-4"),
    ("Plain text, 18+ only.\n\nSecond paragraph\nwith a line break.", "Plain text, 18+ only.\n\nSecond paragraph\\\nwith a line break."),
])
def test_feed_html_becomes_our_markdown(html, markdown):
    assert prose.to_markdown(html) == markdown


@pytest.mark.parametrize("text", [
    "Use * and _ here", "# not a heading", "1. not a list", "- not a list", "> not a quote", "[x](y) is text",
    "`code` is text", "<b>tags</b> are text", "&amp; is text", "a \\ backslash", "===", "---", "+ plus", "2) two",
    "~~~ fence",
])
def test_text_that_looks_like_markdown_shows_as_written(text):
    """Whatever the feed's text says, the site shows those characters, not markup."""
    html = str(render_markdown(prose.to_markdown(f"<p>{text.replace('&', '&amp;').replace('<', '&lt;')}</p>")))
    assert html_to_text(html) == text


def test_hostile_html_is_sanitised_by_the_sites_own_sanitiser():
    markdown = prose.to_markdown('<p onclick="x()">Hi<img src=x onerror=alert(1)><iframe src="//evil"></iframe>'
                                 '<a href="java\tscript:alert(1)">y</a><style>p{}</style></p>')
    assert markdown == "Hiy"


def test_nesting_too_deep_for_the_converter_falls_back_to_plain_paragraphs():
    assert prose.to_markdown("<div>" * 5000 + "<p>Deep *text*</p>" + "</div>" * 5000) == "Deep \\*text\\*"
    assert prose.to_markdown("<ul><li>" * 5000 + "deep" + "</li></ul>" * 5000) == "deep"
    assert prose.to_markdown("line<br>" * 50_000).count("line") == prose.INPUT_LIMIT // len("line<br>")


def test_invisible_characters_are_settled():
    assert prose.normalise("a\u200bb\u00a0c\ufeffd\u00ade\u2060f\u0007g\r\nh\u2028i") == "ab cdefg\nh\ni"
    assert prose.normalise("\u0645\u200c\u06cc") == "\u0645\u200c\u06cc"  # a Persian joiner is part of the word
    assert prose.identifier("a\u200c@b\u200d.org ") == "a@b.org"


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("One. Two. Three.", 10, "One. Two."),
    ("A very long sentence without a stop", 20, "A very long…"),
    ("Para one.\n\nPara two is longer.", 12, "Para one."),
    ("Short.", 200, "Short."),
])
def test_text_is_cut_at_a_paragraph_sentence_or_word(text, limit, expected):
    assert prose.cut(text, limit) == expected


def test_a_summary_is_the_first_real_paragraph_and_never_cut_inside_markup():
    markdown = "**Heading**\n\n" + "A [link](https://x.org) in a long paragraph. " * 10
    summary, description, was_cut = prose.summary_and_description(markdown)
    assert was_cut and summary.startswith("A link in a long paragraph.") and "[" not in summary
    assert len(summary) <= 200 and description == markdown
    assert prose.summary_and_description("Short one.\n\nMore.") == ("Short one.", "More.", False)


def test_markdown_is_cut_between_blocks():
    markdown = "\n\n".join(["- item"] * 5 + ["Closing paragraph."])
    assert prose.cut_markdown(markdown, 22) == "- item\n\n- item\n\n- item"


@pytest.mark.parametrize(("raw", "expected", "kind"), [
    ("0121-496-0000", "0121 496 0000", "repaired"),
    ("+44 (0)121 496 0000", "0121 496 0000", "repaired"),
    ("Tel: (0121) 496 0000", "0121 496 0000", "repaired"),
    ('"+44 1234 234567"', "01234 234567", "repaired"),
    ("0121\u200b496 0000", "0121 496 0000", "repaired"),
    ("0121 496 0000 / 07700 900123", "0121 496 0000", "left-out"),
    ("116 123", "116 123", None),
    ("call the office", None, "left-out"),
    ("0121 496 0000 (option 2)", None, "left-out"),
    ("", None, None),
    (None, None, None),
])
def test_phone_numbers(raw, expected, kind):
    value, notes = phone(raw)
    assert value == expected
    assert [n.kind for n in notes][:1] == ([kind] if kind else [])


@pytest.mark.parametrize(("raw", "expected", "kind"), [
    ("help@example.org.", "help@example.org", "repaired"),
    ("help\u200b@example.org", "help@example.org", "repaired"),
    ("mailto:help@example.org", "help@example.org", "repaired"),
    ("<help@example.org>", "help@example.org", "repaired"),
    ("a@example.org; b@example.org", "a@example.org", "left-out"),
    ("help at example dot org", None, "left-out"),
    ("help@example.org", "help@example.org", None),
])
def test_email_addresses(raw, expected, kind):
    value, notes = email(raw)
    assert value == expected
    assert [n.kind for n in notes] == ([kind] if kind else [])


def test_web_addresses_and_postcodes():
    assert website("www.example.org/help") == ("https://www.example.org/help", website("www.example.org/help")[1])
    assert website("www.example.org/help")[1][0].what == "added https:// to a www. address"
    assert website("example.org")[0] is None and website("https://exa mple.org")[0] is None
    assert website("https://example.org") == ("https://example.org", [])
    assert postcode("b69 3de")[0] == "B69 3DE" and postcode("B693DE")[0] == "B69 3DE"
    assert postcode("B69 3DE") == ("B69 3DE", [])
    assert postcode("Sandwell")[0] is None and postcode("Sandwell")[1][0].what == "not a UK postcode"
