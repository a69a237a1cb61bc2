"""`c2c serve`: a built site at a local address, answering a missing address with the
site's own 404 page, and a plain sentence when there is nothing built to serve."""

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
