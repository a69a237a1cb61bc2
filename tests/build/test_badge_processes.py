"""A badge is the same bytes whichever process draws it and whatever that process drew
before: the build's forked workers each draw their share, in no fixed order."""

from __future__ import annotations

import json
import subprocess
import sys

from c2c_badges.cache import DEFAULT_FOLDER

from support.project import ROOT

LONG = ("The Extraordinarily Long-Named West Midlands Regional Partnership for Preventing and Relieving "
        "Homelessness Among Young People, Care Leavers and Families in Every Borough")

DRAW_IN_ORDER = """
import hashlib, json, sys
from pathlib import Path
from types import SimpleNamespace
from c2c_badges.fonts import FontSet
from c2c_badges.images import badge_files
fonts = FontSet(prepared_dir=Path(sys.argv[1]))
out = {}
for name, state, status in json.loads(sys.argv[2]):
    view = SimpleNamespace(organisation=SimpleNamespace(name=name), status_line=status, state=state,
                           holds=state == "awarded", alt=name)
    out[name] = {file: hashlib.sha256(data).hexdigest() for file, data in badge_files(view, fonts, None).items()}
print(json.dumps(out))
"""


def test_a_badge_is_the_same_bytes_whatever_its_process_drew_before():
    """Forked workers each draw their share of the badges: what a worker happened to draw
    first must not change a byte of the others (Pillow's first measure of a font at a
    size differs slightly from every later one; the fonts are settled before use)."""
    badges = [("Tamebridge Housing Association", "awarded", "C2C awarded 2022"), (LONG, "lapsed", "Award lapsed 2022"),
              ("مؤسسة الأمل للإسكان والرعاية", "awarded", "C2C awarded 2024"),
              ("Café Ñandú — Zoë’s Trust 東京 مرکز 🏠", "pledged", "Pledged")]
    drawn = [json.loads(subprocess.run(
        [sys.executable, "-c", DRAW_IN_ORDER, str(ROOT / DEFAULT_FOLDER / "fonts"), json.dumps(order)], cwd=ROOT,
        capture_output=True, text=True, check=True, timeout=300).stdout) for order in (badges, badges[::-1])]
    assert drawn[0] == drawn[1]
