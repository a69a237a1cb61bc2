"""Every page type of the sample site in headless Chromium: zero axe-core violations
(WCAG 2.2 A and AA rules), nothing the CSP blocks, no console or script errors, no request
to another host, a skip link as the first Tab stop, visible keyboard focus, and no
sideways scrolling at 320 CSS pixels."""

from __future__ import annotations

import functools

import pytest

from support.browser_watch import axe_violations
from support.page_kinds import PAGE_TYPES, page_path

pytestmark = pytest.mark.browser


@pytest.fixture
def watched(open_page, base_url):
    """`open_page` on the sample site: watched(axe=..., width=..., height=...) gives
    (page, watcher) in a fresh context."""
    return functools.partial(open_page, base_url)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_axe_violations(watched, site, base_url, page_type):
    page, watcher = watched(axe=True)
    url = base_url + page_path(site, page_type)
    watcher.visit(page, url)
    violations = axe_violations(page)
    assert not violations, f"{page_type} ({url}) has axe violations:\n" + "\n".join(violations)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_csp_violation_console_error_or_third_party_request(watched, site, base_url, page_type):
    page, watcher = watched()
    url = base_url + page_path(site, page_type)
    watcher.visit(page, url)
    # The site's own script ran (so a CSP that blocked it would have been noticed).
    assert page.evaluate("document.documentElement.classList.contains('js-enabled')"), "site.js did not run"
    assert not watcher.problems, f"{page_type} ({url}):\n" + "\n".join(watcher.problems)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_skip_link_is_first_tab_stop_and_moves_focus_to_main(watched, site, base_url, page_type):
    page, watcher = watched()
    watcher.visit(page, base_url + page_path(site, page_type))
    page.keyboard.press("Tab")
    first = page.evaluate("""() => { const a = document.activeElement; const r = a.getBoundingClientRect();
        return {tag: a.tagName, href: a.getAttribute("href"), text: a.textContent.trim(),
                visible: r.width > 1 && r.height > 1 && r.top >= 0 && r.left >= 0}; }""")
    assert first["tag"] == "A" and first["href"] == "#main-content", f"first Tab stop is {first}"
    assert "skip" in first["text"].lower()
    assert first["visible"], "the skip link is not visible when it has focus"
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "main-content", f"after the skip link, focus is on #{focused}, not the main content"
    assert page.evaluate("document.querySelector('main').id") == "main-content"


# What counts as a visible focus indicator: GOV.UK's yellow background with a black
# underline (box-shadow), or an outline. Compared with the same element unfocused.
_FOCUS_SNAPSHOT = """(el) => { const s = getComputedStyle(el);
  return {outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== "rgba(0, 0, 0, 0)"
            ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "none",
          shadow: s.boxShadow, background: s.backgroundColor, color: s.color}; }"""

_FOCUSABLE = """() => {
  const seen = new Set(); const out = [];
  const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])';
  document.querySelectorAll(sel).forEach((el, i) => {
    if (el.disabled || !el.checkVisibility({visibilityProperty: true})) return;
    const kind = el.tagName + '.' + [...el.classList].sort().join('.') + '|' + (el.closest('nav,header,footer,table,main') || {}).tagName;
    if (seen.has(kind)) return;
    seen.add(kind); el.setAttribute('data-focus-probe', out.length); out.push(kind);
  });
  return out; }"""


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_keyboard_focus_is_visible(watched, site, base_url, page_type):
    """Each kind of focusable element on the page (by tag, classes and region) shows a
    focus indicator that differs from its unfocused look."""
    page, watcher = watched()
    watcher.visit(page, base_url + page_path(site, page_type))
    page.keyboard.press("Tab")  # keyboard modality, so :focus-visible styles apply
    kinds = page.evaluate(_FOCUSABLE)
    assert kinds, "nothing on the page can take focus"
    invisible = []
    for i, kind in enumerate(kinds):
        el = page.locator(f"[data-focus-probe='{i}']")
        page.evaluate("document.activeElement && document.activeElement.blur()")
        before = el.evaluate(_FOCUS_SNAPSHOT)
        el.focus()
        after = el.evaluate(_FOCUS_SNAPSHOT)
        indicator = after["outline"] != "none" or (after["shadow"] != "none" and after["shadow"] != before["shadow"]) \
            or after["background"] != before["background"]
        if not indicator:
            invisible.append(f"{kind}: unfocused {before}, focused {after}")
    assert not invisible, f"{page_type}: focus is not visible on:\n" + "\n".join(invisible)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_usable_at_320_css_pixels(watched, site, base_url, page_type):
    """WCAG 1.4.10 Reflow: at 320 px wide the page does not scroll sideways (wide tables
    scroll inside their own focusable wrapper instead)."""
    page, watcher = watched(width=320, height=640)
    watcher.visit(page, base_url + page_path(site, page_type))
    widths = page.evaluate("""() => ({doc: document.documentElement.scrollWidth, body: document.body.scrollWidth,
        wide: [...document.querySelectorAll('body *')].filter(el => {
            const r = el.getBoundingClientRect(); return r.right > 321 && !el.closest('.app-table-wrap') &&
            getComputedStyle(el).position !== 'fixed'; }).slice(0, 5)
            .map(el => el.tagName + '.' + el.className + ' right=' + Math.round(el.getBoundingClientRect().right))})""")
    assert widths["doc"] <= 320 and widths["body"] <= 320, f"{page_type} scrolls sideways at 320 px: {widths}"
