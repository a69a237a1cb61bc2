"""The seeded mutation fuzzer (tests/support/fuzz.py) over the tiny site's files, with the
validator in-process: each round breaks one file of a copy of tests/fixtures/tiny a few
ways at once and loads the registry. Whatever the input: no exception, a registry or
problems (never both), one line per problem in the `path:line:col: field: message [rule]`
shape, never the checker failing, and no control characters or Python internals in any
message. The seed makes every run the same; the rounds take a few seconds (about 10 ms
each). tests/build/test_fuzz_command.py runs the real command the same way.
"""

from __future__ import annotations

import random
import shutil

from c2c_registry.load.registry import load_registry

from support.fuzz import SEED, check_problem_lines, content_files, mutate
from support.project import TINY

ROUNDS = 500


def test_mutated_files_never_break_the_validator(tmp_path):
    rnd = random.Random(SEED)
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    files = content_files(content)
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
