"""Safe at the edges, in headless Chromium: "Exit this page" leaves no trace the site can
remove (storage, every cache, the service worker) and the worker never keeps an address
that holds a search; a shared shortlist link asks before it replaces a list; a crafted
/submit/ link cannot add a field to the file the form writes; the form refuses an e-mail
address a mail link would read as headers; and the whole site, exit control and service
worker included, works under a sub-path (as on <owner>.github.io/<repo>/)."""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import threading

import pytest

from c2c_registry.load.source import parse_yaml, split_front_matter
from c2c_registry.settings import DEFAULTS
from c2c_registry.urls import Urls

from support.browser_watch import axe_violations
from support.clock import BUILD_DATE
from support.http_server import free_port
from support.project import C2C, ROOT, TINY, validate

pytestmark = pytest.mark.browser

URLS = Urls()
EXIT_URL = DEFAULTS["C2C_QUICK_EXIT_URL"]
SERVICE = "kestrel-domestic-abuse-helpline"
WEATHER = "<!doctype html><title>Weather</title><h1>Weather</h1>"

# Everything the site could have left on the device, as one JSON-ready value: storage,
# every cache (names and addresses), service worker registrations.
TRACES = """async () => {
  const caches_ = {};
  for (const key of await caches.keys())
    caches_[key] = (await (await caches.open(key)).keys()).map((request) => request.url);
  const workers = (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope);
  return {local: {...localStorage}, session: {...sessionStorage}, caches: caches_, workers};
}"""


def _leaving_to_weather(context) -> None:
    context.route(EXIT_URL.split("?")[0].rstrip("/") + "**",
                  lambda route: route.fulfill(status=200, content_type="text/html", body=WEATHER))


def _controlled(page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=20000)


def _cached_urls(traces: dict) -> list[str]:
    return [url for urls in traces["caches"].values() for url in urls]


def test_exit_leaves_no_trace_of_a_search_a_service_or_the_shortlist(browser, base_url):
    context = browser.new_context(service_workers="allow")
    _leaving_to_weather(context)
    try:
        page = context.new_page()
        page.goto(base_url + "/" + URLS.directory())
        _controlled(page)
        # Someone searches for help, opens a service and shortlists it, saved for offline use.
        page.goto(base_url + "/" + URLS.search(q="refuge for women"))
        page.wait_for_function("() => /result/.test(document.querySelector('.js-search-status').textContent)")
        page.goto(base_url + "/" + URLS.directory(q="domestic abuse"))
        page.locator(f"#service-{SERVICE} h3 a, #service-{SERVICE} h2 a").first.click()
        page.wait_for_url(f"**/{URLS.service(SERVICE)}")
        page.locator(".js-shortlist-toggle").click()
        assert page.locator(".js-shortlist-toggle").get_attribute("aria-pressed") == "true"
        page.goto(base_url + "/" + URLS.shortlist())
        page.wait_for_selector(".js-shortlist-list li")
        page.get_by_role("button", name="Save for offline use").click()
        page.get_by_text("Saved 1 service on this device").wait_for()
        # Another site on the same origin (<owner>.github.io) keeps its own things.
        page.evaluate("""() => { localStorage.setItem('another-site', 'theirs');
                                 sessionStorage.setItem('c2c-probe', 'domestic abuse'); }""")
        page.evaluate("() => caches.open('another-site-cache').then((c) => c.put('/elsewhere', new Response('x')))")
        page.goto(base_url + "/" + URLS.service(SERVICE))
        page.wait_for_function(f"async () => (await caches.match({json.dumps(base_url + '/' + URLS.service(SERVICE))})) "
                               "!== undefined")

        before = page.evaluate(TRACES)
        kept = _cached_urls(before)
        assert base_url + "/" + URLS.service(SERVICE) in before["caches"]["c2c-saved"]  # the traces are there
        assert base_url + "/" + URLS.service(SERVICE) in before["caches"]["c2c-visited"]
        assert SERVICE in before["local"]["c2c-directory-shortlist"]
        # ... except any address with a search in it: the worker never keeps those.
        assert [url for url in kept if "?" in url] == [], kept
        asked = page.evaluate("(url) => window.c2cDirectory.keep([url])", base_url + "/" + URLS.directory(q="refuge"))
        assert asked == {"kept": 0, "asked": 0}

        page.get_by_role("button", name="Emergency Exit this page").click()
        page.wait_for_url(EXIT_URL + "**")
        assert page.title() == "Weather"

        # A fresh page of the same browser, on the site again (a page that does not start
        # the worker): nothing of the search, the service or the shortlist is left.
        fresh = context.new_page()
        fresh.goto(base_url + "/" + URLS.home())
        after = fresh.evaluate(TRACES)
        assert after["local"] == {"another-site": "theirs"}
        assert after["session"] == {}
        assert after["caches"] == {"another-site-cache": [base_url + "/elsewhere"]}
        assert after["workers"] == []
        page.goto(base_url + "/" + URLS.home())  # the same tab: its sessionStorage is gone too
        assert page.evaluate(TRACES)["session"] == {}
        text = json.dumps(after).lower()
        for trace in ("refuge", "domestic", "abuse", SERVICE, "shortlist", "c2c-"):
            assert trace not in text, trace
    finally:
        context.close()


