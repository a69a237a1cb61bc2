"""Real people's tasks on the sample site, measured in headless Chromium.

Each test performs one task as a person would, on a phone (360 x 740) unless it says
otherwise, at a fixed moment, and counts what it costs with `tasks.Task`: taps (or key
presses) and pixels scrolled. The figures are printed (run with `-s`) and appended to
the file named by C2C_TASK_FIGURES when that is set.
"""

from __future__ import annotations

import os
import re

import pytest

from support.project import ROOT
from support.tasks import Task

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
SHELTER = "lantern-wolverhampton-night-shelter"
DOMESTIC_ABUSE_LINE = "tel:08082000247"


def report(task: Task, **extra) -> None:
    line = task.figures() + "".join(f"; {k}={v}" for k, v in extra.items())
    print("\nTASK " + line)
    print("  steps: " + " | ".join(task.steps))
    if os.environ.get("C2C_TASK_FIGURES"):
        with open(os.environ["C2C_TASK_FIGURES"], "a", encoding="utf-8") as out:
            out.write(line + "\n")


@pytest.fixture
def phone(open_page, base_url):
    """A phone-sized page with the site's clipboard allowed, watched for errors."""
    def make(js: bool = True, size: dict = PHONE):
        page, watcher = open_page(base_url, width=size["width"], height=size["height"], java_script_enabled=js,
                                  permissions=["clipboard-read", "clipboard-write"], service_workers="block")
        return page, watcher
    return make


@pytest.mark.clock("2026-11-23 21:30")
def test_crisis_from_the_home_page(phone, base_url):
    """Someone in danger at home, on the home page: reach a helpline beyond 999 (the
    National Domestic Abuse Helpline) and call it."""
    page, watcher = phone()
    task = Task(page, "crisis from the home page")
    task.goto(base_url + "/")
    task.tap(page.locator(f'main a[href="{DOMESTIC_ABUSE_LINE}"]'), follow=False)
    report(task)
    assert task.taps == 1 and task.scrolled == 0  # the call itself, on the first screen
    assert not watcher.problems, watcher.problems


@pytest.mark.clock("2026-11-23 21:30")
def test_outreach_worker_finds_a_shelter_open_now_in_walsall(phone, base_url):
    """21:30, severe-weather alert on: a shelter open now for someone in Walsall (the
    Walsall shelter is shut for works; the Wolverhampton one takes its guests), then
    shortlist it, share the shortlist and get directions."""
    page, watcher = phone()
    task = Task(page, "shelter open now in Walsall")
    task.goto(base_url + "/directory/")
    task.choose(page.get_by_label("Area", exact=True), value="walsall")
    task.tap(page.get_by_label(re.compile("^Open now")))
    card = page.locator(f"#service-{SHELTER}")
    task.reach(card.locator("h3"))
    report(task)
    assert task.taps <= 4 and task.scrolled <= 1500, task.figures()
    # The card agrees with its status line, and says why the hours differ tonight.
    assert card.locator(".js-open-status").inner_text() == "Open now until 9am tomorrow"
    assert "last entry 10:30pm" in card.locator(".app-service-card__hours").inner_text()
    assert "also open every day, 5pm to 9am" in card.locator(".app-service-card__change").inner_text()

    whole = Task(page, "shelter: shortlist, share, directions", taps=task.taps, scrolled=task.scrolled,
                 steps=list(task.steps))
    assert card.get_by_role("link", name=re.compile("^Directions")).is_visible()
    assert card.get_by_role("link", name=re.compile("^Call")).get_attribute("href") == "tel:01632960101"
    whole.tap(card.get_by_role("button", name=re.compile("^Shortlist")))
    whole.tap(page.get_by_role("link", name=re.compile(r"^Your shortlist \(1\)")))
    item = page.locator(".js-shortlist-list li").first
    whole.tap(item.get_by_role("link", name=re.compile("^Directions")), follow=False)
    assert item.get_by_role("link", name=re.compile("^Call")).get_attribute("href") == "tel:01632960101"
    whole.tap(page.get_by_role("button", name="Copy link"))
    assert page.evaluate("navigator.clipboard.readText()").endswith(f"?s={SHELTER}")
    report(whole)
    assert whole.taps <= 7 and whole.scrolled <= 2000, whole.figures()
    assert not watcher.problems, watcher.problems


