"""`c2c import-hsds`: choosing what comes in (filters, a mapping file), a URL followed page
by page from a real local HTTP server, the limits that stop a hostile feed with exit 2,
the progress bar on a terminal only, and an import path that never loads Pelican."""

from __future__ import annotations

import http.server
import json
import os
import pty
import select
import threading
import urllib.parse
from pathlib import Path

import pytest

from c2c_registry.urls import Urls

from support import council_feed
from support.council_feed import counted, run_import, workspace
from support.project import C2C, ROOT, build_site

MAPPING = """\
# Sandwell's taxonomy in our words
feed: sandwell
keep:
  taxonomy: [Homelessness, Housing advice, Domestic abuse, Debt advice]
taxonomy:
  Homelessness:
    stages: [crisis-prevention-and-relief]
    client_groups: [rough-sleepers]
  housing advice:
    stages: [targeted-prevention]
    themes: [accommodation]
  T-DA:
    client_groups: [domestic-abuse-survivors, women]
  Debt advice:
    stages: [recovery]
    themes: [finance-benefits-debt]
defaults:
  client_groups: [everyone]
  areas: [sandwell]
languages:
  English: en
  Polish: pl
"""


def services(content: Path) -> set[str]:
    return {p.stem for p in (content / "services").glob("*.yaml")} - {"helpline", "night-shelter"}


def test_filters_keep_only_what_belongs_in_the_directory(tmp_path):
    content, feed = workspace(tmp_path)
    result = run_import(feed, content, "--taxonomy", "homelessness", "--taxonomy", "T-DEBT", "--dry-run")
    assert counted(result.stdout, "Would bring in") == 4 and counted(result.stdout, "Not chosen") == 7
    result = run_import(feed, content, "--word", "homeless", "--postcode", "B69")
    assert result.returncode == 0, result.stderr
    assert services(content) == {"sandwell-housing-advice-homelessness-service"}  # the only place in B69
    report = run_import(feed, content, "--word", "dancing", "--area", "birmingham", "--dry-run").stdout
    assert counted(report, "Would bring in") == 0  # the dance class is in Sandwell, not Birmingham


def test_a_mapping_file_turns_the_feeds_terms_into_ours(tmp_path):
    content, feed = workspace(tmp_path)
    mapping = tmp_path / "sandwell.yaml"
    mapping.write_text(MAPPING, "utf-8")
    result = run_import(feed, content, "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert services(content) == {"sandwell-housing-advice-homelessness-service", "night-shelter-2",
                                 "moneyadvice-drop-in", "deeply-nested-leaflet", "women-s-refuge",
                                 "tenancy-sustainment-and-resettlement-support-for-families-and-single-people-for"}
    advice = (content / "services" / "sandwell-housing-advice-homelessness-service.yaml").read_text("utf-8")
    assert "stages: [crisis-prevention-and-relief, targeted-prevention]" in advice
    assert "themes: [accommodation]" in advice and "client_groups: [rough-sleepers]" in advice
    assert "languages: [en, pl]" in advice and "feed: sandwell\n" in advice
    refuge = (content / "services" / "women-s-refuge.yaml").read_text("utf-8")
    assert "client_groups: [domestic-abuse-survivors, women]" in refuge and "areas: [sandwell]" in refuge
    assert "stages: nothing in the feed or the mapping file says" in result.stdout  # the refuge: no stage mapped
    assert "Set from the mapping file's defaults:\n  areas: the mapping file's default" in result.stdout
    assert counted(result.stdout, "Not chosen") == 5  # the dance class, the closed hostel and three others


@pytest.mark.parametrize(("text", "message"), [
    ("taxonomy:\n  Homelessness:\n    stages: [crisis]\n",
     "3:14: taxonomy.Homelessness.stages[0]: 'crisis' is not one of our stages; did you mean "
     "'crisis-prevention-and-relief'? see schemas/vocabularies/stages.yaml"),
    ("keep:\n  postcodes: [B70 7AB]\n", "2:15: keep.postcodes[0]: 'B70 7AB' does not match"),
    ("defaults:\n  stage: [recovery]\n", "2:3: defaults: Additional properties are not allowed ('stage' was unexpected)"),
    ("taxonomy: [a, b]\n", "1:11: taxonomy: ['a', 'b'] is not of type 'object'"),
    ("feed: x\nfeed: y\n", "2:1: "),
])
def test_a_bad_mapping_file_is_a_clear_error_naming_the_line(tmp_path, text, message):
    content, feed = workspace(tmp_path)
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(text, "utf-8")
    result = run_import(feed, content, "--mapping", str(mapping))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"c2c: the mapping file cannot be used:\n{mapping}:{message}" in result.stderr
    assert services(content) == set()


