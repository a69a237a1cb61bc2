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


def test_importing_the_command_and_the_import_path_loads_no_pelican():
    """`import c2c_cli` loads every command module, `c2c import-hsds`'s and through it
    c2c_data.importer among them; the import's own modules load no Pelican either."""
    code = ("import sys\n"
            "import c2c_cli, c2c_data.importer, c2c_data.hsds_in, c2c_data.imports.prose\n"
            "assert 'c2c_data.importer' in sys.modules\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pelican', 'c2c_views')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
