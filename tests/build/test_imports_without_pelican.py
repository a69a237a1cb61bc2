"""The library, the views and the `c2c` command import without Pelican, in a fresh
interpreter: `c2c validate`, `c2c import-hsds` and the tests use them without it (the
static rule is tests/unit/test_layers.py)."""

from __future__ import annotations

import subprocess
import sys

from support.project import ROOT


def test_the_library_and_the_views_import_without_pelican():
    code = ("import sys; sys.modules['pelican'] = None\n"  # any import of pelican now fails
            "import c2c_registry, c2c_registry.pipeline, c2c_views, c2c_views.views\n"
            "print('ok')")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "plugins")
    assert result.stdout.strip() == "ok", result.stderr
