"""Feed text to the directory's text: Markdown for descriptions, plain text elsewhere.

Council feeds carry HTML (`<p>`, `<h4>`, `<br>`, `&nbsp;`, empty `<p><br></p>`), text
pasted from word processors (zero-width spaces, non-breaking spaces, soft hyphens) and
text far over our limits. Every description goes through the site's own sanitiser
(`c2c_registry.markup.sanitise_html`, so the file keeps only what the site would show,
and no `javascript:` link), then markdownify turns it into Markdown: paragraphs, lists,
links and emphasis are kept, headings become bold paragraphs, everything else is
dropped. Text is cut at a paragraph, sentence or word, never inside markup.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

from bs4 import BeautifulSoup
from markdownify import MarkdownConverter, chomp  # type: ignore[attr-defined]

from c2c_registry.markup import render_markdown, sanitise_html

from ..text import html_to_text

# Invisible characters. Removed everywhere: zero-width space, word joiner, byte-order
# mark, soft hyphen, Mongolian vowel separator. The zero-width (non-)joiners shape
# Arabic, Persian and Indic text, so prose keeps them; identifiers lose every format
# character (category Cf) and every control.
_REMOVED = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad\u180e"))
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")
_MARKUP = re.compile(r"<[A-Za-z/!?]|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")

DESCRIPTION_LIMIT = 20_000
INPUT_LIMIT = 200_000  # feed text read for one field: ten times what any field keeps
HTML_DEPTH = 40  # elements inside elements; deeper is read as plain paragraphs
PLAIN_LIMIT = 2_000
SUMMARY_LIMIT = 200
ELLIPSIS = "…"


def normalise(text: str) -> str:
    """Prose with its invisible characters settled: line endings as \\n, odd spaces as
    spaces, zero-width and control characters gone, in Unicode NFC."""
    text = _LINE_BREAKS.sub("\n", text).translate(_REMOVED)
    text = _CONTROLS.sub("", _SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", text)


def identifier(text: Any) -> str:
    """An address, number or code: entities decoded, every invisible character gone,
    surrounding space trimmed."""
    text = normalise(html.unescape(str(text))) if text is not None else ""
    return "".join(c for c in text if unicodedata.category(c) != "Cf").strip()


def looks_like_html(text: str) -> bool:
    return bool(_MARKUP.search(text))


def _as_html(text: str) -> str:
    """Plain text as the HTML it means: paragraphs at blank lines, line breaks kept."""
    paragraphs = re.split(r"\n[ \t]*\n", text.strip())
    return "".join("<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs if p.strip())


# Block tags the sanitiser removes (keeping their text) get a break after them, so
# table cells and <div>s do not run together once the tags are gone.
_CELL_END = re.compile(r"</(td|th)\s*>(?=\s*<t[dh][\s>])", re.I)
_ROW_END = re.compile(r"</(td|th)\s*>\s*</tr\s*>", re.I)  # the break goes in the last cell: a parser moves
_BLOCK_END = re.compile(r"</(div|table|section|article|header|footer|dd|dt|address|caption)\s*>", re.I)


def clean_html(text: str) -> str:
    """Feed HTML (or plain text) after the site's sanitiser: only the tags and links the
    site would keep. Plain text is escaped first, so `<18` stays text."""
    text = normalise(text[:INPUT_LIMIT])
    if not looks_like_html(text):
        return sanitise_html(_as_html(text))
    text = _ROW_END.sub(lambda m: f"<br></{m.group(1)}></tr>", text)  # one between rows out of the table
    text = _BLOCK_END.sub(lambda m: m.group(0) + "<br>", _CELL_END.sub(lambda m: m.group(0) + " ", text))
    return _BREAKS.sub("<br>", sanitise_html(text))


_BREAKS = re.compile(r"(?:<br>\s*){2,}")
_TAGS = re.compile(r"<(/?)([a-z][a-z0-9]*)")
_VOID = {"br", "hr"}


def _depth(html_text: str) -> int:
    """How deeply elements nest in sanitised (well-formed) HTML, in one pass."""
    depth = deepest = 0
    for closing, name in _TAGS.findall(html_text):
        if name in _VOID:
            continue
        depth += -1 if closing else 1
        deepest = max(deepest, depth)
    return deepest


# Markdown that text must not start by accident. Inside a line only a few characters
# mean anything (CommonMark, as markdown-it reads it here); at the start of a line,
# where a text run can begin, a list marker, heading, quote or rule does too.
_ALWAYS = re.compile(r"([\\`*_\[\]])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LINE_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|[-+>](?=\s|$)|=+(?=\s*$)|-+(?=\s*$)|~{3,})")
_NUMBERED = re.compile(r"^(\s*\d{1,9})([.)])(?=\s|$)")


def escape(text: str) -> str:
    """Text that Markdown shows as it is (markdown-it's CommonMark)."""
    text = _ENTITY.sub(r"\\&", _TAG_START.sub(r"\\<", _ALWAYS.sub(r"\\\1", text)))
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    return _NUMBERED.sub(r"\1\\\2", text)


class _Converter(MarkdownConverter):
    """markdownify for the directory: headings become bold paragraphs (a service page
    has its own headings), quotes, code and rules become plain paragraphs, a <br> at
    the edge of a block (`<p><br></p>`) is dropped, links with spaces stay links."""

    class Options(MarkdownConverter.DefaultOptions):  # type: ignore[name-defined]
        newline_style = "backslash"
        bullets = "-"
        autolinks = True
        escape_asterisks = False  # escape() does it, with the rest
        escape_underscores = False

    def escape(self, text, parent_tags):
        text = re.sub(r" {2,}", " ", normalise(text))
        return escape(text) if text else ""

    def convert_hN(self, n, el, text, parent_tags):
        text = " ".join(text.replace("**", "").split())
        if "_inline" in parent_tags:
            return text
        return f"\n\n**{text}**\n\n" if text else ""

    def convert_blockquote(self, el, text, parent_tags):
        return f"\n\n{text.strip()}\n\n" if text.strip() else ""

    def convert_pre(self, el, text, parent_tags):
        lines = [escape(line.strip()) for line in normalise(el.get_text()).split("\n") if line.strip()]
        return "\n\n" + "\\\n".join(lines) + "\n\n" if lines else ""

    def convert_code(self, el, text, parent_tags):
        return text

    def convert_hr(self, el, text, parent_tags):
        return "\n\n"

    def convert_br(self, el, text, parent_tags):
        if not _text_around(el, "previous") or not _text_around(el, "next"):
            return ""
        return super().convert_br(el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        """A link to another site, e-mail or phone. A relative link meant the council's
        own site, not ours, so only its text is kept."""
        prefix, suffix, inner = chomp(text)
        href = str(el.get("href") or "")
        if not inner or not _ABSOLUTE.match(href) or "_noformat" in parent_tags:
            return text
        if inner.replace("\\", "") == href and not re.search(r"[\s<>]", href):
            return f"{prefix}<{href}>{suffix}"
        if re.search(r"[\s()<>]", href):
            href = "<" + re.sub(r"[<>\s]", lambda m: f"%{ord(m.group()):02X}", href) + ">"
        return f"{prefix}[{inner}]({href}){suffix}"


_ABSOLUTE = re.compile(r"(https?:|mailto:|tel:)", re.I)
_BLOCKS = {"p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "[document]"}


def _text_around(el, direction: str) -> bool:
    """Whether a <br> has visible text before (or after) it within its block."""
    node = el
    while node is not None and getattr(node, "name", None) not in _BLOCKS:
        sibling = getattr(node, f"{direction}_sibling")
        while sibling is not None:
            if getattr(sibling, "name", None) in _BLOCKS:
                return False
            content = sibling.get_text() if hasattr(sibling, "get_text") else str(sibling)
            if normalise(content).strip():
                return True
            sibling = getattr(sibling, f"{direction}_sibling")
        node = node.parent
    return False


_CONVERTER = _Converter()


def to_markdown(text: Any) -> str:
    """Feed text (HTML or plain) as the directory's Markdown, tidy: no trailing spaces,
    at most one blank line between blocks. Nesting too deep for the converter (hostile
    or broken HTML) falls back to plain paragraphs."""
    cleaned = clean_html(str(text))
    try:
        if _depth(cleaned) > HTML_DEPTH:
            raise RecursionError
        markdown = _CONVERTER.convert_soup(BeautifulSoup(cleaned, "html.parser"))
    except RecursionError:
        markdown = "\n\n".join(escape(p) for p in html_to_text(cleaned).split("\n\n"))
    lines = [line.rstrip() for line in normalise(markdown).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def to_plain(text: Any) -> str:
    """Feed text (HTML or plain) as plain text: entities decoded, paragraphs kept (one
    blank line between), each paragraph on one line."""
    text = normalise(str(text)[:INPUT_LIMIT])
    if looks_like_html(text):
        text = normalise(html_to_text(clean_html(text)))
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def one_line(text: Any) -> str:
    """Feed text as plain text on one line (names, towns, address lines)."""
    return " ".join(to_plain(text).split())


def plain_of(markdown: str) -> str:
    """The plain text the site shows for some of our Markdown."""
    return html_to_text(str(render_markdown(markdown)))


def _as_many_as_fit(pieces: list[str], separator: str, limit: int) -> str:
    """The first of `pieces`, joined by `separator`, as many as fit in `limit` characters."""
    kept = ""
    for piece in pieces:
        joined = f"{kept}{separator}{piece}" if kept else piece
        if len(joined) > limit:
            break
        kept = joined
    return kept


def cut(text: str, limit: int) -> str:
    """`text` in at most `limit` characters: whole paragraphs, else whole sentences,
    else whole words and an ellipsis. Never cuts inside a word."""
    if len(text) <= limit:
        return text
    first = text.split("\n\n", 1)[0]
    kept = (_as_many_as_fit(text.split("\n\n"), "\n\n", limit)
            or _as_many_as_fit(re.split(r"(?<=[.!?])\s+", first.strip()), " ", limit))
    if kept:
        return kept
    words = first[: limit - len(ELLIPSIS) + 1].rsplit(" ", 1)[0] if " " in first[:limit] else first[: limit - 1]
    return words.rstrip(" ,;:-") + ELLIPSIS


def cut_markdown(markdown: str, limit: int) -> str:
    """Our Markdown in at most `limit` characters, cut between blocks; a single block
    longer than that becomes its plain text, cut, and escaped again."""
    if len(markdown) <= limit:
        return markdown
    return (_as_many_as_fit(markdown.split("\n\n"), "\n\n", limit)
            or escape(cut(" ".join(plain_of(markdown).split()), limit // 2)))


def summary_and_description(markdown: str) -> tuple[str, str, bool]:
    """(summary, description, whether the summary was cut) from a description in our
    Markdown. The summary is the first real paragraph (not a list or a bold heading),
    cut to SUMMARY_LIMIT if need be. When that paragraph opens the description and fits
    (our own export writes summary, blank line, description), it is not repeated."""
    blocks = [b for b in markdown.split("\n\n") if b.strip()]
    for i, block in enumerate(blocks):
        if _NOT_PROSE.match(block):
            continue
        first = " ".join(plain_of(block).split())
        if not first:
            continue
        if i == 0 and len(first) <= SUMMARY_LIMIT:
            return first, "\n\n".join(blocks[1:]), False
        return cut(first, SUMMARY_LIMIT), markdown, len(first) > SUMMARY_LIMIT
    whole = " ".join(plain_of(markdown).split())
    return cut(whole, SUMMARY_LIMIT), markdown, len(whole) > SUMMARY_LIMIT


_NOT_PROSE = re.compile(r"\s*([-+*]|\d{1,9}[.)])\s|\*\*[^\n]*\*\*$")
