"""Real action plans (issue 15): month and "ongoing" deadlines, milestones, closed plans,
joint leads, outcomes and inherited targets; the overdue rules at fixed build dates, the
checks, and a 36-action closed plan built and read back as people see it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from c2c_registry import derive
from c2c_registry.model import Action, Commitment, Milestone, Organisation, Pledge
from c2c_registry.rules.leads import looks_like_full_name
from c2c_registry.urls import Urls
from c2c_registry.when import When, parse_when, when

from conftest import ROOT, build_site
from helpers import problems_after
from pagetext import by_class, main, page, text

REALPLAN = ROOT / "tests" / "fixtures" / "realplan"
PLAN = "marches-arden-partnership-2007"
PLEDGE = "pledges/alpha-trust-2021.md"
URLS = Urls()


def _plan(closed: date | None = None) -> Commitment:
    org = Organisation("o", "o.yaml", "O", "housing", ["rugby"], "s", "pledged")
    return Commitment("o-2007", "o-2007.md", org, date(2007, 1, 1), "workshop", date(2007, 2, 1), closed=closed)


def _action(due: str, status: str = "planned", closed: date | None = None) -> Action:
    c = _plan(closed)
    pledge = Pledge("p", "text", "recovery", [], c)
    action = Action(1, pledge, "do it", "recovery", when(due), "measure", status)
    c.pledges, c.actions = [pledge], [action]
    return action


# -- dates as plans write them ----------------------------------------------------------
def test_a_month_is_kept_as_a_month_and_ongoing_as_words():
    assert when("2008-04").words() == "April 2008" and when("2008-04").isoformat() == "2008-04"
    assert when("2008-04-15").words() == "15 April 2008" and when("ongoing").words() == "Ongoing"
    assert when("2008-02").last == date(2008, 2, 29)  # a leap year's February
    assert parse_when("2024-02-30") is None and parse_when("2008-13") is None and parse_when("ongoing") is None
    assert sorted([when("ongoing"), when("2008-04"), when("2008-03-31")]) == [
        when("2008-03-31"), when("2008-04"), When(None, "ongoing")]


@pytest.mark.parametrize("due, today, overdue", [
    ("2008-04-15", date(2008, 4, 15), False),  # due today
    ("2008-04-15", date(2008, 4, 16), True),
    ("2008-04", date(2008, 4, 30), False),  # a month is not over until its last day
    ("2008-04", date(2008, 5, 1), True),
    ("ongoing", date(2030, 1, 1), False),  # never overdue
])
def test_overdue_rules_for_dates_months_and_ongoing(due, today, overdue):
    assert derive.is_overdue(_action(due), today) is overdue
    assert derive.is_overdue(_action(due, status="done"), today) is False


def test_due_soon_counts_a_month_to_its_last_day():
    assert derive.is_due_soon(_action("2008-04"), date(2008, 4, 20), 30)
    assert derive.is_due_soon(_action("2008-05"), date(2008, 4, 20), 30) is False  # ends 31 May: 41 days
    assert derive.is_due_soon(_action("ongoing"), date(2008, 4, 20), 30) is False


def test_a_closed_plan_has_nothing_overdue_only_actions_not_completed():
    action = _action("2008-04", closed=date(2009, 3, 31))
    assert derive.is_overdue(action, date(2026, 11, 23)) is False
    assert derive.not_completed(action, date(2026, 11, 23)) is True
    # Before the closing date the plan is running: the month rule applies.
    assert derive.is_overdue(action, date(2008, 6, 1)) is True and not derive.not_completed(action, date(2008, 6, 1))
    done = _action("2008-04", status="done", closed=date(2009, 3, 31))
    assert not derive.not_completed(done, date(2026, 11, 23))
    c = action.commitment
    c.review_due = date(2008, 1, 1)
    assert not derive.is_due_for_review(c, date(2026, 11, 23)) and derive.is_due_for_review(c, date(2008, 6, 1))


@pytest.mark.parametrize("due, done, today, state", [
    ("2008-01", date(2008, 1, 31), date(2026, 1, 1), "met"),
    ("2008-01", date(2008, 2, 14), date(2026, 1, 1), "met-late"),
    ("2008-01-10", date(2008, 1, 11), date(2026, 1, 1), "met-late"),
    ("2008-06", None, date(2008, 6, 30), "upcoming"),
    ("2008-06", None, date(2008, 7, 1), "overdue"),
])
def test_milestone_states(due, done, today, state):
    assert derive.milestone_state(Milestone("m", when(due), done), _plan(), today) == state


def test_an_unmet_milestone_of_a_closed_plan_is_not_met_never_overdue():
    plan = _plan(closed=date(2009, 3, 31))
    assert derive.milestone_state(Milestone("m", when("2008-06")), plan, date(2026, 1, 1)) == "not-met"
    assert derive.milestone_state(Milestone("m", when("2008-06")), plan, date(2008, 7, 1)) == "overdue"


@pytest.mark.parametrize("lead, looks", [
    ("Jane Smith", True), ("Mary-Ann O'Neil (Rugby BC)", True), ("JC (Solihull MBC)", False), ("PM", False),
    ("Prevention Team Manager", False), ("Head of Housing", False), ("Street Outreach", False),
])
def test_a_lead_that_looks_like_a_persons_full_name(lead, looks):
    assert looks_like_full_name(lead) is looks


# -- what the checker says ------------------------------------------------------------
def test_new_fields_validate(tmp_path):
    new = ("  - id: culture\n    ref: \"3.1\"\n    client_groups: [prison-leavers]\n"
           "    lead: [JC (Solihull MBC), TR (Herefordshire C C)]\n    due: 2022-04\n"
           "    milestones: [{text: Protocol agreed, due: 2022-01, done: 2022-02-14}]\n")
    assert problems_after(tmp_path / 'c1', PLEDGE, "  - id: culture\n", new) == []
    assert problems_after(tmp_path / 'c2', PLEDGE, "held: 2021-05-12", "held: 2021-05") == []
    assert problems_after(tmp_path / 'c3', PLEDGE, "approach: roundtable", "approach: workshop") == []


def _one(problems):
    assert len(problems) == 1, problems
    return problems[0]


def test_a_deadline_in_words_is_refused_with_the_forms_that_work(tmp_path):
    problem = _one(problems_after(tmp_path / 'c4', PLEDGE, "due: 2022-01-01", "due: April 2008"))
    assert problem.rule == "bad-format" and "a month written YYYY-MM, or ongoing" in problem.message


def test_an_action_needs_a_deadline_from_itself_or_its_pledge(tmp_path):
    problem = _one(problems_after(tmp_path / 'c5', PLEDGE, "    due: 2022-01-01\n", ""))
    assert problem.rule == "required-field" and "add `due:` to the action or to the pledge" in problem.message


def test_a_pledges_outcome_is_one_of_the_plans_outcomes(tmp_path):
    problem = _one(problems_after(tmp_path / 'c6', PLEDGE, "  - id: culture\n",
                                  "  - id: culture\n    outcome: outcome-9\n"))
    assert problem.rule == "pledge-reference" and problem.field == "pledges[0].outcome"


def test_milestones_and_closing_are_not_before_the_session(tmp_path):
    early = "  - id: culture\n    milestones: [{text: Early, due: 2020-01}]\n"
    assert _one(problems_after(tmp_path / 'c7', PLEDGE, "  - id: culture\n", early)).rule == "date-order"
    assert _one(problems_after(tmp_path / 'c8', PLEDGE, "approved: 2021-06-01", "approved: 2021-06-01\nclosed: 2021-01-01")
                ).rule == "date-order"


def test_every_west_midlands_council_is_an_area(tmp_path):
    assert problems_after(tmp_path / 'c9', "organisations/alpha-trust.yaml", "areas: [", "areas: [nuneaton-and-bedworth, ") == []
    vocab = (ROOT / "schemas" / "vocabularies" / "areas.yaml").read_text()
    for slug, gss in [("telford-and-wrekin", "E06000020"), ("stoke-on-trent", "E06000021"),
                      ("stratford-on-avon", "E07000221"), ("newcastle-under-lyme", "E07000195"),
                      ("wyre-forest", "E07000239"), ("staffordshire", "E10000028")]:
        assert f"- id: {slug}\n  name: " in vocab and f"gss: {gss}" in vocab


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
