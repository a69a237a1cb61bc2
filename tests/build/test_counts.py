"""Counts say what they count, and agree: the home page's number of services is the
directory's, and a number is never bare in brackets ("(3)"), always "(3 services)" or
"(2 pledges, 5 actions)"."""

from __future__ import annotations

import re

from support.page_kinds import page_path


def test_counts_say_what_they_count_and_agree(site):
    home = (site / "index.html").read_text()
    directory = (site / "directory" / "index.html").read_text()
    listed = re.search(r'class="js-result-count">(\d+) services<', directory).group(1)
    assert re.search(rf'app-stats__number">{listed}</span> services in the directory', home)
    stage = (site / page_path(site, "stage").strip("/") / "index.html").read_text()
    assert not re.search(r"\(\d+\)", stage), "a bare number in brackets"
    assert re.search(r'<span class="app-muted">\(\d+ pledges?, \d+ actions?\)</span>', stage)
    assert not re.search(r"</a> <span class=\"app-muted\">\(\d+\)", directory), "browse links say 'services'"
