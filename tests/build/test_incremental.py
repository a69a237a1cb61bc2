"""Rebuilds: a rebuild with warm caches, on every core, writes the same bytes as a cold
build in one process, and `c2c serve --watch` serves an edit without anyone running a
command."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from c2c_registry.urls import Urls

from support.clock import BUILD_DATE
from support.http_server import free_port
from support.project import C2C, ROOT, TINY


def _env(cache: Path) -> dict[str, str]:
    return {**os.environ, "C2C_PARSE_CACHE": str(cache / "parsed"), "C2C_IMAGE_CACHE": str(cache / "images")}


def _build(content: Path, output: Path, cache: Path, workers: str = "") -> None:
    result = subprocess.run(
        [*C2C, "build", "--content", str(content), "--output", str(output),
         "--build-date", BUILD_DATE, "--settings", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300, env={**_env(cache), "C2C_WORKERS": workers},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_rebuild_after_changes_writes_the_same_bytes_as_a_cold_build(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    _build(content, tmp_path / "first", tmp_path / "cache")  # fills the caches
    service = content / "services" / "canal-street-day-centre.yaml"
    service.write_text(service.read_text().replace("summary: ", "summary: Changed since the last build. ", 1))
    (content / "services" / "elmdon-community-pantry.yaml").unlink()
    organisation = content / "organisations" / "tamebridge-housing-association.yaml"
    organisation.write_text(organisation.read_text().replace("short_name: Tamebridge", "short_name: Tamebridge HA"))
    _build(content, tmp_path / "rebuilt", tmp_path / "cache")
    assert (tmp_path / "cache" / "parsed").is_dir()
    _build(content, tmp_path / "cold", tmp_path / "empty-cache", workers="1")

    rebuilt, cold = _files(tmp_path / "rebuilt"), _files(tmp_path / "cold")
    assert rebuilt.keys() == cold.keys()
    assert [name for name in rebuilt if rebuilt[name] != cold[name]] == []
    page = rebuilt[Urls().service("canal-street-day-centre") + "index.html"].decode()
    assert "Changed since the last build." in page
    assert Urls().service("elmdon-community-pantry") + "index.html" not in rebuilt


def test_a_cache_from_other_code_or_a_damaged_cache_is_not_used(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    cache = tmp_path / "cache"
    _build(content, tmp_path / "first", cache)
    [cached] = (cache / "parsed").iterdir()
    cached.write_bytes(b"not a cache")
    _build(content, tmp_path / "second", cache)
    assert _files(tmp_path / "first") == _files(tmp_path / "second")


def _validate(content: Path, cache: Path | None) -> subprocess.CompletedProcess:
    env = {**os.environ, "C2C_PARSE_CACHE": str(cache or content.parent / "no-cache-here")}
    if cache is None:
        shutil.rmtree(content.parent / "no-cache-here", ignore_errors=True)
    return subprocess.run([*C2C, "validate", "--content", str(content)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)


def test_after_a_few_edits_only_a_small_delta_of_the_parse_cache_is_written(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache"
    shutil.copytree(ROOT / "content", content)
    assert _validate(content, cache).returncode == 0
    [base] = cache.iterdir()
    written = base.stat().st_mtime_ns
    service = content / "services" / "canal-street-day-centre.yaml"
    text = service.read_text()

    steps = [text.replace("summary: ", "summary: Edited. ", 1), text.replace("name: ", "name: [Broken", 1),
             text.replace("summary: ", "summary: Edited. ", 1)]  # the last is taken from the delta
    results = []
    for step in steps:
        service.write_text(step)
        cached, fresh = _validate(content, cache), _validate(content, None)
        assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout)
        results.append(cached)
    assert [r.returncode for r in results] == [0, 1, 0]
    assert "services/canal-street-day-centre.yaml:3:9: (file): this is not valid YAML" in results[1].stdout
    assert base.stat().st_mtime_ns == written, "the whole cache was written again after one edit"
    assert sorted(p.name for p in cache.iterdir()) == sorted([base.name, base.name.replace(".pickle", ".delta.pickle")])

    for path in sorted((content / "services").glob("*.yaml"))[:10]:  # more than a twentieth: a new base
        path.write_text(path.read_text().replace("summary: ", "summary: Edited. ", 1))
    cached, fresh = _validate(content, cache), _validate(content, None)
    assert (cached.returncode, cached.stdout) == (fresh.returncode, fresh.stdout) and cached.returncode == 0
    assert [p.name for p in cache.iterdir()] == [base.name] and base.stat().st_mtime_ns != written


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return ""


def _wait_for(url: str, text: str, proc: subprocess.Popen, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "c2c serve --watch stopped"
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_watch_shows_a_saved_edit_and_keeps_the_last_good_site_on_a_mistake(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    port = free_port()
    log = tmp_path / "serve.log"
    proc = subprocess.Popen(
        [*C2C, "serve", "--watch", "--content", str(content), "--output",
         str(tmp_path / "output"), "--port", str(port), "--build-date", BUILD_DATE,
         "--settings", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, env=_env(tmp_path / "cache"), stdout=log.open("w"), stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}/{Urls().service('helpline')}"
        _wait_for(url, "Test Helpline", proc)
        service = content / "services" / "helpline.yaml"
        service.write_text(service.read_text().replace("name: Test Helpline", "name: Renamed Helpline"))
        _wait_for(url, "Renamed Helpline", proc)

        service.write_text(service.read_text().replace("name: Renamed Helpline", "name: [Broken"))
        deadline = time.monotonic() + 120
        while "still shows the last good build" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert "Renamed Helpline" in _get(url)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    output = log.read_text()
    assert "Rebuilt in" in output
    assert "[yaml-syntax]" in output and "still shows the last good build" in output
