"""`c2c serve --watch` on a copy of the sample content, for the tests of the watch loop."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from c2c_registry.urls import Urls

from support.clock import BUILD_DATE
from support.http_server import free_port
from support.project import C2C, ROOT

URLS = Urls()
SERVICE = "canal-street-day-centre"


class Watching:
    """`c2c serve --watch` on a copy of the sample content, its output in a log."""

    def __init__(self, tmp_path: Path, own_theme: bool = False):
        self.content = tmp_path / "content"
        shutil.copytree(ROOT / "content", self.content)
        settings = ROOT / "pelicanconf.py"
        if own_theme:  # a copy of the theme, to be changed, and settings that build with it
            self.theme = tmp_path / "theme"
            shutil.copytree(ROOT / "theme", self.theme, ignore=shutil.ignore_patterns("scss"))
            settings = tmp_path / "pelicanconf.py"
            settings.write_text((ROOT / "pelicanconf.py").read_text()
                                + f"\nTHEME = {str(self.theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n")
        self.output = tmp_path / "output"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tmp_path / "serve.log"
        env = {**os.environ, "C2C_EXPLAIN": "1", "C2C_PARSE_CACHE": str(tmp_path / "cache" / "parsed"),
               "C2C_IMAGE_CACHE": str(tmp_path / "cache" / "images")}
        self.proc = subprocess.Popen(
            [*C2C, "serve", "--watch", "--content", str(self.content), "--output", str(self.output),
             "--port", str(self.port), "--build-date", BUILD_DATE, "--settings", str(settings)],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)

    def said(self) -> str:
        return self.log.read_text()

    def get(self, url: str) -> tuple[str, str]:
        """(body, content type) of a URL of the site, or ("", "") when it cannot be had."""
        try:
            with urllib.request.urlopen(self.base + url, timeout=10) as response:
                return response.read().decode(), response.headers.get("Content-Type", "")
        except OSError:
            return "", ""

    def wait_for(self, url: str, text: str, seconds: float = 180) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "c2c serve --watch stopped:\n" + self.said()
            body, _ = self.get(url)
            if text in body:
                return body
            time.sleep(0.1)
        raise AssertionError(f"{url} never showed {text!r}:\n{self.said()[-3000:]}")

    def edit(self, old: str, new: str) -> None:
        path = self.content / "services" / f"{SERVICE}.yaml"
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def start_watching(tmp_path: Path, own_theme: bool = False):
    """A running watch whose first build has been served; stop() it when done."""
    watch = Watching(tmp_path, own_theme)
    try:
        watch.wait_for(URLS.service(SERVICE), "Canal Street Day Centre")
    except BaseException:
        watch.stop()
        raise
    return watch


def rendered(explained: str) -> list[str]:
    return re.findall(r"^rendered /(\S*): ", explained, re.M)
