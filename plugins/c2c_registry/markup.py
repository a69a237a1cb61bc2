"""The one way content text becomes HTML: Markdown, then the nh3 sanitiser.

Everything an organisation writes passes through `render_markdown` (rich text) or is
escaped by Jinja (plain text). nh3 keeps a short list of tags, drops every attribute
that could run script, and allows only https, http, mailto, tel and relative links.

Markdown is read by markdown-it-py (CommonMark), whose parser stays near-linear on
hostile input; Python-Markdown needs minutes for a 20,000-character field of `[`.
"""

from __future__ import annotations

import re
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def _any_link(url: str) -> bool:
    return True  # every link is judged once, by safe_url in sanitise_html


_md = MarkdownIt("commonmark", {"html": True})
_md.validateLink = _any_link  # type: ignore[method-assign]

# Raw HTML in Markdown is sanitised where it stands, so broken or hostile HTML cannot
# swallow the author's text after it: each HTML block is sanitised on its own; an inline
# tag is kept only if the sanitiser would keep it anyway, and an inline <script> or
# <style> goes with everything up to its closing tag (as the sanitiser would remove
# it), or alone when it is never closed; and when a <script>, <style>,
# <pre>, <textarea> or comment block is never closed (CommonMark would run it to the end
# of the text), only its first line is taken as HTML and the rest is read as Markdown
# with any HTML in it shown as text.
_md_no_html = MarkdownIt("commonmark", {"html": False})
_md_no_html.validateLink = _any_link  # type: ignore[method-assign]
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# CommonMark's HTML blocks that end only at a closing marker, and the marker.
_BLOCK_START = re.compile(r"<(?:(script|style|pre|textarea)(?=[\s>]|$)|(!--)|(\?)|(!\[CDATA\[)|(![A-Za-z]))", re.I)
_BLOCK_END = {"!--": "-->", "?": "?>", "![cdata[": "]]>"}


def _html_block(renderer, tokens, idx, options, env) -> str:
    content = tokens[idx].content
    start = _BLOCK_START.match(content.lstrip())
    if start:
        opener = next(g for g in start.groups() if g).lower()
        closer = f"</{opener}>" if opener.isalpha() else _BLOCK_END.get(opener, ">")
        searched = content.lstrip().lower()[start.end():]
        if closer == ">":  # a declaration such as <!DOCTYPE html> closes on its own line
            searched = searched.split("\n", 1)[0]
        if closer not in searched:
            first, _, rest = content.partition("\n")
            return sanitise_html(first) + "\n" + _md_no_html.render(rest)
    return sanitise_html(content) + "\n"


def _html_inline(renderer, tokens, idx, options, env) -> str:
    content = tokens[idx].content
    name = _TAG_NAME.match(content)
    return content if name and name.group(1).lower() in ALLOWED_TAGS else ""


def _drop_inline_script(state) -> None:
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children, kept, i = token.children, [], 0
        while i < len(children):
            name = _TAG_NAME.match(children[i].content) if children[i].type == "html_inline" else None
            tag = name.group(1).lower() if name else ""
            if tag in ("script", "style") and not children[i].content.startswith("</"):
                closer = next((j for j in range(i + 1, len(children)) if children[j].type == "html_inline"
                               and children[j].content.lower().startswith(f"</{tag}")), i)
                i = closer + 1
                continue
            kept.append(children[i])
            i += 1
        token.children = kept


_md.core.ruler.after("inline", "c2c_drop_inline_script", _drop_inline_script)
_md.add_render_rule("html_block", _html_block)
_md.add_render_rule("html_inline", _html_inline)


@lru_cache(maxsize=8192)
def render_markdown(text: str) -> Markup:
    """Markdown to safe HTML. Headings are shifted down so h1 stays the page's own.
    Kept per text (a pure function of it): the process `c2c serve --watch` keeps warm
    renders the content's text between saves, so a rebuild renders only text that changed."""
    if not text or not text.strip():
        return Markup("")
    html = _md.render(text)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return Markup(sanitise_html(html))


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href":
        return safe_url(value) or None
    return value


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_C0_OR_SPACE = "".join(chr(c) for c in range(33))


def safe_url(url: str) -> str:
    """A URL from content for an href: kept only if it is http(s), mailto or tel, or
    relative to this site; else ''. Judged the way a browser reads it: surrounding
    spaces and control characters trimmed, tabs and newlines inside ignored, a backslash
    read as a slash; so `java\tscript:`, `//other.host/` and `/\\other.host` are refused."""
    url = (url or "").strip(_C0_OR_SPACE)
    seen = re.sub(r"[\t\n\r]", "", url).replace("\\", "/")
    if any(ord(c) < 32 or ord(c) == 127 for c in seen):
        return ""
    match = _SCHEME.match(seen)
    if match:
        return url if match.group(1).lower() in URL_SCHEMES else ""
    if seen.startswith("//"):  # protocol-relative: another host, not this site
        return ""
    return url