class FeedServer(http.server.BaseHTTPRequestHandler):
    """A council's API: /api/services?page=N answers page N; it counts requests."""

    pages: list[dict] = []
    asked: list[str] = []

    def do_GET(self):  # noqa: N802 (the stdlib's name)
        self.asked.append(self.path)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(self.path).query)
        number = int(query.get("page", ["1"])[0])
        if not 1 <= number <= len(self.pages):
            self.send_error(404)
            return
        body = json.dumps(self.pages[number - 1]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def api():
    FeedServer.pages, FeedServer.asked = council_feed.PAGES, []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FeedServer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_url_is_followed_page_by_page(tmp_path, api):
    content, _ = workspace(tmp_path)
    url = f"{api}/api/services?page=1&api_key=s3cret&per_page=8"
    result = run_import(url, content, "--report", str(tmp_path / "r.json"))
    assert result.returncode == 0, result.stderr
    assert [urllib.parse.parse_qs(urllib.parse.urlsplit(p).query)["page"] for p in FeedServer.asked] == [["1"], ["2"]]
    assert "14 records in 2 pages" in result.stdout and counted(result.stdout, "Brought in") == 10
    text = (content / "services" / "moneyadvice-drop-in.yaml").read_text("utf-8")
    assert f"feed: {api}/api/services\n" in text  # the feed's name: no paging, and no key
    assert "s3cret" not in json.dumps(json.loads((tmp_path / "r.json").read_text("utf-8"))) + result.stdout
    again = run_import(f"{api}/api/services?page=1&api_key=another", content)
    assert counted(again.stdout, "Unchanged") == 10  # the same feed, whatever the key


def test_a_url_that_fails_is_a_clear_error(tmp_path, api):
    content, _ = workspace(tmp_path)
    result = run_import(f"{api}/api/services?page=7&api_key=s3cret", content)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr == f"c2c: {api}/api/services?page=7&api_key=%E2%80%A6 answered 404 Not Found\n"
    result = run_import("ftp://example.org/feed.json", content)
    assert result.returncode == 2 and "only http:// and https:// addresses can be imported" in result.stderr


def test_limits_on_size_and_depth_give_exit_2_and_a_sentence(tmp_path):
    content, feed = workspace(tmp_path)
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    result = run_import(deep, content)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "is nested far too deep to be a service feed (the limit is 40 levels)" in result.stderr
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps([{"name": "x", "pc_extra": council_feed._nested(60)}]))
    result = run_import(nested, content)
    assert result.returncode == 2 and "is nested 62 levels deep; the limit is 40" in result.stderr
    result = run_import(feed / "page-1.json", content, "--max-size", "0.01")
    assert result.returncode == 2 and "page-1.json is larger than 0.01 MB, the limit for one file" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text('{"content": [')
    result = run_import(broken, content)
    assert result.returncode == 2 and "could not read" in result.stderr and "line 1, column 14" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "holds no .json files" in run_import(empty, content).stderr
    assert "there is no content folder at" in run_import(feed, tmp_path / "nowhere").stderr
    assert services(content) == set()


def test_a_services_folder_that_is_a_link_is_refused(tmp_path):
    content, feed = workspace(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (content / "services").rename(elsewhere)
    (content / "services").symlink_to(elsewhere)
    result = run_import(feed, content)
    assert result.returncode == 2 and "is not a plain folder; the import writes only into one" in result.stderr
    assert sorted(p.name for p in elsewhere.iterdir()) == ["helpline.yaml", "night-shelter.yaml"]


def test_the_progress_bar_shows_on_a_terminal_only(tmp_path):
    content, feed = workspace(tmp_path)
    piped = run_import(feed, content, "--dry-run")
    assert piped.stderr == ""  # no bar in a pipe, a log or CI
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command on a terminal
        os.chdir(ROOT)
        os.execv(C2C[0], [*C2C, "import-hsds", str(feed), "--content", str(content), "--dry-run"])
    seen = b""
    while True:
        ready, _, _ = select.select([terminal], [], [], 120)
        if not ready:
            break
        try:
            chunk = os.read(terminal, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    os.waitpid(pid, 0)
    assert b"Importing services" in seen and b"Would bring in" in seen


def test_provenance_is_not_published(tmp_path):
    """imported_from stays in the content: the site and its open data never show it
    (the published schema names the field, as it names every field)."""
    content, feed = workspace(tmp_path)
    assert run_import(feed, content, "--feed", "feed-name-never-published").returncode == 0
    output = tmp_path / "output"
    built = build_site(content, output)
    assert built.returncode == 0, built.stdout + built.stderr
    page = output / Urls().service("sandwell-housing-advice-homelessness-service") / "index.html"
    assert "Rent arrears &amp; eviction" in page.read_text("utf-8")
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".atom", ".js", ".txt"):
            text = path.read_text("utf-8", errors="replace")
            assert "feed-name-never-published" not in text, path
            assert "imported_from" not in text or path.name == "service.schema.json", path
