"""Colours that mean one thing each, and badge writing readable at the size offered.

A status (planned, in progress, done, dropped) has its tag's colour; a part of the
pathway (Prevent, Help, Create pathways, and the upstream chart's prevention, crisis and
after crisis) has a colour of its own, the same on the home page, the charts and the
badge's ring, and never a status's. The badge's smallest writing is at least 12 px at
the smallest size the badge check pages offer to embed."""

from __future__ import annotations

import re

from c2c_badges.fonts import FontSet
from c2c_badges.layout import CANVAS, STAGE_COLOURS, badge_layout
from c2c_registry.load.registry import load_registry
from c2c_views.charts import GROUP_COLOURS, PART_COLOURS, STATUS_COLOURS

from support.page_text import by_class, main, page
from support.project import ROOT

LEGIBLE_PX = 12


def test_no_colour_means_both_a_status_and_a_part_of_the_pathway():
    statuses, parts = set(STATUS_COLOURS.values()), set(GROUP_COLOURS.values())
    assert not statuses & parts
    assert set(PART_COLOURS.values()) == parts
    assert set(STAGE_COLOURS) == parts  # the badge's ring


def test_the_stylesheet_draws_the_pathway_in_the_same_colours():
    scss = (ROOT / "theme" / "scss" / "app.scss").read_text("utf-8")
    for block in ("app-pathway__stage", "app-stage-grid__group"):
        default = re.search(rf"\.{block} {{ border-top: 6px solid (#[0-9a-f]{{6}})", scss).group(1)
        assert default == GROUP_COLOURS["prevent"], block
        for group in ("help", "create-pathways"):
            found = re.search(rf"\.{block}--{group} {{ border-top-color: (#[0-9a-f]{{6}}); }}", scss).group(1)
            assert found == GROUP_COLOURS[group], (block, group)


def test_the_progress_charts_use_status_colours_for_statuses_and_part_colours_for_parts(site):
    svg = "{http://www.w3.org/2000/svg}"
    charts = {chart.get("aria-label"): chart for chart in main(page(site, "/progress/")).iter(svg + "svg")}
    fills = {name: {r.get("fill") for r in chart.iter(svg + "rect")} for name, chart in charts.items()}
    assert fills["Actions by status"] <= set(STATUS_COLOURS.values())
    assert fills["Actions by stage and status"] <= set(STATUS_COLOURS.values())
    assert fills["Prevention, crisis and after crisis"] == set(PART_COLOURS.values())


def smallest_text_px(name: str, width: int) -> float:
    """The badge's smallest writing (header, name, status; not the emblem) at `width` CSS px."""
    layout = badge_layout(name, "Awarded 2026", "awarded", True, FontSet(), artwork=False)
    return min(t.size for t in layout.texts) * width / CANVAS[0]


def test_badge_writing_is_legible_at_the_smallest_size_offered(site):
    registry, _ = load_registry(ROOT / "content")
    widths = {}
    for org in registry.organisations.values():
        snippet = by_class(main(page(site, f"/badges/{org.slug}/")), "app-snippet", "textarea")
        if snippet:
            widths[org.name] = int(re.search(r'width="(\d+)"', snippet[0].text).group(1))
    assert widths, "the sample content should have badges to embed"
    smallest = min(widths.values())
    for name in widths:
        assert smallest_text_px(name, smallest) >= LEGIBLE_PX, name
    # The longest name a badge can take is fitted no smaller, and ends in an ellipsis.
    assert smallest_text_px("The Very Long Named Partnership " * 12, smallest) >= LEGIBLE_PX
    # The badges page shows each at that size too, never smaller.
    for img in main(page(site, "/badges/")).iter("img"):
        assert int(img.get("width")) >= smallest
