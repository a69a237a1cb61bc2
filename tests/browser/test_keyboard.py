"""Keyboard-only use of the directory: every filter reached with Tab and changed with
Space, Enter or the arrow keys, the results and the address updating each time; the
quick exit straight after the skip link on every page; the shortlist button;
and no keyboard trap anywhere in the directory (Tab visits every control and comes back
round). Search and the submission form join here when they are built."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser_watch import Watcher
from support.page_kinds import DIRECTORY_TYPES, PAGE_TYPES, page_path

pytestmark = pytest.mark.browser


@pytest.fixture
def keyboard_page(browser, base_url):
    contexts = []

    def open_page(path: str, width: int = 1024):
        context = browser.new_context(locale="en-GB", timezone_id="Europe/London",
                                      viewport={"width": width, "height": 800})
        contexts.append(context)
        watcher = Watcher(context, base_url)
        page = context.new_page()
        watcher.visit(page, base_url + path)
        return page, watcher

    yield open_page
    for context in contexts:
        context.close()


def tab_to(page, selector: str, limit: int = 250) -> int:
    """Press Tab until the focused element matches selector; the number of presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{selector} was not reached in {limit} presses of Tab")


def shown(page) -> int:
    return page.evaluate("document.querySelectorAll('#results .js-service-card:not([hidden])').length")


def query(page) -> dict:
    """The filters in the address bar (read in the page: page.url can lag a pushState)."""
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def test_directory_filters_with_the_keyboard_only(keyboard_page, site):
    page, watcher = keyboard_page(page_path(site, "directory index"))
    page.wait_for_selector(".js-filters:not([hidden])")
    everything = page.evaluate("document.querySelector('.js-result-count').textContent")

    tab_to(page, "#filter-area")  # the first control: area, then "open now"
    page.keyboard.press("ArrowDown")
    area = page.input_value("#filter-area")
    assert area and query(page).get("area") == [area]
    page.wait_for_function("(n) => document.querySelector('.js-result-count').textContent != n", arg=everything)
    in_area = shown(page)
    assert page.evaluate("document.activeElement.id") == "filter-open" or tab_to(page, "#filter-open") == 1

    tab_to(page, "#filter-q")
    page.keyboard.type("shelter")
    page.wait_for_function("(n) => document.querySelectorAll('#results .js-service-card:not([hidden])').length < n",
                           arg=in_area)
    assert query(page).get("q") == ["shelter"] and query(page).get("area") == [area]
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.wait_for_function("(n) => document.querySelectorAll('#results .js-service-card:not([hidden])').length == n",
                           arg=in_area)

    tab_to(page, "#filter-free")
    page.keyboard.press("Space")
    assert page.is_checked("#filter-free") and query(page).get("free") == ["1"]
    assert "match your filters" in page.inner_text(".js-result-status")  # announced to screen readers
    assert shown(page) <= in_area

    tab_to(page, "input[name=referral]")  # Tab enters a radio group at the checked radio
    page.keyboard.press("ArrowDown")
    assert page.is_checked("#filter-referral-self") and query(page).get("referral") == ["self"]

    tab_to(page, "input[name=stage]")
    page.keyboard.press("Space")
    assert query(page).get("stage"), page.evaluate("location.href")
    assert page.locator(".js-filters button[type=submit]").count() == 0, "results change in place: no submit button"

    page.go_back()  # the back button undoes the last filter
    assert not query(page).get("stage")
    assert not watcher.problems, "\n".join(watcher.problems)


def test_enter_in_the_directory_search_box_goes_to_the_results(keyboard_page, site):
    page, watcher = keyboard_page(page_path(site, "directory index"))
    page.wait_for_selector(".js-filters:not([hidden])")
    tab_to(page, "#filter-q")
    page.keyboard.type("night shelter")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    assert page.evaluate("location.pathname") == "/directory/" and query(page).get("q") == ["night shelter"]
    assert not watcher.problems, "\n".join(watcher.problems)


def test_more_filters_open_with_the_keyboard_on_a_phone(keyboard_page, site):
    page, watcher = keyboard_page(page_path(site, "directory index"), width=320)
    page.wait_for_selector(".js-filters:not([hidden])")
    assert not page.evaluate("document.querySelector('.js-filters-more').open"), "closed on a small screen"
    tab_to(page, ".js-filters-more summary")
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.js-filters-more').open")
    tab_to(page, "#filter-group")
    page.keyboard.press("ArrowDown")
    group = page.input_value("#filter-group")
    assert group and query(page).get("group") == [group]
    assert not watcher.problems, "\n".join(watcher.problems)


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_quick_exit_comes_straight_after_the_skip_link(keyboard_page, site, page_type):
    """Someone who must leave fast reaches the exit with two presses of Tab."""
    page, _ = keyboard_page(page_path(site, page_type))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main-content"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.js-quick-exit')"), (
        f"second Tab stop on {page_type} is {page.evaluate('document.activeElement.outerHTML.slice(0, 120)')}")


def test_shortlist_button_works_with_the_keyboard(keyboard_page, site):
    page, watcher = keyboard_page(page_path(site, "service"))
    page.wait_for_selector(".js-shortlist-toggle:not([hidden])")
    tab_to(page, ".js-shortlist-toggle")
    page.keyboard.press("Enter")
    assert page.get_attribute(".js-shortlist-toggle", "aria-pressed") == "true"
    page.keyboard.press("Space")
    assert page.get_attribute(".js-shortlist-toggle", "aria-pressed") == "false"
    assert not watcher.problems, "\n".join(watcher.problems)


_FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
  .filter(el => !el.disabled && el.checkVisibility({visibilityProperty: true})
                && !(el.type === 'radio' && !el.checked && el.form &&
                     // Tab stops once per radio group: at its checked radio, else its first.
                     ([...el.form.elements].some(o => o.name === el.name && o.checked) ||
                      [...el.form.elements].find(o => o.name === el.name) !== el)))
  .map((el, i) => { el.setAttribute('data-tab-probe', i); return i; }).length"""


@pytest.mark.parametrize("page_type", DIRECTORY_TYPES)
def test_tab_reaches_every_control_and_never_traps(keyboard_page, site, page_type):
    """WCAG 2.1.1 and 2.1.2: sequential Tab visits every visible control and leaves the
    page again (focus comes back round to the start), so nothing is keyboard-only-unreachable
    and nothing holds focus."""
    page, _ = keyboard_page(page_path(site, page_type))
    page.wait_for_load_state("load")
    total = page.evaluate(_FOCUSABLE)
    seen: set[str] = set()
    first = None
    for _ in range(total + 20):
        page.keyboard.press("Tab")
        probe = page.evaluate("document.activeElement && document.activeElement.getAttribute('data-tab-probe')")
        if probe is None:
            continue
        if first is None:
            first = probe
        elif probe == first and len(seen) >= total:
            break
        seen.add(probe)
    missing = page.evaluate("""(seen) => [...document.querySelectorAll('[data-tab-probe]')]
        .filter(el => !seen.includes(el.getAttribute('data-tab-probe'))).slice(0, 8).map(el => el.outerHTML.slice(0, 120))""",
                            sorted(seen))
    assert not missing, f"{page_type}: not reached with Tab: {missing}"
