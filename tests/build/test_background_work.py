"""Work a build runs in a forked child beside the rest (the search index): finished
before anything reads what it writes, and a failure there stops the build with the
child's error, never a site without its index."""

from __future__ import annotations

import subprocess
import sys

from support.project import ROOT

SCRIPT = """
import sys
from pathlib import Path
from c2c_views.parallel import finish_background, in_background
out = Path(sys.argv[1])
def write():
    import time; time.sleep(0.5)
    (out / "written.txt").write_text("done")
def fail():
    raise ValueError("the glossary has a loop")
in_background(write, "the test file")
if len(sys.argv) > 2:
    in_background(fail, "the search index")
finish_background()
print("read", (out / "written.txt").read_text())
"""


def run(tmp_path, *extra: str, workers: str = "2") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path), *extra], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "plugins"),
                                                       "C2C_WORKERS": workers})


def test_what_a_child_writes_is_there_once_the_build_waits_for_it(tmp_path):
    for workers in ("2", "1"):  # in a child, or here and now
        result = run(tmp_path, workers=workers)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "read done"
        (tmp_path / "written.txt").unlink()


def test_a_failed_child_stops_the_build_with_its_error(tmp_path):
    result = run(tmp_path, "fail")
    assert result.returncode != 0
    assert "ValueError: the glossary has a loop" in result.stderr  # the child's own error
    assert "writing the search index failed: the error is printed above" in result.stderr
    assert "read done" not in result.stdout
