"""A seeded mutation fuzzer over the tiny site's files.

Each round breaks one file of a copy of tests/fixtures/tiny a few ways at once (a YAML
token or an odd character dropped in, a span cut out, a line repeated or re-indented, a
value replaced, the file cut short) and runs the validator in-process; a few rounds break
several files, and file names, and run the real `c2c validate` command. Whatever the
input: no exception, exit 0 or 1 (never 2, the checker failing), one line per problem in
the `path:line:col: field: message [rule]` shape, and no control characters or Python
internals in any message. The seed makes every run the same; the rounds are bounded to
a few seconds (about 10 ms each).
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.problems import unsafe_char

from conftest import BUILD_DATE, C2C, TINY
from corpus import PROBLEM_SHAPE, SUMMARY_LINE, internals

SEED = 20269  # change it to explore; keep it fixed in the suite
ROUNDS = 500
COMMAND_RUNS = 3
MAX_LINE = 1500

# What gets dropped into a file: YAML syntax, typed values, odd characters.
TOKENS = [
    "\n", ": ", ":", "- ", "-", " ", "  ", "\t", "#", "[", "]", "{", "}", ",", "'", '"', "\\", "&a ", "*a", "!!str ",
    "!x ", "? ", "|", ">", "---\n", "...\n", "~", "null", ".nan", ".inf", "-.inf", ".NaN", "yes", "no", "on",
    "17:00", "1e999", "0x1F", "0o17", "2024-02-30", "2024-13-01", "12/05/2024", "99999999999999999999999",
    "x" * 400, "\x1b[31m", "\x00", "\x07", "\x85", "\u2028", "\u200b", "\u202e", "\ufeff", "\ud7ff", "é", "🏠",
    "<script>alert(1)</script>", "javascript:alert(1)", '"\\e"', '"\\0"', '"\\x07"', '"\\u2028"', '"\\ud800"',
    "{x: 1}", "[a, b]", "''", '""', "' '", '"\\t"', "%", "@", "`", "Title: ", "Slug: directory", "Date: 03/04/2026",
    "Save_as: index.html", "Status: draft", "beta-housign", "alpha-trust", "test-organisatoin",
]


def mutate(text: str, rnd: random.Random) -> str:
    """`text` broken one to three ways."""
    for _ in range(rnd.randint(1, 3)):
        lines = text.split("\n")
        kind = rnd.randrange(8)
        at = rnd.randrange(len(text) + 1)
        if kind <= 2:  # the most telling: drop a token anywhere
            text = text[:at] + rnd.choice(TOKENS) + text[at:]
        elif kind == 3:  # cut a span out
            text = text[:at] + text[at + rnd.randint(1, 40):]
        elif kind == 4 and len(lines) > 1:  # repeat or move a line
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines.insert(j, lines[i] if rnd.random() < 0.5 else lines.pop(i))
            text = "\n".join(lines)
        elif kind == 5:  # re-indent a line
            i = rnd.randrange(len(lines))
            lines[i] = " " * rnd.choice([0, 1, 3, 4, 8]) + lines[i].lstrip()
            text = "\n".join(lines)
        elif kind == 6:  # replace a value
            i = rnd.randrange(len(lines))
            if ": " in lines[i]:
                lines[i] = lines[i].split(": ", 1)[0] + ": " + rnd.choice(TOKENS).strip("\n")
                text = "\n".join(lines)
        else:  # cut the file short
            text = text[:at]
    return text


def check_problem_lines(lines: list[str], where: str) -> None:
    for line in lines:
        shape = PROBLEM_SHAPE.match(line)
        assert shape, f"{where}: not a problem line: {line[:300]!r}"
        assert shape["rule"] != "checker-failed", f"{where}: the checker failed: {line[:300]!r}"
        assert not any(unsafe_char(c) for c in line), f"{where}: an unsafe character in {line[:300]!r}"
        assert len(line) < MAX_LINE, f"{where}: a line of {len(line)} characters: {line[:300]!r}"
        assert not internals(shape["message"]), f"{where}: Python or parser internals in {line[:300]!r}"


def _content_files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file())


def test_mutated_files_never_break_the_validator(tmp_path):
    rnd = random.Random(SEED)
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    files = _content_files(content)
    originals = {path: path.read_text("utf-8") for path in files}
    refused = 0
    for round_number in range(ROUNDS):
        path = rnd.choice(files)
        broken = mutate(originals[path], rnd)
        path.write_text(broken, "utf-8", errors="surrogatepass")
        where = f"round {round_number}, {path.relative_to(tmp_path)} = {broken[:400]!r}"
        try:
            registry, problems = load_registry(content)
        finally:
            path.write_text(originals[path], "utf-8")
        assert (registry is None) == bool(problems), where
        lines = [p.plain() for p in problems]
        assert len(lines) == len(set(lines)), f"{where}: a problem reported twice"
        check_problem_lines(lines, where)
        refused += bool(problems)
    assert refused > ROUNDS // 2, "the mutations hardly break anything: the fuzzer has stopped fuzzing"


def test_the_real_command_on_many_broken_files_and_names(tmp_path):
    """The installed `c2c validate`, as CI runs it: several files broken at once, plus a
    file whose name holds a newline and a colon and one that is a link out of content/."""
    rnd = random.Random(SEED + 1)
    for run in range(COMMAND_RUNS):
        content = tmp_path / f"run{run}" / "content"
        shutil.copytree(TINY, content)
        for path in rnd.sample(_content_files(content), 3):
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
