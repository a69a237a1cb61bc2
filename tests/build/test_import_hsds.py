"""`c2c import-hsds`: Open Referral JSON in, valid service files out, and a lossless round trip."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from c2c_data.hsds import to_hsds
from c2c_registry.load.registry import load_registry
from c2c_registry.urls import Urls

from support.project import C2C, FIXTURES, ROOT, TINY, validate

EXAMPLES = sorted((FIXTURES / "openreferral").glob("*/examples/service_*.json"))


def import_hsds(source: Path, content: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([*C2C, "import-hsds", str(source), "--content", str(content), *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: f"{p.parent.parent.name}-{p.name}")
def test_importing_the_official_examples_gives_valid_service_files(tmp_path, example):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    before = set((content / "services").iterdir())
    result = import_hsds(example, content)
    assert result.returncode == 0, result.stderr
    assert "Brought in:      1 new service files" in result.stdout
    assert "stages: nothing in the feed or the mapping file says" in result.stdout  # what it guessed is reported
    assert "left out" in result.stdout  # and what it could not map
    new = set((content / "services").iterdir()) - before
    assert [p.name for p in new] == ["community-counselling.yaml"]
    text = new.pop().read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/service.schema.json\nname: Community Counselling\n")
    checked = validate(content)
    assert checked.returncode == 0, checked.stdout


def test_the_import_maps_hours_phone_cost_and_languages(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    assert import_hsds(FIXTURES / "openreferral" / "hsds-3.0" / "examples" / "service_full.json", content).returncode == 0
    registry, problems = load_registry(content)
    assert not problems
    service = registry.services["community-counselling"]
    assert (service.phone, service.cost, service.languages) == ("01234 234567", "charge", ["ur"])
    assert [(h.days, h.opens, h.closes) for h in service.hours] == [(["thu", "fri"], "10:00", "18:00")]


def test_the_import_is_deterministic_and_says_when_the_file_is_not_hsds(tmp_path):
    example = FIXTURES / "openreferral" / "oruk-3.0" / "examples" / "service_full.json"
    outputs = []
    for name in ("a", "b"):
        content = tmp_path / name
        shutil.copytree(TINY, content)
        import_hsds(example, content)
        outputs.append((content / "services" / "community-counselling.yaml").read_bytes())
    assert outputs[0] == outputs[1]
    bad = tmp_path / "bad.json"
    bad.write_text('{"hello": 1}')
    result = import_hsds(bad, tmp_path / "a")
    assert result.returncode == 2 and "holds no Open Referral services" in result.stderr
    bad.write_text("{not json")
    result = import_hsds(bad, tmp_path / "a")
    assert result.returncode == 2 and "could not read" in result.stderr


def test_round_trip_export_import_export_is_lossless(site, tmp_path):
    """The whole directory: the exported array, imported into a content folder with the
    same organisations, exports to the same JSON."""
    exported = json.loads((site / Urls().hsds_services()).read_text("utf-8"))
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("services"))
    (content / "services").mkdir()
    source = tmp_path / "services.json"
    source.write_text(json.dumps(exported))
    result = import_hsds(source, content, "--with-closed")
    assert result.returncode == 0, result.stderr
    registry, problems = load_registry(content)
    assert not problems, problems[:3]
    again = [to_hsds(s, registry.vocab) for s in sorted(registry.services.values(), key=lambda s: s.slug)]
    assert again == exported
    originals = {p.name for p in (ROOT / "content" / "services").iterdir()}
    assert {p.name for p in (content / "services").iterdir()} == originals
