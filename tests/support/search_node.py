"""Running the site's search engine under Node (search-index.js, search-core.js and
search-stem.js, as the browser runs them) on a built site, for the search tests:
search_node.js beside this file does the work."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from support.project import ROOT

NODE = shutil.which("node") or "node"
SCRIPT = Path(__file__).with_name("search_node.js")


def node(site: Path, request: dict) -> dict:
    result = subprocess.run([NODE, str(SCRIPT), str(site)], input=json.dumps(request), capture_output=True,
                            text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def search(site: Path, *queries: str | dict, top: int = 10, fresh: bool = True) -> list[dict]:
    """The engine's answers: [{q, total, hits: [{url, kind, title, ...}], fetched, ...}];
    `fresh`: each query on a page of its own (nothing loaded before it)."""
    items = [q if isinstance(q, dict) else {"q": q} for q in queries]
    return node(site, {"search": [{"top": top, **item} for item in items], "fresh": fresh})["search"]


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "manifest.json").read_text("utf-8"))


def search_files(site: Path) -> list[Path]:
    """Every file of the index but the manifest."""
    return sorted(p for p in (site / "search").rglob("*.json") if p.name != "manifest.json")


def term_files(site: Path, scope: str = "all") -> list[Path]:
    m = manifest(site)
    return [site / m["scopes"][scope]["url"].replace("{n}", str(n)) for n in range(len(m["scopes"][scope]["starts"]))]


def rows(site: Path) -> list[list]:
    """Every document's row, in document order."""
    m = manifest(site)
    out, n = [], 0
    while (path := site / m["rows"]["url"].replace("{n}", str(n))).is_file():
        out += json.loads(path.read_text("utf-8"))
        n += 1
    return out
