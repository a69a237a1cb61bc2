"""`c2c serve`: a built site at a local address, answering a missing address with the
site's own 404 page, and a plain sentence when there is nothing built to serve."""

import socket
import struct
import subprocess
import urllib.error
import urllib.request

import pytest

from support.http_server import free_port
from support.project import C2C, ROOT, run_c2c


def test_serve_answers_a_missing_address_with_the_sites_own_404_page(tiny_site):
    port = free_port()
    server = subprocess.Popen([*C2C, "serve", "--output", str(tiny_site), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/organisations/") as response:
            assert response.status == 200 and b"Alpha Health Trust" in response.read()
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/")
        assert missing.value.code == 404
        body = missing.value.read().decode()
        assert "<h1 class=\"govuk-heading-xl\">Page not found</h1>" in body and "find a homelessness service" in body
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_built_site_says_what_to_do(tmp_path):
    result = run_c2c("serve", "--output", str(tmp_path / "nothing"))
    assert result.returncode == 2 and "run `c2c build`" in result.stderr


def test_a_browser_leaving_before_a_file_has_loaded_prints_no_traceback(tmp_path):
    """A reader on a phone who taps on before a page has loaded closes the connection
    while the server is still sending: the terminal shows the request, not a traceback."""
    (tmp_path / "index.html").write_text("<!doctype html><title>Site</title>")
    (tmp_path / "large.json").write_bytes(b"[" + b"0," * 10_000_000 + b"0]")  # more than the socket buffers hold
    port = free_port()
    server = subprocess.Popen([*C2C, "serve", "--output", str(tmp_path), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert f"http://127.0.0.1:{port}/" in server.stdout.readline()
        for _ in range(3):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /large.json HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                assert client.recv(1024).startswith(b"HTTP/1.0 200")
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # close at once
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:  # still serving
            assert response.status == 200
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=10)
    assert errors.count('"GET /large.json HTTP/1.1" 200') == 3
    assert "Traceback" not in errors and "Error" not in errors
