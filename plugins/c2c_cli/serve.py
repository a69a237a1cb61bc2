"""`c2c serve`: the built site on this computer, as a host would serve it; with
`--watch`, built first and rebuilt on every change (watch.py).

Python's own server answers a missing address with a bare error page; a real host
serves the site's not-found page (with its "find a homelessness service" link), so this
one does too, with status 404.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
from pathlib import Path

from c2c_registry.urls import Urls

from . import options


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_output(parser, "the built site")
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    parser.add_argument("--watch", action="store_true",
                        help="build first, then rebuild whenever a file in the content folder, schemas/ or theme/ changes")
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


def serve(output: Path, port: int) -> int:
    if not (output / "index.html").is_file():
        print(f"c2c: there is no built site in {output}; run `c2c build` (or `make html`) first", file=sys.stderr)
        return 2
    handler = functools.partial(SiteHandler, directory=str(output))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Serving {output} on http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
    return 0
