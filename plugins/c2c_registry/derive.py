"""State derived from the registry and the build date: never stored, never the clock.

Pure functions, so every page, feed and export agrees on what "overdue" means.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from .model import Action, Commitment, DiscussionItem, Organisation, Pledge, Registry, Service

OPEN_STATUSES = ("planned", "in-progress")
ACTION_STATUSES = ("planned", "in-progress", "done", "dropped")
PREVENTION_STAGES = ("universal-prevention", "targeted-prevention")
CRISIS_STAGES = ("crisis-prevention-and-relief",)


def is_overdue(action: Action, today: date) -> bool:
    return action.status in OPEN_STATUSES and action.due < today


def is_due_soon(action: Action, today: date, days: int) -> bool:
    return action.status in OPEN_STATUSES and today <= action.due <= today + timedelta(days=days)


def is_due_for_review(commitment: Commitment, today: date) -> bool:
    return commitment.review_due is not None and commitment.review_due < today


def is_stale(service: Service, today: date, days: int) -> bool:
    return (today - service.last_verified).days > days


def has_badge(org: Organisation) -> bool:
    return org.c2c_status == "awarded"


@dataclass
class Slice:
    """Everything in the registry that falls under one stage, theme, area or sector."""

    pledges: list[Pledge] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    discussion: list[DiscussionItem] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)

    @property
    def organisations(self) -> list[Organisation]:
        seen: dict[str, Organisation] = {}
        items: list[Pledge | Action | DiscussionItem] = [*self.pledges, *self.actions, *self.discussion]
        for item in items:
            seen.setdefault(item.commitment.organisation.slug, item.commitment.organisation)
        return sorted(seen.values(), key=lambda o: o.name.lower())

    def by_organisation(self) -> list[tuple[Organisation, Slice]]:
        """The slice split per organisation, for pages grouped that way."""
        groups: dict[str, Slice] = {}
        for attr in ("pledges", "actions", "discussion"):
            for item in getattr(self, attr):
                getattr(groups.setdefault(item.commitment.organisation.slug, Slice()), attr).append(item)
        orgs = {o.slug: o for o in self.organisations}
        return [(orgs[slug], groups[slug]) for slug in sorted(groups, key=lambda s: orgs[s].name.lower())]

    @property
    def empty(self) -> bool:
        return not (self.pledges or self.actions or self.discussion or self.services)

    def where(self, dimension: str, term: str) -> Slice:
        """This slice narrowed by another dimension (e.g. a stage's pledges in one area)."""
        keep = _MATCHERS[dimension]
        return Slice(
            [p for p in self.pledges if keep(p.commitment.organisation, [p.stage], p.themes, term)],
            [a for a in self.actions if keep(a.commitment.organisation, [a.stage], a.pledge.themes, term)],
            [d for d in self.discussion if keep(d.commitment.organisation, d.stages, [], term)],
            [s for s in self.services if _service_matches(s, dimension, term)],
        )


_MATCHERS = {
    "stages": lambda org, stages, themes, t: t in stages,
    "themes": lambda org, stages, themes, t: t in themes,
    "areas": lambda org, stages, themes, t: t in org.areas,
    "sectors": lambda org, stages, themes, t: org.sector == t,
}


def _service_matches(service: Service, dimension: str, term: str) -> bool:
    if dimension == "sectors":
        return service.organisation is not None and service.organisation.sector == term
    return term in {"stages": service.stages, "themes": service.themes, "areas": service.areas}[dimension]


def everything(registry: Registry) -> Slice:
    return Slice(registry.pledges, registry.actions, registry.discussion, list(registry.services.values()))


def cut(registry: Registry, dimension: str, term: str) -> Slice:
    """The slice for one term: `cut(r, "stages", "recovery")`."""
    return everything(registry).where(dimension, term)


@dataclass
class Progress:
    """Figures for the progress page, all for one build date."""

    today: date
    by_status: dict[str, int]
    by_stage: dict[str, dict[str, int]]  # stage -> status -> count
    overdue: list[Action]
    due_soon: list[Action]
    review_due: list[Commitment]
    upstream: dict[str, dict[str, int]]  # pledges/actions -> prevention/crisis/other
    matrix: dict[str, dict[str, int]]  # stage -> area -> pledges


def progress(registry: Registry, today: date, due_soon_days: int) -> Progress:
    actions = registry.actions
    stages = list(registry.vocab["stages"])
    areas = list(registry.vocab["areas"])
    by_status = {s: 0 for s in ACTION_STATUSES} | dict(Counter(a.status for a in actions))
    by_stage = {st: {s: 0 for s in ACTION_STATUSES} for st in stages}
    for a in actions:
        by_stage[a.stage][a.status] += 1
    matrix = {st: {ar: 0 for ar in areas} for st in stages}
    for p in registry.pledges:
        for ar in p.commitment.organisation.areas:
            matrix[p.stage][ar] += 1
    return Progress(
        today=today,
        by_status=by_status,
        by_stage=by_stage,
        overdue=sorted((a for a in actions if is_overdue(a, today)), key=_action_order),
        due_soon=sorted((a for a in actions if is_due_soon(a, today, due_soon_days)), key=_action_order),
        review_due=sorted((c for c in registry.commitments.values() if is_due_for_review(c, today)),
                          key=lambda c: (c.review_due, c.slug)),
        upstream={"pledges": _upstream([p.stage for p in registry.pledges]),
                  "actions": _upstream([a.stage for a in actions])},
        matrix=matrix,
    )


def _upstream(stages: list[str]) -> dict[str, int]:
    counts = {"prevention": 0, "crisis": 0, "after crisis": 0}
    for st in stages:
        key = "prevention" if st in PREVENTION_STAGES else "crisis" if st in CRISIS_STAGES else "after crisis"
        counts[key] += 1
    return counts


def _action_order(a: Action) -> tuple:
    return (a.due, a.commitment.slug, a.number)
