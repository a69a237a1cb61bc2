"""The seeded mutation fuzzer (tests/support/fuzz.py) against the real `c2c validate`, as
CI runs it: several files broken at once, a file name holding a newline and a colon, and
a link out of content/. Exit 1, nothing on stderr, one `path:line:col: field: message
[rule]` line per problem and the summary line (the in-process rounds are in
tests/unit/test_fuzz_validator.py)."""

from __future__ import annotations

import os
import random
import shutil
import subprocess

from support.clock import BUILD_DATE
from support.content_corpus import SUMMARY_LINE
from support.fuzz import SEED, check_problem_lines, content_files, mutate
from support.project import C2C, TINY

COMMAND_RUNS = 3


def test_the_real_command_on_many_broken_files_and_names(tmp_path):
    """The installed `c2c validate`, as CI runs it: several files broken at once, plus a
    file whose name holds a newline and a colon and one that is a link out of content/."""
    rnd = random.Random(SEED + 1)
    for run in range(COMMAND_RUNS):
        content = tmp_path / f"run{run}" / "content"
        shutil.copytree(TINY, content)
        for path in rnd.sample(content_files(content), 3):
            path.write_text(mutate(path.read_text("utf-8"), rnd), "utf-8", errors="surrogatepass")
        (content / "services" / f"odd\nname: x [vocabulary]{run}.yaml").write_text("name: x\n")
        (content / "organisations" / "outside.yaml").symlink_to("/etc/passwd")
        result = subprocess.run([*C2C, "validate", "--content", str(content),
                                 "--build-date", BUILD_DATE],
                                capture_output=True, text=True, timeout=60,
                                env={"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "false",
                                     **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}})
        where = f"run {run}"
        assert result.returncode == 1, f"{where}: exit {result.returncode}\n{result.stdout[-2000:]}{result.stderr[-2000:]}"
        assert result.stderr == "", f"{where}: {result.stderr[-2000:]}"
        *lines, summary = result.stdout.splitlines()
        assert SUMMARY_LINE.match(summary), f"{where}: {summary!r}"
        assert summary.startswith(f"{len(lines)} problem"), f"{where}: one line per problem, but {summary!r}"
        check_problem_lines(lines, where)
        assert "root:" not in result.stdout
