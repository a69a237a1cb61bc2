"""`c2c fmt`: the sample content is in canonical form, and a file out of order is put in
the schema's key order with its comments kept; `--check` changes nothing."""

from __future__ import annotations

import shutil

from support.content_corpus import HELPLINES
from support.project import ROOT, run_c2c
from support.tiny_site import tiny_copy


def test_fmt_check_passes_on_the_sample_content():
    result = run_c2c("fmt", "--check", "content")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Every file is in canonical form.\n"


def test_fmt_puts_keys_in_schema_order_and_keeps_comments(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "organisations", content / "organisations", ignore=shutil.ignore_patterns("logos"))
    path = content / "organisations" / "brightpath-youth-trust.yaml"
    text = path.read_text("utf-8")
    moved = text.replace("sector: voluntary-community\n", "").replace(
        "c2c:\n", "# WMCA: awarded after the December panel\nc2c:\n") + "sector: voluntary-community  # checked\n"
    path.write_text(moved, "utf-8")
    check = run_c2c("fmt", "--check", str(content))
    assert check.returncode == 1 and f"{path}: would be reformatted" in check.stdout
    assert path.read_text("utf-8") == moved  # --check changes nothing
    assert run_c2c("fmt", str(content)).returncode == 0
    result = path.read_text("utf-8")
    assert result.splitlines()[:3] == [
        "# yaml-language-server: $schema=../../schemas/organisation.schema.json",
        "name: Brightpath Youth Trust", "sector: voluntary-community  # checked"]
    assert "# WMCA: awarded after the December panel\nc2c:\n" in result
    assert run_c2c("fmt", "--check", str(content)).returncode == 0


def test_fmt_puts_the_helplines_file_in_canonical_form(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "helplines.yaml").write_text(HELPLINES.replace("  - service: night-shelter\n    for: Somewhere to sleep tonight",
                                                              "  - for: Somewhere to sleep tonight\n    service: night-shelter"))
    checked = run_c2c("fmt", "--check", str(content))
    assert checked.returncode == 1 and "helplines.yaml: would be reformatted" in checked.stdout
    assert run_c2c("fmt", str(content / "helplines.yaml")).returncode == 0
    assert (content / "helplines.yaml").read_text() == HELPLINES
