"""The one way content text becomes HTML: Markdown, then the nh3 sanitiser.

Everything an organisation writes passes through `render_markdown` (rich text) or is
escaped by Jinja (plain text). nh3 keeps a short list of tags, drops every attribute
that could run script, and allows only https, http, mailto, tel and relative links.

Markdown is read by markdown-it-py (CommonMark), whose parser stays near-linear on
hostile input; Python-Markdown needs minutes for a 20,000-character field of `[`.
"""

from __future__ import annotations

import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_md = MarkdownIt("commonmark", {"html": True})
_md.validateLink = lambda url: True  # every link is judged once, by safe_url in sanitise_html


def render_markdown(text: str) -> Markup:
    """Markdown to safe HTML. Headings are shifted down so h1 stays the page's own."""
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
