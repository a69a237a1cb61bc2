"""`c2c serve --watch`: serve the site and rebuild it whenever a file it is built from changes.

For staff editing content on their own computer: save a file, reload the browser. Each
rebuild is an ordinary `c2c build` in a fresh process (so a failed or killed rebuild
cannot take the server down), which swaps the new site in only when it is complete; the
server keeps answering from the old site until then. Rebuilds are quick because parsed
files and badge images are cached (.cache/). A file with a problem prints the usual
report and the last good site stays up.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from c2c_registry.package_data import schema_dir

from .serve import serve

POLL_SECONDS = 0.3


def snapshot(folders: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(modified time, size) of every file under `folders`: two snapshots differ when a
    file was added, removed, renamed or saved. Links are not followed."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "__pycache__")
            for name in files:
                path = os.path.join(root, name)
                try:
                    info = os.lstat(path)
                except OSError:  # deleted while we looked: the next snapshot has it gone
                    continue
                seen[path] = (info.st_mtime_ns, info.st_size)
    return seen


def rebuild(build_args: list[str]) -> int:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "c2c_cli", "build", *build_args])
    if result.returncode == 0:
        print(f"Rebuilt in {time.perf_counter() - started:.1f} s; reload the page to see it.", flush=True)
    else:
        print("The site was not rebuilt; it still shows the last good build. Fix the problems above and save "
              "again.", flush=True)
    return result.returncode


def serve_and_watch(args: argparse.Namespace) -> int:
    """Build, serve, and rebuild on every change to the content, the schemas or the theme."""
    content, output, settings = Path(args.content), Path(args.output), Path(args.settings)
    folders = [content, schema_dir(), settings.resolve().parent / "theme"]
    build_args = ["--content", str(content), "--output", str(output), "--settings", str(settings)]
    if args.build_date:
        build_args += ["--build-date", args.build_date]
    before = snapshot(folders)
    if rebuild(build_args) != 0 and not (output / "index.html").is_file():
        return 1
    server = threading.Thread(target=serve, args=(output, args.port), daemon=True)
    server.start()
    print(f"Watching {', '.join(str(f) for f in folders)} for changes.", flush=True)
    try:
        while server.is_alive():
            time.sleep(POLL_SECONDS)
            now = snapshot(folders)
            if now != before:
                time.sleep(POLL_SECONDS)  # let an editor finish saving
                before = snapshot(folders)
                rebuild(build_args)
    except KeyboardInterrupt:
        return 0
    return 2  # the server stopped: the port was taken, say (serve printed why)
