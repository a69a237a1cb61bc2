"""The one way content text becomes HTML: Markdown, then the nh3 sanitiser.

Everything an organisation writes passes through `render_markdown` (rich text) or is
escaped by Jinja (plain text). nh3 keeps a short list of tags, drops every attribute
that could run script, and allows only https, http, mailto, tel and relative links.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote",
    "h2", "h3", "h4", "code", "pre", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
_md = markdown.Markdown(extensions=["sane_lists"], output_format="html")


def render_markdown(text: str) -> Markup:
    """Markdown to safe HTML. Headings are shifted down so h1 stays the page's own."""
    if not text or not text.strip():
        return Markup("")
    html = _md.reset().convert(text)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return Markup(sanitise_html(html))


def sanitise_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def safe_url(url: str) -> str:
    """A URL from content for an href: kept only if its scheme is allowed, else ''."""
    url = (url or "").strip()
    scheme = url.split(":", 1)[0].lower() if ":" in url.split("/", 1)[0] else ""
    if scheme and scheme not in URL_SCHEMES:
        return ""
    if any(ord(c) < 32 for c in url):
        return ""
    return url
