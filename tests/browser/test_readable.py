"""Readable on every screen: at 320 px and 1280 px nothing in `main` hides content
sideways, the directory's first result is near the top of a phone's screen with the help
routes before it, the charts' text is readable and statuses keep their colours."""

from __future__ import annotations

import re

import pytest

from support.page_kinds import PAGE_TYPES, page_path

WIDTHS = (320, 1280)
PHONE = {"width": 320, "height": 640}

# Every element of `main` (with every <details> opened, so folded content is measured
# too) whose content is cut off: a box that clips or scrolls sideways with more inside
# than it shows, or anything reaching past the viewport's edge. Visually hidden text
# (1 px boxes) is skipped.
OVERFLOWS = """() => {
  document.querySelectorAll("main details").forEach((d) => { d.open = true; });
  const vw = document.documentElement.clientWidth;
  const found = [];
  for (const el of document.querySelectorAll("main *")) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1) continue;
    const style = getComputedStyle(el);
    const clips = ["hidden", "auto", "scroll", "clip"].includes(style.overflowX);
    const hidden = clips && el.scrollWidth > el.clientWidth + 1;
    const wide = !clips && (box.right > vw + 1 || box.left < -1);
    if (!hidden && !wide) continue;
    const what = el.tagName.toLowerCase() + (el.className && typeof el.className === "string"
      ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    found.push({what, how: hidden ? `scrolls ${el.scrollWidth} in ${el.clientWidth}` : `reaches ${Math.round(box.right)} of ${vw}`});
  }
  return found;
}"""


def overflows(page, url: str, width: int) -> list[dict]:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(url)
    page.wait_for_load_state("load")
    return page.evaluate(OVERFLOWS)


def describe(found: list[dict]) -> str:
    return "; ".join(f"{f['what']} {f['how']}" for f in found[:6])


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_type", list(PAGE_TYPES))
def test_nothing_in_main_hides_content_sideways(site, base_url, page, page_type, width):
    found = overflows(page, base_url + page_path(site, page_type), width)
    assert not found, f"{page_type} at {width} px: {describe(found)}"


