"""Content-quality warnings (c2c_registry.rules.quality and leads) on the tiny site with
one edit each: the line a person reads for each. What `c2c validate` prints with them is
tests/build/test_validate.py."""

from __future__ import annotations

from datetime import date

import pytest

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.leads import looks_like_full_name
from c2c_registry.rules.quality import quality_warnings

from support.project import TINY
from support.tiny_site import edit, tiny_copy

PLEDGE = "pledges/alpha-trust-2021.md"
TODAY = date(2026, 11, 23)


def warnings_after(tmp_path, old: str, new: str, relpath: str = PLEDGE, more: list | None = None) -> list[str]:
    """The warnings one edit of the tiny site adds (the tiny site has some of its own)."""
    before = {(w.field, w.message) for w in quality_warnings(load_registry(TINY)[0], TODAY, 365)}
    content = tiny_copy(tmp_path)
    for a, b in [(old, new), *(more or [])]:
        edit(content, relpath, a, b)
    registry, problems = load_registry(content)
    assert problems == [], [p.plain() for p in problems]
    return [w.plain() for w in quality_warnings(registry, TODAY, 365) if (w.field, w.message) not in before]


@pytest.mark.rule("pledge-without-action")
def test_a_pledge_no_action_delivers_is_a_warning(tmp_path):
    assert warnings_after(tmp_path, "  - pledge: settle\n", "  - pledge: move\n") == [
        "content/pledges/alpha-trust-2021.md:38:9: pledges[5].id: no action in the plan delivers the pledge "
        "'settle'; add an action with `pledge: settle` [pledge-without-action]"]


@pytest.mark.rule("action-lead-measure")
def test_an_action_without_a_lead_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "    lead: JT\n", "")
    assert found == ["content/pledges/alpha-trust-2021.md:42:13: actions[0].pledge: this action has no lead; add "
                     "`lead:` with initials or a role title, e.g. 'Housing Services Manager' [action-lead-measure]"]


@pytest.mark.rule("lead-full-name")
def test_a_lead_written_as_a_full_name_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "lead: JT", "lead: Jane Smith")
    assert len(found) == 1 and "actions[0].lead: 'Jane Smith' looks like a person's full name" in found[0]


@pytest.mark.parametrize("lead, person", [
    ("Jane Smith", True), ("Mary-Ann O'Neill", True), ("Ade Bello Okoro", True),
    ("Jane Smith and Tom Jones", True), ("Jane Smith & Tom Jones", True), ("Jane Smith, Tom Jones", True),
    ("Mary-Ann O'Neil (Rugby BC)", True), ("Seán McDonald", True), ("Ludwig van Beethoven", True),
    ("JS", False), ("Head of Nursing", False), ("Housing Services Manager", False), ("Team Leader", False),
    ("Volunteer Coordinator", False), ("WMCA", False), ("Jane", False), ("Street Outreach", False),
    ("Housing Options", False), ("Head of Inclusion", False), ("JC (Solihull MBC)", False),
    ("XY (Nuneaton and Bedworth BC)", False), ("Station Commander (Prevention)", False),
    ("Homelessness Team Managers", False), ("Tom and Jerry", False), ("PM", False),
    ("Prevention Team Manager", False), ("Head of Housing", False),
])
def test_what_looks_like_a_full_name(lead, person):
    assert looks_like_full_name(lead) is person


@pytest.mark.rule("deadline-before-approval")
def test_an_open_deadline_already_past_at_approval_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "due: 2026-01-31", "due: 2021-05-20")
    assert found == ["content/pledges/alpha-trust-2021.md:45:10: actions[0].due: the deadline (2021-05-20) had "
                     "already passed when the plan was approved (2021-06-01); give a new deadline or mark the "
                     "action done [deadline-before-approval]"]


@pytest.mark.rule("stage-without-pledge")
def test_a_stage_the_discussion_raised_without_a_pledge_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "      stages: [crisis-prevention-and-relief]\n  opportunities",
                           "      stages: [settled-home]\n  opportunities",
                           more=[("stage: settled-home", "stage: move-on-support")])
    assert found == ["content/pledges/alpha-trust-2021.md:16:15: discussion.gaps[0].stages: the discussion raised "
                     "the stage 'Settled Home' but no pledge is at that stage; add a pledge for it or say in the "
                     "story why not [stage-without-pledge]"]


@pytest.mark.rule("stale-service")
def test_a_service_not_verified_for_a_year_is_a_warning():
    found = [w.plain() for w in quality_warnings(load_registry(TINY)[0], TODAY, 365)]
    assert ("tiny/services/helpline.yaml:12:16: last_verified: not verified since 2024-01-01 (more than 365 "
            "days); check the listing with the provider and update `last_verified:` [stale-service]") in found