def test_the_directory_search_box(phone, base_url):
    """Search the directory for "debt" from its own search box: the results come in
    place, in the directory."""
    page, watcher = phone()
    task = Task(page, "directory search box")
    task.goto(base_url + "/directory/")
    task.tap(page.get_by_label("Search the directory"))
    task.type_text("debt")
    task.taps += 1  # the keyboard's Go key
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('.js-result-count').textContent.includes('match')")
    first = page.locator("#results .js-service-card").first
    task.reach(first.locator("h3"))
    report(task, path=page.evaluate("location.pathname + location.search"), first=first.locator("h3").inner_text())
    assert page.evaluate("location.pathname") == "/directory/"
    assert page.locator("main form[action$='/search/']").count() == 0, "a search box that leaves the directory"
    # Which match comes first is the search engine's business; a debt service is listed.
    assert page.locator("#results h3", has_text=re.compile("debt", re.I)).count() >= 1
    assert task.taps <= 2 and task.scrolled <= 1500, task.figures()
    assert not watcher.problems, watcher.problems


def test_browse_by_area_without_javascript(phone, base_url):
    """No JavaScript: from the directory to the services of one area, and its print list."""
    page, watcher = phone(js=False)
    task = Task(page, "browse by area without JavaScript")
    task.goto(base_url + "/directory/")
    walsall = page.locator("main a", has_text=re.compile("^Walsall$")).first
    distance = round(walsall.evaluate("el => el.getBoundingClientRect().top + window.scrollY"))
    task.tap(walsall)
    listed = page.locator("main h2", has_text=re.compile(r"^\d+ services?")).inner_text()
    prints = page.locator(".app-print-links li").first.inner_text()
    report(task, walsall_link_at=f"{distance}px", listed=listed, print_link=prints)
    assert distance <= 1500 and task.taps == 1 and task.scrolled <= 1000, task.figures()
    assert not watcher.problems, watcher.problems


def test_a_first_submission_on_a_desktop_with_the_keyboard(phone, base_url):
    """An organisation starts from a published pledge and sends its first commitment,
    keyboard only, typing dates as people do."""
    page, watcher = phone(size=DESKTOP)
    task = Task(page, "first submission (desktop, keyboard)")
    task.goto(base_url + "/pledges/tamebridge-housing-association-2025/")
    task.tab_to("el.classList.contains('app-start-from')")
    task.press("Enter")
    page.wait_for_selector(".js-submit-form:not([hidden])")
    page.wait_for_timeout(200)
    started = page.locator(".js-submit-started").inner_text()
    landed = re.search(r"as pledge (\d+)", started)
    pledge_words = page.evaluate("""[...document.querySelectorAll('[name^="pledges."][name$=".text"]')]
        .map(el => el.value).filter(Boolean)[0]""")[:20]
    task.tab_to("el.id === 'f-organisation'", backwards=True)
    task.type_text("Oakhurst")
    fill_date(task, "held", "10/11/2026")
    assert task.page.input_value("#f-held-month") == "11"  # 10 November, the UK way round
    task.tab_to("el.name === 'approach'")
    task.press("Space")
    task.tab_to("el.id === 'f-actions-0-pledge'")
    for _ in range(5):
        if pledge_words in page.evaluate("document.activeElement.selectedOptions[0].text"):
            break
        task.press("ArrowDown")
    task.tab_to("el.id === 'f-actions-0-text'")
    task.type_text("Train every lettings officer to spot the signs of homelessness")
    task.tab_to("el.id === 'f-actions-0-lead'")
    task.type_text("Lettings Manager")
    fill_date(task, "actions-0-due", "31/3/2027")
    task.tab_to("el.id === 'f-actions-0-measure'")
    task.type_text("Officers trained each quarter")
    messages: list[str] = []
    for _ in range(4):
        task.tab_to("el.type === 'submit'")
        task.press("Enter")
        page.wait_for_selector(".js-submit-result:not([hidden]), .js-error-summary:not([hidden])")
        page.wait_for_timeout(200)
        if page.locator(".js-submit-result").is_visible():
            break
        errors = page.locator(".js-error-list a").all_inner_texts()
        messages += errors
        fix_first_error(task)
    text = page.locator(".js-file-text").last.input_value()
    ways = [w.inner_text() for w in page.locator(".js-submit-result .govuk-button").all() if w.is_visible()]
    report(task, pledge_landed_as=landed.group(1) if landed else "?", errors=messages,
           approved_in_file="approved:" in text, ways=ways)
    assert landed and landed.group(1) == "1", started
    assert messages == [] and "held: 2026-11-10\n" in text and "due: 2027-03-31\n" in text
    assert "approved:" not in text
    assert [" ".join(w.split()) for w in ways] == [
        "Send it by email to c2c-submissions@example.org", "Download the file", "Copy the text"]
    assert task.keys < 179, task.figures()  # the keys it took before: 179
    assert not watcher.problems, watcher.problems


