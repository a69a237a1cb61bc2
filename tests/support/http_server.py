"""A real HTTP server for a built site, on a free loopback port."""

from __future__ import annotations

import functools
import http.server
import socket
import threading
from pathlib import Path

from c2c_cli.serve import SiteServer


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """Serve `directory` in a thread; returns (base_url, server). Call server.shutdown()."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = SiteServer(("127.0.0.1", 0), handler)  # the site server's handling of closed connections
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


def free_port() -> int:
    """A loopback port nothing listens on now, for a command that starts its own server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
