"""Work spread over the machine's cores by forked worker processes.

Rendering pages and drawing badges are most of a build, and each page or badge is
independent of the others. Workers are forked, so they inherit the work list (views,
templates, fonts) without it being copied; only each result comes back, in order, so the
files written are the same whichever process made them and however many there are.
C2C_WORKERS (an environment variable) sets how many: 1 does everything in this process.
A worker gathers copies of the pages of memory it touches (Python's reference counts
write to every object read), so each is replaced by a fresh fork after MAX_CHUNKS
shares of the work. `in_background` runs one job (the search index) beside the build.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_jobs: list[Callable[[], Any]] = []  # set before forking; read by the workers
_background: list[Any] = []  # forked children writing files while the build goes on


def workers() -> int:
    """C2C_WORKERS, else the number of cores."""
    try:
        return max(1, int(os.environ.get("C2C_WORKERS") or os.cpu_count() or 1))
    except ValueError:
        return 1


def _run(index: int) -> Any:
    return _jobs[index]()


FEW = 24  # fewer jobs than this are done here: starting the workers would take longer
MAX_CHUNKS = 16  # then a worker is replaced by a fresh fork: what it gathered (copied pages, caches) is let go


def forked_map(jobs: Sequence[Callable[[], Any]]) -> Iterator[Any]:
    """`job()` for each job, in order, computed on every core."""
    count = min(workers(), len(jobs))
    if count < 2 or len(jobs) < FEW or "fork" not in multiprocessing.get_all_start_methods():
        yield from (job() for job in jobs)
        return
    _jobs[:] = jobs
    gc.freeze()  # the collector leaves what the workers inherit alone: fewer pages copied into each
    try:
        with multiprocessing.get_context("fork").Pool(count, maxtasksperchild=MAX_CHUNKS) as pool:
            yield from pool.imap(_run, range(len(jobs)), chunksize=max(1, min(64, len(jobs) // (count * 8))))
    finally:
        gc.unfreeze()
        _jobs.clear()


def in_background(job: Callable[[], None], name: str) -> None:
    """Run `job`, which writes files and returns nothing, in a forked child while the
    build goes on (the search index: a rebuild renders a few pages but indexes every
    document); `finish_background` waits for it. With one worker, here and now."""
    if workers() < 2 or "fork" not in multiprocessing.get_all_start_methods():
        job()
        return
    child = multiprocessing.get_context("fork").Process(target=job, name=name)
    child.start()
    _background.append(child)


def finish_background() -> None:
    """Wait for every job `in_background` started; one that failed (its error is printed
    by the child) stops the build."""
    failed = []
    while _background:
        child = _background.pop(0)
        child.join()
        if child.exitcode != 0:
            failed.append(child.name)
    if failed:
        raise RuntimeError(f"writing {' and '.join(failed)} failed: the error is printed above")