LONG_PAGES = ["/pledges/alpha-trust-2024/", "/organisations/alpha-trust/", "/stages/recovery/", "/themes/",
              "/progress/"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", LONG_PAGES)
def test_a_commitment_of_25_actions_fits(long_url, page, path, width):
    found = overflows(page, long_url + path, width)
    assert not found, f"{path} at {width} px: {describe(found)}"


def test_the_overflow_check_catches_a_wide_table(site, base_url, page):
    """The check itself: a page made too wide on purpose is caught."""
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/about/")
    page.evaluate("""() => { const d = document.createElement("div"); d.style.overflowX = "auto";
      const inner = document.createElement("p"); inner.textContent = "wide"; inner.style.width = "900px";
      d.appendChild(inner); document.querySelector("main").appendChild(d); }""")  # CSSOM: the CSP allows it
    assert [f["how"] for f in page.evaluate(OVERFLOWS)][:1] == ["scrolls 900 in 290"]


# ---- The directory on a phone ------------------------------------------------------

def top(page, selector: str) -> float:
    return page.locator(selector).first.evaluate("el => el.getBoundingClientRect().top + window.scrollY")


def test_directory_on_a_phone_starts_with_area_and_open_now_and_its_results(base_url, page):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/directory/")
    page.wait_for_selector(".js-filters:not([hidden])")
    # Area and "open now" are the first two controls, on the first screen.
    controls = page.evaluate("[...document.querySelectorAll('.js-filters input, .js-filters select')]"
                             ".filter(el => el.offsetParent).slice(0, 2).map(el => el.id)")
    assert controls == ["filter-area", "filter-open"]
    assert top(page, "#filter-area") < PHONE["height"], "the filters start on the first screen, under the notice"
    first = top(page, "#results .js-service-card")
    assert first < 2 * PHONE["height"], f"the first result starts {first:.0f} px down"
    # Setting a filter changes the results in place: no button to press, nothing to scroll to.
    page.get_by_label(re.compile("^Open now")).check()
    page.wait_for_function("() => document.querySelector('.js-result-count').textContent.endsWith('match your filters')")
    page.wait_for_selector("#results:not([aria-busy])", state="attached")
    assert top(page, "#results .js-service-card") < 2 * PHONE["height"]
    # A few screens, not the whole directory: the rest a tap away.
    more = page.locator(".js-show-more")
    if more.is_visible():
        assert re.fullmatch(r"Show \d+ more", more.inner_text())
        assert re.fullmatch(r"Showing 1 to \d+ of \d+\.", page.locator(".js-shown-count").inner_text())


@pytest.mark.clock("2026-11-23 10:00")  # the sample's severe-weather alert runs 20 to 27 November
def test_directory_on_a_wide_screen_shows_filters_and_notices_open(base_url, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(base_url + "/directory/")
    page.wait_for_selector(".js-filters:not([hidden])")
    assert page.get_by_label("Area", exact=True).is_visible()
    assert page.get_by_text("Extra emergency beds", exact=False).first.is_visible()
    assert page.locator(".app-alert__contacts a[href='tel:08081570100']").is_visible()


def test_one_service_matches_in_the_singular(base_url, page):
    page.goto(base_url + "/directory/?q=kingfisher")
    page.wait_for_selector(".js-filters:not([hidden])")
    # The search box's engine fetches its word files first; the count changes when they are in.
    page.wait_for_function("() => document.querySelector('.js-result-count').textContent.includes('match')")
    assert page.locator(".js-result-count").inner_text() == "1 service matches your filters"


@pytest.mark.parametrize("path", ["/directory/kingfisher-house-hostel/", "/directory/shortlist/"])
def test_service_and_shortlist_pages_start_on_the_first_screen(base_url, page, path):
    page.set_viewport_size(PHONE)
    page.goto(base_url + path)
    page.wait_for_load_state("load")
    assert top(page, "h1") < PHONE["height"], "the page's own heading is on the first screen"
    page.locator(".app-help-menu__button").click()
    assert page.get_by_role("link", name=re.compile("^Samaritans")).is_visible()


def test_shortlist_tick_sits_after_the_word(base_url, page):
    page.goto(base_url + "/directory/kingfisher-house-hostel/")
    button = page.locator(".js-shortlist-toggle").first
    button.wait_for(state="visible")
    width = button.evaluate("el => el.getBoundingClientRect().width")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    assert button.evaluate("el => getComputedStyle(el, '::after').content") == '"\u2713"'
    # The tick takes its own room beside the word (the button grows), never lying over it.
    assert button.evaluate("el => getComputedStyle(el, '::before').content") in ('""', "none")
    assert button.evaluate("el => el.getBoundingClientRect().width") > width + 8


# ---- Charts and colours --------------------------------------------------------------

def test_chart_text_is_at_least_12_px_on_a_phone(base_url, page):
    page.set_viewport_size(PHONE)
    page.goto(base_url + "/progress/")
    sizes = page.eval_on_selector_all(
        "svg.app-chart text",
        "els => els.map(t => t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))")
    assert sizes and min(sizes) >= 12, min(sizes)


def _hue(rgb: str) -> str:
    r, g, b = (int(x) / 255 for x in re.findall(r"\d+", rgb)[:3])
    high, low = max(r, g, b), min(r, g, b)
    if high - low < 0.12:
        return "grey"
    if high == g:
        return "green"
    if high == b:
        return "purple" if r > 0.5 * b else "blue"
    return "red"


def test_status_colours_agree_between_chart_and_tags(site, base_url, page):
    page.goto(base_url + "/progress/")
    chart = page.locator("svg.app-chart").first
    bars = chart.evaluate("svg => [...svg.querySelectorAll('rect')].map(r => getComputedStyle(r).fill)")
    labels = chart.evaluate("svg => [...svg.querySelectorAll('text')].map(t => t.textContent)")[::2]
    chart_hues = {label: _hue(fill) for label, fill in zip(labels, bars, strict=True)}
    assert chart_hues == {"Planned": "grey", "In progress": "blue", "Done": "green", "Dropped": "purple"}
    page.goto(base_url + page_path(site, "commitment"))
    tags = page.eval_on_selector_all(
        ".govuk-tag", "els => els.map(t => [t.textContent.trim(), getComputedStyle(t).color])")
    seen = {text: _hue(colour) for text, colour in tags if text in chart_hues}
    assert seen and all(chart_hues[text] == hue for text, hue in seen.items()), seen


# ---- Long pages ---------------------------------------------------------------------

def test_stage_page_lists_organisations_then_folds_each(site, base_url, page):
    page.set_viewport_size(PHONE)
    page.goto(base_url + page_path(site, "stage"))
    contents = page.get_by_role("navigation", name="Organisations on this page")
    names = contents.get_by_role("link").all_inner_texts()
    folds = page.locator("details.app-org-details")
    assert len(names) >= folds.count() > 1
    first = folds.first
    assert re.search(r"\d+ (pledge|action)", first.locator("summary").inner_text())
    assert not first.locator(".app-pledge-list").is_visible()
    contents.get_by_role("link").first.click()
    first.locator("summary").click()
    assert first.locator(".app-org-details__body").is_visible()
    # A stage page does not repeat its own stage beside each pledge.
    assert "(" + page.locator("h1").inner_text() + ")" not in first.inner_text()
