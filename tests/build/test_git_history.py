""""Last changed" from git: a real repository, a shallow clone, no repository at all."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

from c2c_registry.urls import Urls
from c2c_views.history import changes

from support.git_repo import git
from support.project import ROOT


def _repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "content" / "services").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "content" / "services" / "old.yaml").write_text("a\n")
    (repo / "content" / "services" / "new.yaml").write_text("a\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "first", day="2026-01-05")
    (repo / "content" / "services" / "other.txt").write_text("c\n")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "second", day="2026-02-01")
    (repo / "content" / "services" / "new.yaml").write_text("b\n")
    git(repo, "commit", "-qam", "third", day="2026-03-09")
    return repo


SOURCES = ["content/services/old.yaml", "content/services/new.yaml"]


def test_dates_come_from_the_newest_commit_of_each_file_with_a_history_link(tmp_path):
    repo = _repository(tmp_path)
    found = changes(repo / "content", SOURCES, "https://github.com/example/c2c/")
    assert found["content/services/old.yaml"].date == date(2026, 1, 5)
    assert found["content/services/new.yaml"].date == date(2026, 3, 9)
    assert found["content/services/new.yaml"].history_url == \
        "https://github.com/example/c2c/commits/HEAD/content/services/new.yaml"
    assert changes(repo / "content", SOURCES, "")["content/services/new.yaml"].history_url == ""


def test_a_shallow_clone_gives_no_date_where_history_is_cut(tmp_path):
    repo = _repository(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], check=True)
    found = changes(clone / "content", SOURCES, "")
    assert found["content/services/new.yaml"].date == date(2026, 3, 9)  # changed after the cut
    assert found["content/services/old.yaml"].date is None  # its real date is before the cut: unknown


def test_outside_a_git_checkout_there_are_no_dates(tmp_path):
    (tmp_path / "content" / "services").mkdir(parents=True)
    (tmp_path / "content" / "services" / "old.yaml").write_text("a\n")
    found = changes(tmp_path / "content", SOURCES[:1], "https://github.com/example/c2c")
    assert found["content/services/old.yaml"].date is None
    assert found["content/services/old.yaml"].history_url == ""


def test_pages_say_when_their_file_last_changed(site):
    urls = Urls()
    for url in (urls.organisation("tamebridge-housing-association"), urls.service("canal-street-day-centre")):
        html = (site / url / "index.html").read_text("utf-8")
        assert 'class="govuk-body-s app-last-changed">Last changed ' in html, url
    for path in (ROOT / "content" / "pledges").glob("*.md"):
        html = (site / urls.commitment(path.stem) / "index.html").read_text("utf-8")
        assert "Last changed " in html
        break
