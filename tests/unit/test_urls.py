"""One URL map: every address is formed by c2c_registry/urls.py and nowhere else.

Tests may name URLs; the code that writes the site may not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from c2c_registry.rules.names import RESERVED_SERVICE_SLUGS
from c2c_registry.urls import Urls

from support.project import ROOT
from support.url_samples import address_segments, formed_urls

URLS_MODULE = ROOT / "plugins" / "c2c_registry" / "urls.py"


def _spelt_paths_pattern() -> re.Pattern:
    folders, files = address_segments()
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


def test_reserved_service_slugs_follow_from_the_directory_pages():
    assert RESERVED_SERVICE_SLUGS == ("access", "areas", "data", "languages", "page", "shortlist", "stages")
    for slug in RESERVED_SERVICE_SLUGS:
        assert any(url.startswith(f"directory/{slug}/") for url in formed_urls())


def test_filters_in_the_query_string_and_bad_cuts_are_refused():
    urls = Urls("https://c2c.example.org/")
    assert urls.directory(area="coventry", stage=["recovery", "settled-home"]) == \
        "directory/?area=coventry&stage=recovery&stage=settled-home"
    assert urls.absolute(urls.organisation("x")) == "https://c2c.example.org/organisations/x/"
    with pytest.raises(ValueError):
        urls.dimension("colours")
    with pytest.raises(ValueError):
        urls.stage_narrowed("recovery", "themes", "accommodation")
