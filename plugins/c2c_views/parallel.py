"""Work spread over the machine's cores by forked worker processes.

Rendering pages and drawing badges are most of a build, and each page or badge is
independent of the others. Workers are forked, so they inherit the work list (views,
templates, fonts) without it being copied; only each result comes back, in order, so the
files written are the same whichever process made them and however many there are.
C2C_WORKERS (an environment variable) sets how many: 1 does everything in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_jobs: list[Callable[[], Any]] = []  # set before forking; read by the workers


def workers() -> int:
    """C2C_WORKERS, else the number of cores."""
    try:
        return max(1, int(os.environ.get("C2C_WORKERS") or os.cpu_count() or 1))
    except ValueError:
        return 1


def _run(index: int) -> Any:
    return _jobs[index]()


FEW = 24  # fewer jobs than this are done here: starting the workers would take longer


def forked_map(jobs: Sequence[Callable[[], Any]]) -> Iterator[Any]:
    """`job()` for each job, in order, computed on every core."""
    count = min(workers(), len(jobs))
    if count < 2 or len(jobs) < FEW or "fork" not in multiprocessing.get_all_start_methods():
        yield from (job() for job in jobs)
        return
    _jobs[:] = jobs
    try:
        with multiprocessing.get_context("fork").Pool(count) as pool:
            yield from pool.imap(_run, range(len(jobs)), chunksize=max(1, min(64, len(jobs) // (count * 8))))
    finally:
        _jobs.clear()
