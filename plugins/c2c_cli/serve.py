"""`c2c serve`: the built site on this computer, as a host would serve it; with
`--watch`, built first and rebuilt on every change (watch.py).

Python's own server answers a missing address with a bare error page; a real host
serves the site's not-found page (with its "find a homelessness service" link), so this
one does too, with status 404. With --watch, every HTML page it sends carries the
watch's reload script, and it answers that script's two addresses (watch.py); the files
of the site are never changed.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import sys
from pathlib import Path
from typing import Any

from c2c_registry.urls import Urls

from . import options


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_output(parser, "the built site")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    parser.add_argument("--watch", action="store_true",
                        help="build first, then rebuild whenever a file in the content folder, schemas/, theme/ or "
                             "the plugins changes; the browser reloads by itself")
    options.add_content(parser, "with --watch: content folder")
    options.add_settings(parser, "with --watch: Pelican settings file")
    options.add_build_date(parser, "with --watch: the date to build as")


def run(args: argparse.Namespace) -> int:
    if args.watch:
        from .watch import serve_and_watch

        return serve_and_watch(args)
    return serve(Path(args.output), args.port)


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Static files from the site folder; the site's 404 page for anything missing."""

    live: Any = None  # with --watch: the watch's Live, for the reload script and its events
    first: Path | None = None  # with --watch: the saved files' pages, served before the site's own

    def do_GET(self) -> None:
        if self.live is not None and self.path.startswith("/__c2c-watch/"):
            self._watch()
            return
        super().do_GET()

    def send_head(self):
        """With --watch, an HTML page with the reload script added, and never cached."""
        if self.live is None:
            return super().send_head()
        path = Path(self.translate_path(self.path))
        page = path / "index.html" if self.path.split("?")[0].endswith("/") else path
        shown_first = self.first / page.relative_to(self.directory) if self.first is not None else None
        if shown_first is not None and shown_first.is_file():
            page = shown_first
        if page.suffix != ".html" or not page.is_file():
            return super().send_head()
        from .watch import SCRIPT

        body = page.read_bytes().replace(b"</body>", f'<script src="{SCRIPT}" defer></script></body>'.encode(), 1)
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def _watch(self) -> None:
        from .watch import EVENTS, RELOAD_JS, SCRIPT

        if self.path == SCRIPT:
            body = RELOAD_JS.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
        elif self.path == EVENTS:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = None
            try:
                while not self.live.stopping:
                    version = self.live.version if seen is None else self.live.wait(seen, 15)
                    # Every change since the last sent, in order: a page shown first is not missed.
                    news = [self.live.messages[version]] if seen is None else self.live.messages[seen + 1:version + 1]
                    self.wfile.write("".join(f"data: {m}\n\n" for m in news).encode() or b": still here\n\n")
                    self.wfile.flush()
                    seen = version
            except (BrokenPipeError, ConnectionResetError):
                pass
        else:
            self.send_error(404)

    def log_message(self, format: str, *args: Any) -> None:
        if self.live is None:
            super().log_message(format, *args)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / Urls().not_found()
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class SiteServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that leaves a page before it has loaded closes its connections: not
        worth a traceback in the terminal (any other error is printed, as the standard
        server does)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(output: Path, port: int, live: Any = None, first: Path | None = None) -> int:
    if not (output / "index.html").is_file():
        print(f"c2c: there is no built site in {output}; run `c2c build` (or `make html`) first", file=sys.stderr)
        return 2
    handler = functools.partial(type("Handler", (SiteHandler,), {"live": live, "first": first}),
                                directory=str(output))
    with SiteServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {output} on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0
