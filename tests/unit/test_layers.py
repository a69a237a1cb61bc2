"""Which module may import which: the import's own modules never load Pelican, the views
or the page writers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support.project import ROOT

IMPORT_MODULES = [ROOT / "plugins" / "c2c_data" / name for name in ("importer.py", "hsds_in.py", "hsds.py", "text.py")]
IMPORT_MODULES += sorted((ROOT / "plugins" / "c2c_data" / "imports").glob("*.py"))


def _imported_names(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names.add(("." * node.level) + (node.module or ""))
    return names


@pytest.mark.parametrize("path", IMPORT_MODULES, ids=lambda p: p.name)
def test_the_import_path_never_imports_pelican_or_the_page_layer(path):
    """The import's own modules (the package __init__ files are the build's) import
    nothing of Pelican, the views or the page writers."""
    page_layer = ("pelican", "c2c_views", "c2c_pages", "c2c_directory", "c2c_lists", "c2c_search", "c2c_badges",
                  "c2c_submit", "c2c_trust", "c2c_site", "jinja2")
    assert [n for n in _imported_names(path) if n.split(".")[0] in page_layer] == []
