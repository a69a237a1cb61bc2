"""Pelican plugin: what the whole site needs around its pages. The Content-Security-Policy
and the other security headers (`_headers`), robots.txt, the sitemap's tweaks (the
build date as its clock, the not-found page left out), and the cleaning of the pages
Pelican renders from content/pages/ by the registry's one sanitiser.

The Content-Security-Policy allows scripts, styles and images from the site itself only:
no inline script, no third-party origin. It goes in a meta tag on every page (handed
to the templates through the build state) and, with the headers a meta tag cannot
carry, in `_headers` for hosts that read that file (Netlify, Cloudflare Pages).
"""

from __future__ import annotations

import re
from datetime import datetime, time

from pelican import signals

from c2c_registry import start_build
from c2c_registry.markup import sanitise_html
from c2c_registry.pipeline import FINALISE, build_state
from c2c_registry.urls import Urls
from c2c_views.writing import file_writer

STAGE = FINALISE

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


def robots_txt(urls: Urls) -> str:
    """Crawlers may read everything. The Sitemap line needs an absolute address, so a
    local build (SITEURL empty) leaves it out."""
    text = "User-agent: *\nAllow: /\n"
    if urls.site_url.startswith(("https://", "http://")):
        text += f"Sitemap: {urls.absolute(urls.sitemap())}\n"
    return text


def set_csp(pelican) -> None:
    """Every page's meta tag carries it (templates get it from c2c_views)."""
    build_state(pelican.settings).csp = CSP


def keep_404_out_of_the_sitemap(pelican) -> None:
    """The not-found page is served for any missing address; crawlers need not list it."""
    sitemap = pelican.settings.setdefault("SITEMAP", {})
    sitemap["exclude"] = [*sitemap.get("exclude", ()), f"^{re.escape(Urls().not_found())}$"]


def write_files(pelican) -> None:
    urls, write = Urls(pelican.settings["SITEURL"]), file_writer(pelican.settings)
    write(urls.headers(), headers_file().encode("utf-8"))
    write(urls.robots(), robots_txt(urls).encode("utf-8"))


def pin_sitemap_date(pelican) -> None:
    """Same content and build date, same sitemap bytes.

    This cannot be done through settings: the official sitemap plugin dates a page that
    has no date of its own (every generated page) with `datetime.now()`, taken when its
    module is imported, and has no setting for it (nor does it read SOURCE_DATE_EPOCH).
    So the build date is put on its generator object, the one place it reads from."""
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:  # pragma: no cover - the sitemap plugin is optional
        return
    sitemap.generator.now = datetime.combine(pelican.settings["C2C_TODAY"], time())


def sanitise_content(instance) -> None:
    """Pages in content/pages/ are Markdown from the repository like every other field:
    Pelican renders them, then their HTML goes through the registry's one sanitiser, so
    raw HTML in them cannot run either."""
    if getattr(instance, "_content", None):
        instance._content = sanitise_html(instance._content)


def register() -> None:
    signals.initialized.connect(start_build)
    signals.initialized.connect(set_csp)
    signals.initialized.connect(keep_404_out_of_the_sitemap)
    signals.content_object_init.connect(sanitise_content)
    signals.get_generators.connect(pin_sitemap_date)
    signals.finalized.connect(write_files)
