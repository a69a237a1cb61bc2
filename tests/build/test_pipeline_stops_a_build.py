"""A real `c2c build` with PLUGINS out of order, or missing a plugin it needs, stops at
start-up naming the plugin and where it belongs, before anything is read or written (the
check itself is tests/unit/test_pipeline.py)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from support.plugin_order import PLUGINS, moved
from support.project import ROOT, TINY, build_site


def _build(tmp_path: Path, plugins: list[str]) -> tuple[subprocess.CompletedProcess, Path]:
    settings = tmp_path / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
                        f"PLUGINS = {plugins!r}\n")
    output = tmp_path / "output"
    return build_site(TINY, output, settings=settings), output


@pytest.mark.parametrize("plugins, expected", [
    (moved("c2c_views", after="c2c_pages"),
     "c2c_views (the views stage) is listed after c2c_search (the pages and files stage); "
     "list it after c2c_registry and before c2c_search"),
    ([n for n in PLUGINS if n != "c2c_site"],
     "c2c_site is missing: every build needs it for the finalise stage; list it after pelican.plugins.sitemap"),
])
def test_a_real_build_stops_at_start_up_naming_the_plugin(tmp_path, plugins, expected):
    result, output = _build(tmp_path, plugins)
    assert result.returncode == 1, result.stdout + result.stderr
    assert expected in " ".join(result.stderr.split()), result.stderr
    assert not output.exists()  # stopped before anything was read or written
