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

The browser reloads by itself: every HTML page this server sends carries one more
script, `reload.js` below, served from the site's own address (so the site's
Content-Security-Policy allows it) and never written into the site. It listens to an
event stream that says when a rebuild has been published.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from pathlib import Path

from c2c_registry.package_data import schema_dir

from .serve import serve

# Not part of the site: served by the watch server only. The query keeps both out of
# the site's service worker's caches, which never keep an address with one.
WATCH = "/__c2c-watch/"
SCRIPT = f"{WATCH}reload.js?watch"
EVENTS = f"{WATCH}events?watch"
RELOAD_JS = """// Served by `c2c serve --watch` only, never part of the published site: reloads the
// page when the site has been rebuilt.
(function () {
  var seen = null;
  var source = new EventSource(EVENTS);
  source.onmessage = function (event) {
    if (seen === null) { seen = event.data; return; }
    if (event.data !== seen) { source.close(); window.location.reload(); }
  };
})();
""".replace("EVENTS", json.dumps(EVENTS))


class Live:
    """The number of the build being served, and a way to wait for the next."""

    def __init__(self) -> None:
        self.version = 0
        self._changed = threading.Condition()
        self.stopping = False

    def published(self) -> None:
        with self._changed:
            self.version += 1
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

    def build(self) -> int:
        import subprocess
        import sys

        return subprocess.run([sys.executable, "-m", "c2c_cli", "build", *self.build_args]).returncode

    def restart(self) -> None:
        pass

    def close(self) -> None:
        pass


def rebuild(builder, live: Live | None) -> int:
    started = time.perf_counter()
    code = builder.build()
    if code == 0:
        if live is not None:
            live.published()
        print(f"Rebuilt in {time.perf_counter() - started:.1f} s; the browser reloads by itself.", flush=True)
    else:
        print("The site was not rebuilt; it still shows the last good build. Fix the problems above and save "
              "again.", flush=True)
    return code


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
    builder = _builder(build_args)
    live = Live()
    try:
        if rebuild(builder, None) != 0 and not (output / "index.html").is_file():
            return 1
        server = threading.Thread(target=serve, args=(output, args.port), kwargs={"live": live}, daemon=True)
        server.start()
        print(f"Watching {', '.join(str(f) for f in folders if f.is_dir())} for changes.", flush=True)
        stop = threading.Event()
        for changes in watchfiles.watch(*(f for f in folders if f.is_dir()), debounce=60, step=20,
                                        stop_event=stop, yield_on_timeout=True, rust_timeout=500):
            if not server.is_alive():
                return 2  # the server stopped: the port was taken, say (serve printed why)
            if not changes:
                continue
            if any(Path(path).is_relative_to(code_folder) and path.endswith(".py") for _, path in changes):
                print("The plugins' code changed: starting a new build process.", flush=True)
                builder.restart()
            rebuild(builder, live)
    except KeyboardInterrupt:
        return 0
    finally:
        live.stop()
        builder.close()
    return 0
