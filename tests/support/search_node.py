"""Running the site's search under Node (lunr.js 2.3.9 and search-core.js) on a built
site, for the search tests: search_node.js beside this file does the work."""

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
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def search(site: Path, *queries: str | dict, top: int = 10) -> list[dict]:
    """The search page's answers: [{q, total, hits: [{url, kind, title, ...}], ...}]."""
    items = [q if isinstance(q, dict) else {"q": q} for q in queries]
    return node(site, {"search": [{"top": top, **item} for item in items]})["search"]


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "manifest.json").read_text("utf-8"))


def shard_files(site: Path) -> list[Path]:
    return [site / s["file"] for s in manifest(site)["shards"]]
