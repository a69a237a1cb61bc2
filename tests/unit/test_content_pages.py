"""Pages in content/pages/ go through the validator: their metadata lines, read with line
numbers as Python-Markdown reads them, and their dates, accepted only as Pelican reads
them (what the build makes of them is in tests/build/test_content_page_addresses.py)."""

from __future__ import annotations

import pytest

from c2c_registry.load.pages import parse_header
from c2c_registry.load.registry import load_registry

from support.content_corpus import write_files
from support.tiny_site import tiny_copy


def test_the_header_is_read_as_python_markdown_reads_it_with_line_numbers():
    text = "---\nTitle: About us\n  slug:   about-us\nSummary: One line\n    and its continuation\n...\nBody: not a field\n"
    data, smap, problems = parse_header(text, "content/pages/a.md")
    assert problems == []
    assert data == {"Title": "About us", "Slug": "about-us", "Summary": "One line\nand its continuation"}
    assert (smap.key(("Slug",)).line, smap.key(("Slug",)).column, smap.value(("Slug",)).column) == (3, 3, 11)
    # the header ends at the first blank line or at a line that is not a field
    data, _, _ = parse_header("Title: A\n\nDate: not metadata\n", "p")
    assert data == {"Title": "A"}
    data, _, _ = parse_header("Title: A\nThis line starts the text\nSlug: text-too\n", "p")
    assert data == {"Title": "A"}


# Dates as someone might write them on a page.
DATES = ["2026-06-01", "2026-06-01 10:30", "2026-06-01T10:30:00", "2026-6-1", "01/06/2026", "03/04/2026",
         "1 June 2026", "June 2026", "2026-02-30", "31/02/2024", "tomorrow", "2026-06-01 25:00", "yesterday at noon",
         "2026-13-01", "20260601"]


@pytest.mark.parametrize("text", DATES)
def test_a_page_date_is_accepted_only_if_pelican_reads_it_as_written(tmp_path, text):
    """Whatever Pelican (dateutil) cannot read is refused. So is what it reads in a way a
    UK author does not mean (03/04/2026 is 4 March to it) or only by guessing, so only
    YYYY-MM-DD, with an optional time, passes, and Pelican reads every such date exactly."""
    from pelican.utils import get_date

    content = tiny_copy(tmp_path)
    write_files(content, {"pages/dated.md": f"Title: Dated\nDate: {text}\n\nText.\n"})
    _, problems = load_registry(content)
    try:
        pelican_reads = get_date(text)
    except ValueError:
        pelican_reads = None
    if not problems:
        assert pelican_reads is not None and pelican_reads.isoformat().startswith(text.replace(" ", "T")[:16])
    else:
        assert [(p.field, p.line, p.rule) for p in problems] == [("Date", 2, "bad-format")]
    if pelican_reads is None:
        assert problems, f"Pelican cannot read {text!r}, so the validator must refuse it"
