"""The /submit/ forms in headless Chromium, as an organisation uses them: filled with the
keyboard alone, the file they produce passes `c2c validate` and builds into the expected
commitment page; mistakes are reported next to the field; a reload keeps the draft;
"use as a starting point" lands in the form; axe finds nothing."""

from __future__ import annotations

import re
import shutil
import subprocess
from urllib.parse import parse_qs, urlsplit

import pytest

from support.browser_watch import axe_violations
from support.project import C2C, TINY, build_site, validate

pytestmark = pytest.mark.browser


def tab_to(page, test: str, limit: int = 200) -> None:
    """Press Tab until `test` (a JS expression about `el`, the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached {test}")


def focus_id(page, element_id: str) -> None:
    tab_to(page, f"el.id === {element_id!r}")


def validate_text(content, name: str, text: str) -> str:
    """What `c2c validate` says of one commitment file as the form wrote it."""
    (content / "pledges" / name).write_text(text, "utf-8")
    checked = validate(content)
    assert checked.returncode == 1, checked.stdout
    return checked.stdout


def error_of(page, field: str) -> str:
    """The message shown next to a field, as one line."""
    return " ".join(page.locator(f'[data-field="{field}"] .js-field-error').first.inner_text().split())


def produced(page) -> list[tuple[str, str]]:
    """(file path, text) of every file the form produced."""
    page.wait_for_selector(".js-submit-result:not([hidden])")
    names = page.locator(".js-file-name").all_inner_texts()
    texts = [page.locator(".js-file-text").nth(i).input_value() for i in range(len(names))]
    return list(zip(names, texts, strict=True))


def test_keyboard_only_the_file_validates_and_builds_into_the_commitment_page(open_page, tiny_url, tmp_path):
    page, watcher = open_page(tiny_url, width=1280)
    watcher.visit(page, f"{tiny_url}/submit/")
    page.evaluate("localStorage.clear()")
    watcher.visit(page, f"{tiny_url}/submit/")
    focus_id(page, "f-organisation")
    page.keyboard.type("Alpha")  # a closed select chooses by typing
    assert page.eval_on_selector("#f-organisation", "s => s.value") == "alpha-trust"
    focus_id(page, "f-title")
    page.keyboard.type("Keyboard roundtable")
    page.keyboard.press("Tab")  # the day box of the date
    page.keyboard.type("10/11/2026")  # as people write it: spread over day, month and year
    assert [page.input_value(f"#f-held-{part}") for part in ("day", "month", "year")] == ["10", "11", "2026"]
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first radio: roundtable
    page.keyboard.press("Tab")
    page.keyboard.type("12")
    tab_to(page, "el.matches('.js-repeat-add') && el.closest('[data-list=\"discussion.gaps\"]')")
    page.keyboard.press("Enter")  # adds a gap and focuses its text
    page.keyboard.type("No help for people leaving hospital at night")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")  # the third stage: crisis prevention and relief
    page.keyboard.press("Space")
    focus_id(page, "f-pledges-0-text")
    page.keyboard.type("Nobody leaves our wards at night with nowhere to go")
    page.keyboard.press("Tab")
    page.keyboard.type("Crisis")
    focus_id(page, "f-actions-0-pledge")
    page.keyboard.press("ArrowDown")
    focus_id(page, "f-actions-0-text")
    page.keyboard.type("Open a discharge lounge with a housing worker until 10pm")
    page.keyboard.press("Tab")
    page.keyboard.type("Discharge Lead")
    page.keyboard.press("Tab")
    page.keyboard.type("31")
    page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.keyboard.press("Tab")
    page.keyboard.type("2027")
    focus_id(page, "f-actions-0-measure")
    page.keyboard.type("Discharges at night to no fixed abode, each month")
    tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    files = produced(page)
    assert [name for name, _ in files] == ["content/pledges/alpha-trust-2026.md"]
    text = files[0][1]
    assert "pledge: nobody-leaves-our-wards-at" in text and "stage: crisis-prevention-and-relief" in text
    assert "held: 2026-11-10\n" in text and "due: 2027-03-31\n" in text
    assert "approved:" not in text  # nothing is approved until WMCA says so
    # The ways this site has: e-mail (C2C_SUBMISSIONS_EMAIL is set), download, copy; no
    # GitHub without a repository.
    ways = [" ".join(b.inner_text().split()) for b in page.locator(".js-submit-result .govuk-button").all()
            if b.is_visible()]
    assert ways == ["Send it by email to c2c-submissions@example.org", "Download the file", "Copy the text"]
    mail = parse_qs(urlsplit(page.get_attribute(".js-submit-email", "href")).query)
    assert page.get_attribute(".js-submit-email", "href").startswith("mailto:c2c-submissions@example.org?")
    assert mail["subject"] == ["C2C commitment: content/pledges/alpha-trust-2026.md"]
    assert text in mail["body"][0]

    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    assert "approved:" in validate_text(content, "alpha-trust-2026.md", text)
    text = text.replace("participants: 12\n", "participants: 12\napproved: 2026-11-20\n")  # as the reviewer does
    (content / "pledges" / "alpha-trust-2026.md").write_text(text, "utf-8")
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    canonical = subprocess.run([*C2C, "fmt", "--check", str(content / "pledges")],
                               capture_output=True, text=True, timeout=60)
    assert "alpha-trust-2026.md" not in canonical.stdout  # the form writes files as `c2c fmt` would
    out = tmp_path / "out"
    built = build_site(content, out)
    assert built.returncode == 0, built.stdout + built.stderr
    html = (out / "pledges" / "alpha-trust-2026" / "index.html").read_text("utf-8")
    for words in ("Keyboard roundtable", "Nobody leaves our wards at night with nowhere to go",
                  "Open a discharge lounge with a housing worker until 10pm", "Discharge Lead",
                  "No help for people leaving hospital at night"):
        assert words in html
    assert not watcher.problems, watcher.problems


def test_a_new_organisation_gives_two_files_that_validate(open_page, tiny_url, tmp_path):
    page, watcher = open_page(tiny_url)
    watcher.visit(page, f"{tiny_url}/submit/")
    page.select_option("#f-organisation", "-new-")
    page.fill("#f-name", "Gamma Food Bank")
    page.select_option("#f-sector", "voluntary-community")
    page.check("#f-areas-dudley")
    page.fill("#f-summary", "A food bank that also gives housing advice.")
    page.fill("#f-held-day", "2026-09-15")  # a date written the ISO way in one box is spread too
    page.check("#f-approach-case-study")
    page.fill("#f-pledges-0-text", "Ask every visitor whether their home is at risk")
    page.select_option("#f-pledges-0-stage", "targeted-prevention")
    page.click("text=Check and create the file")
    files = produced(page)
    assert [name for name, _ in files] == ["content/organisations/gamma-food-bank.yaml",
                                           "content/pledges/gamma-food-bank-2026.md"]
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    for name, text in files:
        (tmp_path / name).write_text(text.replace("approach: case-study\n", "approach: case-study\napproved: 2026-10-01\n"),
                                     "utf-8")
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout
    assert "[pledge-without-action]" in checked.stdout  # a warning, shown but not blocking
    assert page.locator(".js-file-github").count() == 0  # no repository configured: not offered
    mail = parse_qs(urlsplit(page.get_attribute(".js-submit-email", "href")).query)["body"][0]
    assert all(text in mail for _, text in files)  # one message with both files
    assert not watcher.problems, watcher.problems


def test_mistakes_are_reported_next_to_the_field_and_a_reload_keeps_the_draft(open_page, tiny_url):
    page, watcher = open_page(tiny_url, axe=True)
    watcher.visit(page, f"{tiny_url}/submit/")
    page.evaluate("localStorage.clear()")
    watcher.visit(page, f"{tiny_url}/submit/")
    page.select_option("#f-organisation", "beta-housing")
    page.fill("#f-held-day", "31")
    page.fill("#f-held-month", "9")
    page.fill("#f-held-year", "2026")
    page.fill("#f-participants", "0")
    page.fill("#f-actions-0-lead", "x" * 201)
    page.click("text=Check and create the file")
    page.wait_for_selector(".js-error-summary:not([hidden])")
    held = page.locator('[data-field="held"] .js-field-error')
    assert held.is_visible() and error_of(page, "held") == "Error: Date the session was held must be a real date"
    # Every message names its field.
    assert error_of(page, "participants") == "Error: How many people took part: 0 is out of range (minimum 1)"
    assert error_of(page, "actions.0.lead").startswith(
        "Error: Who leads action 1: this is 201 characters long; the limit is 100")
    assert page.locator('[data-field="approach"] .js-field-error').inner_text().endswith("Choose how the session was run")
    assert "Add at least one pledge" in page.locator('[data-field="pledges"] .js-field-error').first.inner_text()
    summary = page.locator(".js-error-list li").all_inner_texts()
    assert summary[0] == "Date the session was held must be a real date"  # in the order of the page
    assert "Say what action 1 will do, or remove it" in summary
    assert len(summary) == len(set(summary)), summary  # one message per mistake
    assert page.get_attribute("#f-held-day", "aria-describedby").endswith("f-held-error")
    page.locator(".js-error-list a").first.click()
    assert page.evaluate("document.activeElement.id") == "f-held-day"
    assert axe_violations(page) == []

    page.reload()
    page.wait_for_selector(".js-submit-form:not([hidden])")
    assert page.input_value("#f-held-day") == "31" and page.input_value("#f-held-month") == "9"
    assert page.eval_on_selector("#f-organisation", "s => s.value") == "beta-housing"
    assert axe_violations(page) == []
    assert not watcher.problems, watcher.problems


def test_use_as_a_starting_point_puts_the_pledge_in_the_form(open_page, tiny_url):
    page, watcher = open_page(tiny_url, axe=True)
    watcher.visit(page, f"{tiny_url}/pledges/alpha-trust-2021/")
    page.evaluate("localStorage.clear()")
    page.locator("#pledge-refer").get_by_role("link", name="Use this pledge as a starting point").click()
    page.wait_for_selector(".js-submit-form:not([hidden])")
    # Into the empty first pledge, never as pledge 2 under an empty pledge 1.
    assert page.locator("[data-list=pledges] .js-repeat-row").count() == 1
    assert page.input_value("#f-pledges-0-text") == "Targeted pledge text"
    assert page.eval_on_selector("#f-pledges-0-stage", "s => s.value") == "targeted-prevention"
    assert "We added the pledge you chose as pledge 1." in page.locator(".js-submit-started").inner_text()
    # A second starting point goes after it.
    watcher.visit(page, f"{tiny_url}/pledges/alpha-trust-2021/")
    page.locator("#pledge-culture").get_by_role("link", name="Use this pledge as a starting point").click()
    page.wait_for_selector(".js-submit-form:not([hidden])")
    assert page.input_value("#f-pledges-0-text") == "Targeted pledge text"
    assert page.input_value("#f-pledges-1-text") != ""
    assert "as pledge 2." in page.locator(".js-submit-started").inner_text()
    watcher.visit(page, f"{tiny_url}/pledges/alpha-trust-2021/")
    page.locator("#action-1").get_by_role("link", name="Use this action as a starting point").click()
    page.wait_for_selector(".js-submit-form:not([hidden])")
    assert page.locator("[data-list=actions] .js-repeat-row").count() == 1
    assert page.input_value("#f-actions-0-measure") == "Count of staff trained"
    assert axe_violations(page) == []
    assert not watcher.problems, watcher.problems


def test_the_service_form_builds_a_valid_listing(open_page, tiny_url, tmp_path):
    page, watcher = open_page(tiny_url, width=320, axe=True)
    watcher.visit(page, f"{tiny_url}/submit/service/")
    page.fill("#f-name", "Evening Advice Line")
    page.click("text=Check and create the file")
    page.wait_for_selector(".js-error-summary:not([hidden])")
    assert "organisation" in page.locator('[data-field="provider"] .js-field-error').inner_text()
    assert "phone number" in page.locator('[data-field="contact"] .js-field-error').first.inner_text()
    assert axe_violations(page) == []
    page.select_option("#f-organisation", "beta-housing")
    page.fill("#f-summary", "Housing advice by phone on weekday evenings.")
    page.check("#f-stages-targeted-prevention")
    page.check("#f-client_groups-everyone")
    page.check("#f-areas-birmingham")
    page.fill("#f-contact-phone", "0121 496 0999")
    page.click("text=Check and create the file")
    [(name, text)] = produced(page)
    assert name == "content/services/evening-advice-line.yaml"
    assert 'phone: "0121 496 0999"' in text
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    (tmp_path / name).write_text(text, "utf-8")
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout
    assert axe_violations(page) == []
    assert not watcher.problems, watcher.problems


def test_a_deadline_may_be_a_month_or_ongoing_and_dates_read_the_uk_way(open_page, tiny_url):
    page, watcher = open_page(tiny_url)
    watcher.visit(page, f"{tiny_url}/submit/")
    page.select_option("#f-organisation", "beta-housing")
    page.fill("#f-held-day", "3/4/26")  # a two-figure year is spread once the box is left
    page.locator("#f-held-day").blur()
    assert [page.input_value(f"#f-held-{part}") for part in ("day", "month", "year")] == ["3", "4", "2026"]
    page.check("#f-approach-roundtable")
    page.fill("#f-pledges-0-text", "Ask every tenant in arrears how we can help")
    page.select_option("#f-pledges-0-stage", "targeted-prevention")
    page.select_option("#f-actions-0-pledge", index=1)
    page.fill("#f-actions-0-text", "Call every tenant two weeks in arrears")
    page.fill("#f-actions-0-lead", "Income Manager")
    page.fill("#f-actions-0-due-month", "Mar")  # a month in words; no day: the month is the deadline
    page.fill("#f-actions-0-due-year", "2027")
    page.fill("#f-actions-0-measure", "Tenants called each month")
    page.click("text=Check and create the file")
    [(_, text)] = produced(page)
    assert "held: 2026-04-03\n" in text and re.search(r'due: "?2027-03"?\n', text)  # quoting is the writer's
    page.check("#f-actions-0-due-ongoing")
    page.click("text=Check and create the file")
    [(_, text)] = produced(page)
    assert "due: ongoing\n" in text
    assert not watcher.problems, watcher.problems
