"""One URL map: every address is formed by c2c_registry/urls.py and nowhere else.

Tests may name URLs; the code that writes the site may not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.names import RESERVED_SERVICE_SLUGS
from c2c_registry.urls import Urls, save_as

from conftest import ROOT

URLS_MODULE = ROOT / "plugins" / "c2c_registry" / "urls.py"


def _formed_urls() -> list[str]:
    """A sample of every kind of address the map forms."""
    u = Urls()
    return [
        u.home(), u.organisations(), u.organisation("x"), u.commitments(), u.commitment("x"),
        *(u.dimension(d) for d in ("stages", "themes", "areas", "sectors")),
        u.term("stages", "x"), u.stage_narrowed("x", "areas", "y"), u.stage_narrowed("x", "sectors", "y"),
        u.progress(), u.progress_list("overdue"), u.page("about"), u.directory(), u.service("x"), u.directory_area("x"),
        u.directory_stage("x"), u.directory_access("x"), u.directory_language("x"), u.directory_print("x", "y"),
        u.shortlist(), u.services_json(), u.service_worker(), u.theme("x"),
        u.paged(u.directory(), 2), u.directory_data("filters", "x"), u.directory_data("text", "all"),
        u.directory_cards(1), u.not_found(), u.cover_your_tracks(), u.robots(), u.headers(), u.sitemap(),
        u.badges(), u.badge("x"), *(u.badge_image("x", kind) for kind in ("web", "print", "svg")),
        u.logo("x", 96, "webp"), u.logo("x", 96, "png"),
        u.search(), u.search_manifest(), u.search_shard("x"),
        u.data(), u.data_table("x", "csv"), u.data_table("x", "json"), u.datapackage(), u.hsds_services(),
        u.hsds_service("x"), u.hsds_page(1), u.data_schemas(), u.data_schema("x"), u.feed(),
        u.submit(), u.submit_service(),
    ]


def _segments() -> tuple[set[str], set[str]]:
    """The folders and the files the map puts addresses in (first two levels)."""
    folders, files = set(), set()
    for url in _formed_urls():
        parts = save_as(url).split("/")
        for depth, part in enumerate(parts[:2]):
            if not part or part == "x":
                continue
            is_last = depth == len(parts) - 1
            (files if is_last else folders).add(part)
    return folders, files


def _spelt_paths_pattern() -> re.Pattern:
    folders, files = _segments()
    folder = "|".join(sorted(map(re.escape, folders - {"about"}), key=len, reverse=True))
    file = "|".join(sorted(map(re.escape, files - {"index.html"}), key=len, reverse=True))  # a folder's page
    # A folder followed by "/" at the start of a string or after a "/"; a file name whole.
    return re.compile(rf"""(?:^|/|}}}}/)(?:{folder})/|(?:^|/)(?:{file})$""")


def _python_strings(path: Path) -> list[tuple[int, str]]:
    """String literals in code (f-string parts included), docstrings left out."""
    tree = ast.parse(path.read_text("utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                  and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def _template_strings(path: Path) -> list[tuple[int, str]]:
    """Every quoted string and every href/src/action value of a template or script,
    comments left out."""
    text = re.sub(r"\{#.*?#\}|/\*.*?\*/", lambda m: "\n" * m.group().count("\n"), path.read_text("utf-8"), flags=re.S)
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        line = re.sub(r"^\s*//.*$", "", line)
        for match in re.finditer(r"""(["'])(.*?)\1""", line):
            found.append((n, match.group(2)))
    return found


def _code_files() -> list[Path]:
    plugins = [p for p in (ROOT / "plugins").rglob("*") if p.suffix in (".py", ".js") and p != URLS_MODULE]
    theme = [*(ROOT / "theme" / "templates").glob("*.html"), *(ROOT / "theme" / "static" / "js").glob("*.js")]
    return sorted([*plugins, *theme, ROOT / "pelicanconf.py", ROOT / "publishconf.py"])


def test_no_site_path_is_spelt_outside_the_url_module():
    pattern = _spelt_paths_pattern()
    offenders = []
    for path in _code_files():
        strings = _python_strings(path) if path.suffix == ".py" else _template_strings(path)
        for line, value in strings:
            value_without_repository_paths = re.sub(r"\b(?:content|schemas)/[\w/.-]*", "", value)
            for piece in re.split(r"\{\{.*?\}\}|\{%.*?%\}", value_without_repository_paths):
                if pattern.search(piece.strip()):
                    offenders.append(f"{path.relative_to(ROOT)}:{line}: {value!r}")
    assert offenders == [], "ask the URL map (c2c_registry.urls.Urls) instead:\n" + "\n".join(offenders)


def test_the_scan_finds_a_path_spelt_by_hand(tmp_path):
    """The test above can fail: a hand-spelt path in a template or in Python is caught."""
    pattern = _spelt_paths_pattern()
    template = tmp_path / "t.html"
    template.write_text('<a href="{{ SITEURL }}/directory/areas/{{ id }}/">x</a>\n<script src="/theme/js/a.js"></script>')
    module = tmp_path / "m.py"
    module.write_text('"""Docs may say /directory/."""\nURL = f"organisations/{slug}/"\nJSON = "services.json"\n')
    spelt = {v for _, v in _template_strings(template) + _python_strings(module) if pattern.search(v)}
    assert spelt == {"{{ SITEURL }}/directory/areas/{{ id }}/", "/theme/js/a.js", "organisations/", "services.json"}


def test_every_file_the_build_writes_is_at_an_address_the_map_forms(site):
    folders, files = _segments()
    top = {p.name for p in site.iterdir()}
    assert top <= folders | files, sorted(top - folders - files)
    services = {p.name for p in (site / "directory").iterdir() if (p / "index.html").is_file()}
    directory = {p.name for p in (site / "directory").iterdir()} - services
    assert directory <= folders | files, directory  # besides services, only the map's own pages and files


def test_every_record_has_a_page_where_the_map_says(site):
    registry, _ = load_registry(ROOT / "content")
    urls = Urls()
    records = [*registry.organisations.values(), *registry.commitments.values(), *registry.services.values()]
    for record in records:
        assert (site / save_as(urls.record(record))).is_file(), urls.record(record)
    pledge = registry.pledges[0]
    assert urls.record(pledge) == f"pledges/{pledge.commitment.slug}/#pledge-{pledge.id}"


def test_reserved_service_slugs_follow_from_the_directory_pages():
    assert RESERVED_SERVICE_SLUGS == ("access", "areas", "data", "languages", "page", "shortlist", "stages")
    for slug in RESERVED_SERVICE_SLUGS:
        assert any(url.startswith(f"directory/{slug}/") for url in _formed_urls())


def test_filters_in_the_query_string_and_bad_cuts_are_refused():
    urls = Urls("https://c2c.example.org/")
    assert urls.directory(area="coventry", stage=["recovery", "settled-home"]) == \
        "directory/?area=coventry&stage=recovery&stage=settled-home"
    assert urls.absolute(urls.organisation("x")) == "https://c2c.example.org/organisations/x/"
    with pytest.raises(ValueError):
        urls.dimension("colours")
    with pytest.raises(ValueError):
        urls.stage_narrowed("recovery", "themes", "accommodation")