def test_escape_three_times_clears_the_shortlist_from_any_page(browser, base_url):
    context = browser.new_context(service_workers="block")
    _leaving_to_weather(context)
    try:
        page = context.new_page()
        page.goto(base_url + "/" + URLS.service(SERVICE))
        page.locator(".js-shortlist-toggle").click()
        page.goto(base_url + "/" + URLS.commitments())  # a page far from the directory
        assert page.evaluate("localStorage.getItem('c2c-directory-shortlist')") == json.dumps([SERVICE])
        page.wait_for_selector(".app-quick-exit [role=status]", state="attached")  # the exit script ran
        for _ in range(3):
            page.keyboard.press("Escape")
        page.wait_for_url(EXIT_URL + "**")
        page.go_back()
        assert page.url.rstrip("/") != base_url + "/" + URLS.commitments().rstrip("/")  # Back skips the page left
        page.goto(base_url + "/" + URLS.home())
        assert page.evaluate("localStorage.length") == 0
    finally:
        context.close()


# -- the shared shortlist link -------------------------------------------------------------

def _shortlist(page) -> list[str]:
    return json.loads(page.evaluate("localStorage.getItem('c2c-directory-shortlist') || '[]'"))


def _names(page) -> list[str]:
    return page.locator(".js-shortlist-list > li h2").all_inner_texts()


def test_a_shared_link_asks_before_it_replaces_a_shortlist(open_page, base_url):
    page, watcher = open_page(base_url, axe=True, service_workers="block")
    link = f"{base_url}/{URLS.shortlist()}?s="
    mine, theirs = "canal-street-day-centre", ["lantern-wolverhampton-night-shelter", SERVICE]

    # No list on this device: the link's list simply becomes the shortlist.
    watcher.visit(page, link + mine)
    page.wait_for_selector(".js-shortlist-list li")
    assert _shortlist(page) == [mine]
    assert page.locator(".app-shortlist-choice").count() == 0

    # Another list: the device's list is not touched until the person chooses.
    watcher.visit(page, link + ",".join(theirs))
    choice = page.get_by_role("region", name="Open the shared list?")
    choice.wait_for()
    assert choice.evaluate("el => el === document.activeElement")
    assert "This link has 2 services. This device already has a shortlist of 1 service." in choice.inner_text()
    assert choice.locator("li").all_inner_texts() == ["Lantern Wolverhampton Night Shelter",
                                                      "Kestrel Domestic Abuse Helpline and Refuge"]
    assert _shortlist(page) == [mine] and page.locator(".js-shortlist-list li").count() == 0
    assert axe_violations(page) == []
    page.get_by_role("button", name="Keep my shortlist").click()
    assert _shortlist(page) == [mine] and _names(page) == ["Canal Street Day Centre"]
    assert page.evaluate("location.search") == "?s=" + mine
    assert page.locator(".js-shortlist-message").inner_text() == "Your shortlist is as it was; the link's list was not opened."

    watcher.visit(page, link + ",".join(theirs))
    page.get_by_role("button", name="Add them to my shortlist").click()
    assert _shortlist(page) == [mine, *theirs]
    assert page.locator(".js-shortlist-message").inner_text() == \
        "Added 2 services from the link. Your shortlist has 3 services."
    assert page.evaluate("document.activeElement.matches('.js-shortlist-message')")

    watcher.visit(page, link + theirs[0])
    page.get_by_role("button", name="Replace my shortlist").click()
    assert _shortlist(page) == [theirs[0]] and _names(page) == ["Lantern Wolverhampton Night Shelter"]

    watcher.visit(page, link + theirs[0])  # the same list: nothing to ask
    page.wait_for_selector(".js-shortlist-list li")
    assert page.locator(".app-shortlist-choice").count() == 0
    assert not watcher.problems, watcher.problems


