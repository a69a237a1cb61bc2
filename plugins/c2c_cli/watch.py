"""`c2c serve --watch`: serve the site, rebuild it the moment a file it is built from is
saved, and reload the browser.

For staff editing content on their own computer: save a file and the page in the
browser shows it. The folders are watched with the operating system's file events
(watchfiles), not by polling. Each rebuild is an ordinary `c2c build` into the same
folder, so it renders only the pages the saved file touches and publishes only the
files that changed (c2c_views/reuse.py, publish.py); it runs in a child of a process
that has everything imported already (rebuilder.py), so a failed or crashed rebuild
cannot take the server down and the last good site stays up. A file with a problem
prints the usual report.

The saved file's own page comes first: once the content is checked and the views made,
the build renders the page of each record in a saved file as its writer queues it
(c2c_views/writing.py, `FirstPages`) and writes it into a folder beside the site,
`.<output>-first`, which this server serves before the site itself. A browser on that
page reloads then; the rest of the site follows when the build is published, and the
folder is emptied. The published site is only ever a whole build: the page is rendered
again with the others, and a build that fails after showing it takes it back.

The browser reloads by itself: every HTML page this server sends carries one more
script, `reload.js` below, served from the site's own address (so the site's
Content-Security-Policy allows it) and never written into the site. It listens to an
event stream that says which pages each change is for.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from c2c_registry.package_data import schema_dir
from c2c_registry.urls import save_as

from .serve import serve

# Not part of the site: served by the watch server only. The query keeps both out of
# the site's service worker's caches, which never keep an address with one.
WATCH = "/__c2c-watch/"
SCRIPT = f"{WATCH}reload.js?watch"
EVENTS = f"{WATCH}events?watch"
RELOAD_JS = """// Served by `c2c serve --watch` only, never part of the published site: reloads the
// page when a rebuild has changed it. Each change says which pages it is for: `only`
// these (the saved file's page, shown before the rest is built), or every page
// `except` these (the whole site, but for pages already shown as they now are).
(function () {
  var here = window.location.pathname;
  var seen = null;
  var source = new EventSource(EVENTS);
  source.onmessage = function (event) {
    var change = JSON.parse(event.data);
    if (seen === null || change.v <= seen) { seen = Math.max(seen || 0, change.v); return; }
    seen = change.v;
    var mine = change.only ? change.only.indexOf(here) >= 0 : (change.except || []).indexOf(here) < 0;
    if (mine) { source.close(); window.location.reload(); }
  };
})();
""".replace("EVENTS", json.dumps(EVENTS))


class Live:
    """The changes the browsers are told of, numbered, and a way to wait for the next."""

    def __init__(self) -> None:
        self.messages = [json.dumps({"v": 0})]  # message n is change n, as the event stream sends it
        self._changed = threading.Condition()
        self.stopping = False

    @property
    def version(self) -> int:
        return len(self.messages) - 1

    def published(self, only: Sequence[str] | None = None, unchanged: Sequence[str] = ()) -> None:
        """A change to the pages `only` (their paths), else to every page but `unchanged`."""
        with self._changed:
            which = {"only": list(only)} if only is not None else {"except": list(unchanged)}
            self.messages.append(json.dumps({"v": len(self.messages), **which}))
            self._changed.notify_all()

    def wait(self, seen: int, seconds: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.version != seen or self.stopping, timeout=seconds)
            return self.version

    def stop(self) -> None:
        with self._changed:
            self.stopping = True
            self._changed.notify_all()


def _builder(build_args: list[str]):
    if hasattr(os, "fork"):
        from .rebuilder import Rebuilder

        return Rebuilder(build_args)
    return _Subprocess(build_args)


class _Subprocess:
    """Where processes cannot fork: each rebuild a new `c2c build` process."""

    def __init__(self, build_args: list[str]):
        self.build_args = build_args

    def build(self, *_first: Any) -> int:  # no pages first: the build is a process of its own
        import subprocess
        import sys

        return subprocess.run([sys.executable, "-m", "c2c_cli", "build", *self.build_args]).returncode

    def restart(self) -> None:
        pass

    def close(self) -> None:
        pass


def rebuild(builder, live: Live | None, saved: Sequence[str] = (), first: Path | None = None,
            output: Path | None = None) -> int:
    """One build; with `saved` files, their pages shown first from the folder `first`
    (each browser on one of them reloads at once), then every other page once the
    whole site is published."""
    started = time.perf_counter()
    shown: list[str] = []

    def show(url: str) -> None:
        shown.append(url)
        if live is not None:
            live.published(only=[f"/{url}"])
        print(f"Showing /{url} after {time.perf_counter() - started:.1f} s; building the rest.", flush=True)
    code = builder.build(saved, first, show) if saved and first is not None else builder.build()
    # Pages shown first that the published site now has byte for byte need no second reload.
    same = [f"/{url}" for url in shown if first is not None and output is not None
            and _same_bytes(first / save_as(url), output / save_as(url))]
    if first is not None:
        shutil.rmtree(first, ignore_errors=True)
    if code == 0:
        if live is not None:
            live.published(unchanged=same)
        print(f"Rebuilt in {time.perf_counter() - started:.1f} s; the browser reloads by itself.", flush=True)
    else:
        if live is not None and shown:
            live.published(only=[f"/{url}" for url in shown])  # back to the last good site
        print("The site was not rebuilt; it still shows the last good build. Fix the problems above and save "
              "again.", flush=True)
    return code


def _same_bytes(a: Path, b: Path) -> bool:
    try:
        return a.read_bytes() == b.read_bytes()
    except OSError:
        return False


FIRST_AT_MOST = 10  # saved files whose pages are shown first; more (`c2c fmt`, a git checkout) wait for the build


def saved_content(changes: set[tuple[Any, str]], content: Path) -> list[str]:
    """The content files among the changes that are there (saved or added), sorted; none
    when there are more than a person saves at once."""
    folder = content.resolve()
    saved = sorted(p for _, p in changes if Path(p).resolve().is_relative_to(folder) and Path(p).is_file())
    return saved if len(saved) <= FIRST_AT_MOST else []


def _interrupted(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve_and_watch(args: argparse.Namespace) -> int:
    """Build, serve, and rebuild on every change to the content, the schemas, the theme
    or the plugins' code (which first starts a new build process)."""
    import watchfiles

    content, output, settings = Path(args.content), Path(args.output), Path(args.settings)
    project = settings.resolve().parent
    code_folder = Path(__file__).resolve().parents[1]
    folders = [content, schema_dir(), project / "theme", code_folder]
    build_args = ["--content", str(content), "--output", str(output), "--settings", str(settings)]
    if args.build_date:
        build_args += ["--build-date", args.build_date]
    signal.signal(signal.SIGTERM, _interrupted)  # stopped by another program: clean up as for Ctrl+C
    builder = _builder(build_args)
    live = Live()
    first = output.with_name(f".{output.name}-first")  # the saved files' pages, before the rest is built
    watched = [f for f in folders if f.is_dir()]
    saves = watchfiles.watch(*watched, debounce=60, step=20, yield_on_timeout=True, rust_timeout=500)
    try:
        # The folders are watched before the first build starts (the first answer comes
        # within rust_timeout; what it holds the build below reads anyway): a file saved
        # while it runs, or the moment the site is served, is rebuilt, not missed.
        next(saves)
        if rebuild(builder, None) != 0 and not (output / "index.html").is_file():
            return 1
        shutil.rmtree(first, ignore_errors=True)
        server = threading.Thread(target=serve, args=(output, args.port), kwargs={"live": live, "first": first},
                                  daemon=True)
        server.start()
        print(f"Watching {', '.join(str(f) for f in watched)} for changes.", flush=True)
        for changes in saves:
            if not server.is_alive():
                return 2  # the server stopped: the port was taken, say (serve printed why)
            if not changes:
                continue
            if any(Path(path).is_relative_to(code_folder) and path.endswith(".py") for _, path in changes):
                print("The plugins' code changed: starting a new build process.", flush=True)
                builder.restart()
            rebuild(builder, live, saved_content(changes, content), first, output)
    except KeyboardInterrupt:
        return 0
    finally:
        saves.close()
        live.stop()
        builder.close()
        shutil.rmtree(first, ignore_errors=True)
    return 0
