"""Pages in content/pages/ and the built site: no page may take a folder or file the build
writes, and what the validator accepts, Pelican builds at the address the validator
expects (the header itself is read in tests/unit/test_content_pages.py)."""

from __future__ import annotations

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.names import RESERVED_PAGE_SLUGS, site_top_level_names
from c2c_registry.urls import Urls

from support.content_corpus import write_files
from support.project import build_site
from support.tiny_site import tiny_copy


def test_no_page_may_take_a_folder_or_file_of_the_built_site(tiny_site):
    """Every top-level name the real build writes, other than the home page and the
    content pages themselves, is reserved, and the reserved list comes from the URL map."""
    written = {path.name for path in tiny_site.iterdir()}
    content_pages = {"about"}  # tests/fixtures/tiny/pages
    assert written - content_pages - {"index.html"} <= set(RESERVED_PAGE_SLUGS)
    assert set(RESERVED_PAGE_SLUGS) == set(site_top_level_names(Urls()))
    assert {"directory", "organisations", "pledges", "stages", "progress", "theme"} <= set(RESERVED_PAGE_SLUGS)


def test_what_the_validator_accepts_pelican_builds_at_the_expected_address(tmp_path):
    """A page without Slug: lives at its file name (the URL map sets SLUGIFY_SOURCE), and
    every field the validator allows is one Pelican builds with."""
    content = tiny_copy(tmp_path)
    write_files(content, {
        "pages/our-work.md": "Title: Our work: a note\nDate: 2026-06-01 10:30\nModified: 2026-06-02\n"
                             "Summary: What we do\nStatus: hidden\n\nSome text.\n",
    })
    assert load_registry(content)[1] == []
    out = tmp_path / "out"
    result = build_site(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Our work: a note" in (out / "our-work" / "index.html").read_text("utf-8")
