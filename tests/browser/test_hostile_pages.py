"""Hostile content (tests/fixtures/hostile/) in Chromium: with the CSP switched off, so the
sanitiser alone must stop every attack, no dialog ever opens, even when every element is
hovered, focused and clicked; with the real CSP, no violation and nothing fetched from
another host. The built files themselves are checked in tests/build/test_hostile_site.py."""

from __future__ import annotations

import pytest

from support.browser_watch import Watcher
from support.page_kinds import PAGE_TYPES, html_files, page_file, url_path_of


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
