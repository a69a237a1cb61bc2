"""A real 36-action closed plan (tests/fixtures/realplan) built and read back as people
see it: every action, milestone and lead shown and nothing overdue, inherited targets
once under their pledge, progress counting milestones, the same plan before it closed
with its month deadlines overdue, and exports writing months and "ongoing" as written.
The rules themselves are tests/unit/test_real_plans.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from c2c_registry.urls import Urls

from support.page_text import by_class, main, page, text
from support.project import ROOT, build_site

REALPLAN = ROOT / "tests" / "fixtures" / "realplan"
PLAN = "marches-arden-partnership-2007"
URLS = Urls()


# -- a 36-action closed plan, built ---------------------------------------------------
@pytest.fixture(scope="module")
def realplan(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("realplan") / "output"
    result = build_site(REALPLAN, out)
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def test_the_closed_plan_shows_every_action_milestone_and_lead_and_nothing_overdue(realplan):
    body = text(main(page(realplan, f"/pledges/{PLAN}/")))
    for n in range(1, 37):
        assert f"Action {n:02d} text" in body
    for n in range(1, 7):
        for words in (f"Result {n} text", f"Result {n} target", f"Result {n} resources", f"Result {n} partner group",
                      f"Result {n} milestone met on time", f"Result {n} milestone never met"):
            assert words in body
    for words in ("Outcome one text", "JC (Shropshire C C) and TR (Herefordshire C C)", "XY (Nuneaton and Bedworth BC)",
                  "April 2008", "Ongoing", "Met late", "Not met when the plan closed", "Plan closed on 31 March 2009",
                  "not completed when the plan closed", "Action 03 partner", "Action 03 milestone"):
        assert words in body, words
    assert "overdue" not in body.lower()
    assert "2008-04" not in body and "1 April 2008" not in body  # a month is never shown as an invented day


def test_inherited_targets_show_once_under_the_pledge(realplan):
    plan = by_class(main(page(realplan, f"/pledges/{PLAN}/")), "app-plan", "section")[0]
    assert text(plan).count("Result 1 target") == 1
    records = by_class(plan, "app-action", "li")
    assert len(records) == 36
    own = [r for r in records if "Action 01 own measure" in text(r)][0]
    assert "How impact is tracked" in text(own)
    inherited = [r for r in records if "Action 02 text" in text(r)][0]
    assert "How impact is tracked" not in text(inherited) and "Lead" not in text(inherited)


def _cells(site: Path, attribute: str) -> dict[str, str]:
    return {td.get(attribute): text(td) for td in main(page(site, "/progress/")).iter("td") if td.get(attribute)}


def test_progress_counts_milestones_and_leaves_the_closed_plan_out_of_overdue(realplan):
    assert _cells(realplan, "data-status")["overdue"] == "0"
    assert _cells(realplan, "data-milestones") == {"met": "6", "met-late": "6", "overdue": "0", "upcoming": "0",
                                                   "not-met": "12"}
    assert _cells(realplan, "data-closed") == {"not-completed": "24"}


def test_the_same_plan_before_it_closed_has_month_deadlines_overdue(tmp_path):
    out = tmp_path / "output"
    assert build_site(REALPLAN, out, "2008-07-01").returncode == 0
    figures = _cells(out, "data-milestones")
    assert figures["overdue"] == "12" and figures["met"] == "6" and figures["met-late"] == "6"
    assert int(_cells(out, "data-status")["overdue"]) > 0
    assert "Overdue" in text(main(page(out, f"/pledges/{PLAN}/")))


def test_exports_write_months_and_ongoing_as_written(realplan):
    actions = json.loads((realplan / URLS.data_table("actions", "json")).read_text())
    dues = {a["due"] for a in actions}
    assert {"2008-04", "ongoing", "2008-10"} <= dues
    assert all(a["overdue"] is False for a in actions) and sum(a["not_completed"] for a in actions) == 24
    pledges = json.loads((realplan / URLS.data_table("pledges", "json")).read_text())
    assert pledges[0]["ref"] == "1.1" and pledges[0]["lead"] == ["JC (Shropshire C C)", "TR (Herefordshire C C)"]
