"""Pelican plugin: the site's security headers and crawler files.

The Content-Security-Policy allows scripts, styles and images from the site itself only:
no inline script, no third-party origin. It goes in a meta tag on every page (from
`C2C_CSP`) and, with the headers a meta tag cannot carry, in `_headers` for hosts that
read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from c2c_registry.markup import sanitise_html

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-src 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP + "; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
    "X-Frame-Options": "DENY",
}


def headers_file() -> str:
    lines = ["/*"] + [f"  {name}: {value}" for name, value in HEADERS.items()]
    return "\n".join(lines) + "\n"


def robots_txt(siteurl: str) -> str:
    """Crawlers may read everything. The Sitemap line needs an absolute address, so a
    local build (SITEURL empty) leaves it out."""
    text = "User-agent: *\nAllow: /\n"
    if siteurl.startswith(("https://", "http://")):
        text += f"Sitemap: {siteurl}/sitemap.xml\n"
    return text


def set_csp(pelican) -> None:
    pelican.settings["C2C_CSP"] = CSP


def write_files(pelican) -> None:
    out = Path(pelican.output_path)
    (out / "_headers").write_text(headers_file(), encoding="utf-8")
    (out / "robots.txt").write_text(robots_txt(pelican.settings["SITEURL"]), encoding="utf-8")


def sanitise_content(instance) -> None:
    """Pages in content/pages/ are Markdown from the repository like every other field:
    Pelican renders them, then their HTML goes through the registry's one sanitiser, so
    raw HTML in them cannot run either."""
    if getattr(instance, "_content", None):
        instance._content = sanitise_html(instance._content)


def register() -> None:
    signals.initialized.connect(set_csp)
    signals.content_object_init.connect(sanitise_content)
    signals.finalized.connect(write_files)
