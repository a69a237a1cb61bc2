"""Real action plans: month and "ongoing" deadlines, milestones, closed plans, joint leads,
outcomes and inherited targets; the overdue rules at fixed build dates and the checks, as
plain functions. A real closed plan built and read back is
tests/build/test_real_plan_pages.py."""

from __future__ import annotations

from datetime import date

import pytest

from c2c_registry import derive
from c2c_registry.model import Action, Commitment, Milestone, Organisation, Pledge
from c2c_registry.urls import Urls
from c2c_registry.when import When, parse_when, when

from support.project import ROOT
from support.tiny_site import problems_after

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