def fill_date(task: Task, field: str, typed: str) -> None:
    """Type a date as people write it, into the first box of the date (its day)."""
    task.tab_to(f"el.id === 'f-{field}-day'")
    task.type_text(typed)


def fix_first_error(task: Task) -> None:
    """Follow the first link of the error summary and do what its message asks."""
    page = task.page
    task.tab_to("el.closest('.js-error-list')")
    message = page.evaluate("document.activeElement.textContent")
    task.press("Enter")
    field = page.evaluate("document.activeElement.id")
    if "pledge" in field and field.endswith("-text"):
        row = field.split("-")[2]
        task.tab_to(f"el.classList.contains('js-repeat-remove') && el.closest('.js-repeat-row')"
                    f".querySelector('#f-pledges-{row}-text')")
        task.press("Enter")
        task.tab_to("el.id === 'f-actions-0-pledge'")
        task.press("ArrowDown")
    elif re.search(r"YYYY-MM-DD|year-month-day|right form", message):
        day, month, year = page.evaluate("document.activeElement.value").split("/")
        task.press("Control+A")
        task.type_text(f"{year}-{int(month):02d}-{int(day):02d}")
    else:
        raise AssertionError(f"the test does not know how to fix: {message}")


def test_a_journalist_reads_progress_on_a_phone(phone, base_url):
    """A journalist on a phone: actions by status, moving upstream, the overdue actions
    summarised, then every one of them on the full list."""
    page, watcher = phone()
    task = Task(page, "journalist reads /progress/")
    task.goto(base_url + "/progress/")
    height = page.evaluate("document.documentElement.scrollHeight")
    task.reach(page.locator("#by-status"))
    task.reach(page.locator("#upstream ~ .app-chart-pair svg").first)
    task.reach(page.locator("#overdue"))
    summary = page.locator("#overdue ~ .app-list-summary").first.inner_text()
    overdue = int(re.match(r"(\d+) actions? overdue", summary).group(1))
    task.tap(page.get_by_role("link", name=f"See all {overdue} actions overdue"))
    listed = page.locator(".app-page-range, main").first.inner_text()
    report(task, height=f"{height}px", overdue=overdue)
    assert page.evaluate("location.pathname") == "/progress/overdue/"
    assert f"{overdue} actions" in page.locator("main").inner_text() and listed
    assert height <= 8000 and task.taps == 1 and task.scrolled <= 4000, task.figures()
    assert not watcher.problems, watcher.problems


PAGE_KINDS = {
    "home": "/",
    "directory": "/directory/",
    "listing": "/directory/areas/walsall/",
    "service": f"/directory/{SHELTER}/",
    "shortlist": "/directory/shortlist/",
    "submit": "/submit/",
    "progress": "/progress/",
    "badges": "/badges/",
}


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_where_a_page_starts_on_a_phone(phone, base_url, kind):
    """The header and menu fit in about one line on a phone: each kind of page's own
    content starts within the first 150 px (below the directory's exit bar, where a
    page has one)."""
    page, _ = phone()
    page.goto(base_url + PAGE_KINDS[kind], wait_until="load")
    page.wait_for_timeout(200)
    start = page.evaluate("""() => {
      const main = document.querySelector('main');
      const walk = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
      while (walk.nextNode()) {
        const el = walk.currentNode.parentElement;
        if (!walk.currentNode.nodeValue.trim() || !el.offsetParent) continue;
        return Math.round(el.getBoundingClientRect().top);
      }
      return -1;
    }""")
    exit_bar = page.evaluate("(document.querySelector('.govuk-exit-this-page') || {offsetHeight: 0}).offsetHeight")
    header = page.evaluate("document.querySelector('.app-header').offsetHeight")
    line = f"page start {kind}: content at {start}px (header {header}px, exit bar {exit_bar}px)"
    print("\nTASK " + line)
    if os.environ.get("C2C_TASK_FIGURES"):
        with open(os.environ["C2C_TASK_FIGURES"], "a", encoding="utf-8") as out:
            out.write(line + "\n")
    assert header <= 70, line
    assert 0 < start - exit_bar <= 150, line