# -- the /submit/ form ------------------------------------------------------------------------

@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\u0085", "\r"],
                         ids=["line separator", "paragraph separator", "next line", "carriage return"])
def test_a_crafted_link_cannot_add_a_field_to_the_file(open_page, tiny_url, tmp_path, separator):
    """YAML reads each of these as a line break: written bare, the link's text would end
    the pledge's text and start a field of its own (here `ref: P1`)."""
    text = f"Help people{separator}    ref:{separator}      P1"
    page, watcher = open_page(tiny_url)
    watcher.visit(page, f"{tiny_url}/{URLS.submit()}")
    page.evaluate("localStorage.clear()")
    crafted = page.evaluate("([base, text]) => base + '?' + new URLSearchParams({start: 'pledge', text, stage: "
                            "'recovery'})", [f"{tiny_url}/{URLS.submit()}", text])
    watcher.visit(page, crafted)
    page.wait_for_selector(".js-submit-started:not(:empty)")
    page.select_option("#f-organisation", "alpha-trust")
    for part, value in (("day", "1"), ("month", "10"), ("year", "2026")):
        page.fill(f"#f-held-{part}", value)
    page.check("#f-approach-roundtable")
    page.click("text=Check and create the file")
    page.wait_for_selector(".js-submit-result:not([hidden])")
    written = page.locator(".js-file-text").input_value()

    front, _, _ = split_front_matter(written)
    data, _ = parse_yaml(front)  # the project's own YAML reader
    typed = text.replace("\r", "\n")  # a text box keeps a carriage return as a line break
    assert data["pledges"] == [{"id": "help-people-ref-p1", "text": typed, "stage": "recovery"}]
    assert set(data) == {"organisation", "held", "approach", "pledges"}  # approval is the reviewer's to add
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    approved = written.replace("held: 2026-10-01\n", "held: 2026-10-01\napproved: 2026-10-02\n", 1)
    assert approved != written
    (content / "pledges" / "alpha-trust-2026.md").write_text(approved, "utf-8")
    checked = validate(content)  # the file is refused for what it holds, clearly, never misread
    assert checked.returncode == (0 if separator == "\r" else 1), checked.stdout
    if separator != "\r":
        assert "pledges[0].text" in checked.stdout and "[control-character]" in checked.stdout
    assert not watcher.problems, watcher.problems


def test_the_form_refuses_an_email_a_mail_link_would_read_as_headers(open_page, tiny_url):
    page, watcher = open_page(tiny_url)
    watcher.visit(page, f"{tiny_url}/{URLS.submit_service()}")
    page.evaluate("localStorage.clear()")
    watcher.visit(page, f"{tiny_url}/{URLS.submit_service()}")
    page.fill("#f-name", "Evening Advice Line")
    page.select_option("#f-organisation", "beta-housing")
    page.fill("#f-summary", "Housing advice by phone on weekday evenings.")
    page.check("#f-stages-targeted-prevention")
    page.check("#f-client_groups-everyone")
    page.check("#f-areas-birmingham")
    page.fill("#f-contact-email", "x?bcc=someone%40elsewhere&x=@example.org")
    page.click("text=Check and create the file")
    page.wait_for_selector(".js-error-summary:not([hidden])")
    error = page.locator('[data-field="contact.email"] .js-field-error').inner_text()
    assert "with no ?, &, % or # in it" in error, error
    assert page.locator(".js-submit-result").is_hidden()
    page.fill("#f-contact-email", "advice@example.org")
    page.click("text=Check and create the file")
    page.wait_for_selector(".js-submit-result:not([hidden])")
    assert "email: advice@example.org" in page.locator(".js-file-text").input_value()
    assert not watcher.problems, watcher.problems


