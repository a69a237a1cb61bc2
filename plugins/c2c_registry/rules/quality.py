"""Content-quality warnings: what a reviewer should look at, never a reason to refuse.

A warning is a Problem whose rule is registered as a warning in rules.py: it prints the
same way (`path:line:col: field: message [rule]`) and shows on the pull request, but
`c2c validate` and `c2c build` still pass unless C2C_WARNINGS_AS_ERRORS (or
`--warnings-as-errors`) says otherwise. Each check is one function over the typed
registry; dates go through `derive`, so "stale" means what the directory shows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date

from .. import derive
from ..model import Commitment, Registry
from .leads import people_named
from .problems import Problem, shown


def _at(registry: Registry, source: str, where: tuple, message: str, rule: str) -> Problem:
    """A warning at the value at `where` in the file `source`."""
    f = registry.sources.get(source)
    if f is None:
        return Problem(source, 1, 1, ".".join(str(p) for p in where) or "(file)", message, rule)
    return f.problem(rule, where, message)


def _pledge_index(registry: Registry, commitment: Commitment, pledge_id: str) -> int:
    f = registry.sources.get(commitment.source)
    pledges = f.data.get("pledges", []) if f is not None else []
    return next((i for i, p in enumerate(pledges) if p.get("id") == pledge_id), 0)


Warn = Callable[[Registry, date, int], Iterable[Problem]]


def pledge_without_action(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    for c in registry.commitments.values():
        delivered = {a.pledge.id for a in c.actions}
        for p in c.pledges:
            if p.id not in delivered:
                i = _pledge_index(registry, c, p.id)
                yield _at(registry, c.source, ("pledges", i, "id"),
                          f"no action in the plan delivers the pledge {shown(p.id)}; add an action with "
                          f"`pledge: {p.id}`", "pledge-without-action")


def action_lead_measure(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    for c in registry.commitments.values():
        for a in c.actions:
            where = ("actions", a.number - 1)
            if not a.leads:
                yield _at(registry, c.source, where + ("pledge",),
                          "this action has no lead; add `lead:` with initials or a role title, e.g. "
                          "'Housing Services Manager'", "action-lead-measure")
            if not str(a.measure or "").strip():
                yield _at(registry, c.source, where + ("pledge",),
                          "this action does not say how its impact is tracked; add `measure:`",
                          "action-lead-measure")


def lead_full_name(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    """Each person named in full in a pledge's lead or an action's own lead (one it takes
    from its pledge is the pledge's), person by person: one warning per person of a
    joint lead, at the lead as written."""
    for c in registry.commitments.values():
        f = registry.sources.get(c.source)
        for section in ("pledges", "actions"):
            for i, item in enumerate(f.data.get(section, []) if f is not None else []):
                lead = item.get("lead")
                for n, text in enumerate(lead if isinstance(lead, list) else [lead] if lead else []):
                    where = (section, i, "lead") + ((n,) if isinstance(lead, list) else ())
                    for person in people_named(text):
                        yield _at(registry, c.source, where,
                                  f"{shown(person)} looks like a person's full name; the plan is published, so "
                                  "write initials (e.g. 'JS') or a role title (e.g. 'Housing Services Manager')",
                                  "lead-full-name")


def deadline_before_approval(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    for c in registry.commitments.values():
        for a in c.actions:
            due = a.due  # a day or a month (passed once its last day is before approval); never ongoing
            if "due" not in a.inherited and due.passed(c.approved) and a.status in derive.OPEN_STATUSES:
                yield _at(registry, c.source, ("actions", a.number - 1, "due"),
                          f"the deadline ({due.isoformat()}) had already passed when the plan was approved "
                          f"({c.approved.isoformat()}); give a new deadline or mark the action done",
                          "deadline-before-approval")


def stage_without_pledge(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    """A stage the discussion log raised (a gap or an opportunity) with no pledge at it."""
    names = registry.vocab.get("stages", {})
    for c in registry.commitments.values():
        pledged = {p.stage for p in c.pledges}
        raised: dict[str, int] = {}
        for n, d in enumerate(c.discussion):
            for stage in d.stages:
                if d.section != "in_place":
                    raised.setdefault(stage, n)
        for stage in (s for s in names if s in raised and s not in pledged):
            item = c.discussion[raised[stage]]
            index = [d for d in c.discussion if d.section == item.section].index(item)
            yield _at(registry, c.source, ("discussion", item.section, index, "stages"),
                      f"the discussion raised the stage '{names[stage].name}' but no pledge is at that stage; "
                      "add a pledge for it or say in the story why not", "stage-without-pledge")


def stale_service(registry: Registry, today: date, stale_days: int) -> Iterator[Problem]:
    for s in registry.services.values():
        if derive.is_listed(s) and derive.is_stale(s, today, stale_days):
            yield _at(registry, s.source, ("last_verified",),
                      f"not verified since {s.last_verified.isoformat()} (more than {stale_days} days); check the "
                      "listing with the provider and update `last_verified:`", "stale-service")


WARNINGS: tuple[Warn, ...] = (pledge_without_action, action_lead_measure, lead_full_name,
                              deadline_before_approval, stage_without_pledge, stale_service)


def quality_warnings(registry: Registry, today: date, stale_days: int) -> list[Problem]:
    """Every content-quality warning for the registry as of `today`, sorted."""
    found: set[Problem] = set()
    for warn in WARNINGS:
        found.update(warn(registry, today, stale_days))
    return sorted(found)