@pytest.fixture(scope="module")
def helplines(site):
    """The helplines' links, as content/helplines.yaml gives them (through the one loader)."""
    from c2c_registry.load.registry import load_registry
    from c2c_views.directory.links import tel_href

    registry, problems = load_registry(ROOT / "content")
    assert not problems and registry.helplines
    return [tel_href(h.phone) for h in registry.helplines if h.phone]


@pytest.mark.parametrize("kind, js", [(kind, True) for kind in PAGE_KINDS] + [("home", False), ("service", False)])
def test_the_helplines_are_one_tap_from_every_page(phone, base_url, helplines, kind, js):
    """From anywhere, one tap on "Help now" shows every helpline as a link that calls it,
    all on the screen, with or without JavaScript."""
    page, watcher = phone(js=js)
    task = Task(page, f"helplines from the {kind} page")
    task.goto(base_url + PAGE_KINDS[kind])
    task.tap(page.locator(".app-help-menu__button"))
    for tel in helplines:
        link = page.locator(f'.app-help-menu a[href="{tel}"]')
        assert task.visible_in_viewport(link), f"{tel} is not on the screen after one tap"
    assert task.taps == 1 and task.scrolled == 0, task.figures()
    if js:
        page.keyboard.press("Escape")
        assert not page.locator(".app-help-menu__panel").is_visible()
    assert not watcher.problems, watcher.problems


@pytest.mark.parametrize("js", [True, False])
def test_the_menu_is_one_tap_away_on_a_phone(phone, base_url, js):
    """The menu folded into the header's one line; one tap on "Menu" (a button, or without
    JavaScript a link that unfolds it) shows every section of the site."""
    page, watcher = phone(js=js)
    task = Task(page, f"menu {'with' if js else 'without'} JavaScript")
    task.goto(base_url + "/progress/")
    organisations = page.locator("#site-menu-list").get_by_role("link", name="Organisations")
    assert not organisations.is_visible()
    task.tap(page.locator(".app-header__menu:visible"))
    assert task.visible_in_viewport(organisations) and task.taps == 1
    if js:
        assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    task.tap(organisations)
    assert page.evaluate("location.pathname") == "/organisations/"
    assert not watcher.problems, watcher.problems


PHONE_STATES = {
    "home, help open": ("/", ".app-help-menu__button"),
    "directory, Walsall open now": ("/directory/?area=walsall&open=1", ".js-filters-more summary"),
    "listing": ("/directory/areas/walsall/", None),
    "service": (f"/directory/{SHELTER}/", ".app-alert-line__summary"),
    "shortlist with a service": (f"/directory/shortlist/?s={SHELTER}", None),
    "submit": ("/submit/", None),
    "progress, table open": ("/progress/", ".app-matrix-details summary"),
    "badges, menu open": ("/badges/", ".js-menu-button"),
}


@pytest.mark.clock("2026-11-23 21:30")
@pytest.mark.parametrize("state", list(PHONE_STATES))
def test_no_axe_violations_on_a_phone(open_page, base_url, state):
    """axe-core finds nothing on each page kind changed here, at 360 px, in the state a
    person leaves it in (a disclosure opened)."""
    from support.browser_watch import axe_violations

    path, opens = PHONE_STATES[state]
    page, watcher = open_page(base_url, width=360, height=740, axe=True, service_workers="block")
    watcher.visit(page, base_url + path)
    if opens:
        page.locator(opens).first.click()
    page.wait_for_timeout(300)
    # Back to the top: the exit bar stays at the top of the screen, and axe counts what it
    # happens to cover at the moment as too small to tap.
    page.evaluate("window.scrollTo(0, 0)")
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert not watcher.problems, watcher.problems