# -- under a sub-path ------------------------------------------------------------------------------

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def subpath_site(tmp_path_factory):
    """The tiny content built for http://127.0.0.1:PORT/c2c (as a site at
    <owner>.github.io/<repo>), served with another site beside it at /other/."""
    port = free_port()
    root = tmp_path_factory.mktemp("subpath")
    site_url = f"http://127.0.0.1:{port}/c2c"
    built = subprocess.run(
        [*C2C, "build", "--content", str(TINY), "--output", str(root / "c2c"),
         "--build-date", BUILD_DATE, "--settings", str(ROOT / "publishconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**os.environ, "C2C_SITEURL": site_url})
    assert built.returncode == 0, built.stdout + built.stderr
    (root / "other").mkdir()
    (root / "other" / "index.html").write_text("<!doctype html><title>Another site</title><p>Another site</p>")
    (root / "other" / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site_url, root / "c2c"
    server.shutdown()


def test_the_site_works_under_a_sub_path(open_page, subpath_site):
    site_url, output = subpath_site
    origin = site_url.rsplit("/", 1)[0]
    page, watcher = open_page(origin, service_workers="allow")
    _leaving_to_weather(page.context)
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))

    # Another site on the same origin, with its own worker and storage.
    watcher.visit(page, origin + "/other/")
    page.evaluate("""async () => { localStorage.setItem('other-site', 'theirs');
        await navigator.serviceWorker.register('/other/sw.js', {scope: '/other/'}); }""")

    paths = [URLS.home(), URLS.organisations(), URLS.directory(), URLS.service("night-shelter"), URLS.search(),
             URLS.submit(), URLS.data(), URLS.cover_your_tracks()]
    for path in paths:
        watcher.visit(page, f"{site_url}/{path}")
        assert page.locator("link[rel=stylesheet]").evaluate("l => l.sheet && l.sheet.cssRules.length > 0"), path
        assert page.locator(".js-quick-exit").is_visible(), path
        assert page.locator(".app-quick-exit__hint").get_attribute("href") == f"{site_url}/{URLS.cover_your_tracks()}"
    site_requests = [url for url in requested if url.startswith(origin) and "/other/" not in url]
    assert site_requests and all(url.startswith(site_url + "/") for url in site_requests), \
        [url for url in site_requests if not url.startswith(site_url + "/")]

    # The worker: registered at the site's root, its scope the sub-path, not the origin.
    watcher.visit(page, f"{site_url}/{URLS.directory()}")
    _controlled(page)
    scopes = page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope)")
    assert sorted(scopes) == sorted([origin + "/other/", site_url + "/"])
    assert page.evaluate("navigator.serviceWorker.controller.scriptURL") == f"{site_url}/{URLS.service_worker()}"
    page.context.set_offline(True)  # and it serves the site's pages without signal
    page.goto(f"{site_url}/{URLS.directory()}")
    assert page.locator("h1").inner_text() == "Find a homelessness service"
    page.context.set_offline(False)

    # The exit control clears this site's things and only them.
    watcher.visit(page, f"{site_url}/{URLS.service('night-shelter')}")
    page.locator(".js-shortlist-toggle").click()
    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(EXIT_URL + "**")
    page.goto(origin + "/other/")
    after = page.evaluate(TRACES)
    assert after["local"] == {"other-site": "theirs"}
    assert after["workers"] == [origin + "/other/"]
    assert [key for key in after["caches"] if key.startswith("c2c-")] == []
    assert not watcher.problems, watcher.problems
