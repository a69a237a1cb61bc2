"""State derived from the registry and the build date: never stored, never the clock.

Pure functions, so every page, feed, export and the browser's filters agree on what
"overdue" means and on what belongs where. Each membership rule is one function here:
- a region-wide record (`areas: [west-midlands]`) covers every area;
- a service for `everyone` is for every client group;
- referral `both` is both a self-referral and a professional-referral route.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from .model import Action, Commitment, DiscussionItem, Milestone, Organisation, Pledge, Registry, Service

OPEN_STATUSES = ("planned", "in-progress")
ACTION_STATUSES = ("planned", "in-progress", "done", "dropped")
PREVENTION_STAGES = ("universal-prevention", "targeted-prevention")
CRISIS_STAGES = ("crisis-prevention-and-relief",)
REGION = "west-midlands"  # the areas vocabulary's id for the whole region
EVERYONE = "everyone"  # the client-groups vocabulary's id for "anyone"
REFERRAL_ROUTES = ("self", "professional")


def is_closed(commitment: Commitment, today: date) -> bool:
    """The plan has ended by `today`: nothing in it is overdue or due any more."""
    return commitment.closed is not None and commitment.closed <= today


def is_overdue(action: Action, today: date) -> bool:
    """Open, in a plan still running, and past its deadline: a day after the date, a
    month after the month has ended; "ongoing" never."""
    return action.status in OPEN_STATUSES and not is_closed(action.commitment, today) and action.due.passed(today)


def is_due_soon(action: Action, today: date, days: int) -> bool:
    """Open and its deadline (a month's last day) falls in the next `days` days."""
    last = action.due.last
    return (action.status in OPEN_STATUSES and not is_closed(action.commitment, today)
            and last is not None and today <= last <= today + timedelta(days=days))


def not_completed(action: Action, today: date) -> bool:
    """Still open when its plan closed: "not completed when the plan closed"."""
    return action.status in OPEN_STATUSES and is_closed(action.commitment, today)


def is_due_for_review(commitment: Commitment, today: date) -> bool:
    return (commitment.review_due is not None and commitment.review_due < today
            and not is_closed(commitment, today))


MILESTONE_STATES = ("met", "met-late", "overdue", "upcoming", "not-met")


def milestone_state(milestone: Milestone, commitment: Commitment, today: date) -> str:
    """`met` (on or before its date), `met-late`, `overdue` (not met, date passed, plan
    running), `not-met` (not met when the plan closed) or `upcoming`."""
    due = milestone.due
    if milestone.done is not None:
        last = due.last
        return "met-late" if last is not None and milestone.done > last else "met"
    if is_closed(commitment, today):
        return "not-met"
    return "overdue" if due.passed(today) else "upcoming"


def milestones_of(commitment: Commitment) -> list[Milestone]:
    """Every milestone of a plan, the pledges' then the actions'."""
    return [m for p in commitment.pledges for m in p.milestones] + [m for a in commitment.actions for m in a.milestones]


def is_stale(service: Service, today: date, days: int) -> bool:
    return (today - service.last_verified).days > days


# -- the C2C award: one rule for badges, pages, counts and exports ---------------------
AWARD_STATES = ("awarded", "renewal-overdue", "lapsed", "withdrawn", "pledged")
HOLDING = ("awarded", "renewal-overdue")  # awarded and not (yet) lapsed or withdrawn by WMCA


def award_state(org: Organisation, today: date, grace_days: int) -> str:
    """Where an organisation stands with the award on `today`: `awarded`, or
    `renewal-overdue` once `renewal_due` plus `grace_days` has passed without a renewal
    (WMCA decides when it lapses, so the file's status stays `awarded` until then);
    otherwise its status as written: `lapsed`, `withdrawn` or `pledged`."""
    if org.c2c_status != "awarded":
        return org.c2c_status
    if org.renewal_due is not None and today > org.renewal_due + timedelta(days=grace_days):
        return "renewal-overdue"
    return "awarded"


def holds_award(org: Organisation, today: date, grace_days: int) -> bool:
    """Still holds the award, perhaps with its renewal overdue: gets the embed snippets
    and the award in JSON-LD."""
    return award_state(org, today, grace_days) in HOLDING


def renewal_overdue_days(org: Organisation, today: date) -> int:
    """Days since the renewal date passed (0 when it has not, or there is none)."""
    if org.renewal_due is None or today <= org.renewal_due:
        return 0
    return (today - org.renewal_due).days


# -- membership: the one place each rule lives ----------------------------------------
def areas_covered(areas: Iterable[str], all_areas: Iterable[str]) -> list[str]:
    """The areas a service or organisation counts in, in vocabulary order: a region-wide
    one counts in every area (the region's own page included)."""
    declared = set(areas)
    return [a for a in all_areas if REGION in declared or a in declared]


def groups_served(groups: Iterable[str], all_groups: Iterable[str]) -> list[str]:
    """The client groups a service is listed under: `everyone` means every group."""
    declared = set(groups)
    return [g for g in all_groups if EVERYONE in declared or g in declared]


def referral_routes(referral: str) -> list[str]:
    """How people can get in: `both` is either route."""
    return [r for r in REFERRAL_ROUTES if referral in (r, "both")]


def is_listed(service: Service) -> bool:
    """Services closed for good are kept (people learn they have gone) but never listed
    in results."""
    return service.status != "closed"


def terms_of(item: Pledge | Action | DiscussionItem | Service, dimension: str,
             vocab: dict[str, dict]) -> list[str]:
    """The stage, theme, area or sector ids one item of the registry falls under."""
    if dimension == "areas":
        declared = item.areas if isinstance(item, Service) else item.commitment.organisation.areas
        return areas_covered(declared, vocab["areas"])
    if dimension == "sectors":
        org = item.organisation if isinstance(item, Service) else item.commitment.organisation
        return [org.sector] if org else []
    if isinstance(item, Service):
        return item.stages if dimension == "stages" else item.themes
    if isinstance(item, DiscussionItem):
        return item.stages if dimension == "stages" else []
    if dimension == "stages":
        return [item.stage]
    return item.themes if isinstance(item, Pledge) else item.pledge.themes


@dataclass
class Slice:
    """Everything in the registry that falls under one stage, theme, area or sector."""

    pledges: list[Pledge] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    discussion: list[DiscussionItem] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)

    @cached_property
    def organisations(self) -> list[Organisation]:
        """Kept once asked for: every page of a long stage or theme names its count, and a
        slice is complete before anything reads it (`slice_by` returns it whole)."""
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
    def items(self) -> int:
        """Pledges, actions and discussion points: what a narrowing link counts."""
        return len(self.pledges) + len(self.actions) + len(self.discussion)

    @property
    def empty(self) -> bool:
        return not (self.items or self.services)


def everything(registry: Registry) -> Slice:
    """The whole registry as one slice; services closed for good are left out, as in
    every list of services."""
    services = [s for s in registry.services.values() if is_listed(s)]
    return Slice(registry.pledges, registry.actions, registry.discussion, services)


def slice_by(whole: Slice, dimension: str, vocab: dict[str, dict]) -> dict[str, Slice]:
    """`whole` cut by every term of a dimension in one pass, in vocabulary order:
    `slice_by(everything(r), "areas", r.vocab)["dudley"]`."""
    cuts = {term: Slice() for term in vocab[dimension]}
    for attr in ("pledges", "actions", "discussion", "services"):
        for item in getattr(whole, attr):
            for term in terms_of(item, dimension, vocab):
                getattr(cuts[term], attr).append(item)
    return cuts


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
    milestones: dict[str, int] = field(default_factory=dict)  # milestone state -> count
    not_completed: int = 0  # open actions of closed plans: never counted overdue


def progress(registry: Registry, today: date, due_soon_days: int) -> Progress:
    actions = registry.actions
    stages = list(registry.vocab["stages"])
    areas = areas_shown(registry)
    by_status = {s: 0 for s in ACTION_STATUSES} | dict(Counter(a.status for a in actions))
    by_stage = {st: {s: 0 for s in ACTION_STATUSES} for st in stages}
    for a in actions:
        by_stage[a.stage][a.status] += 1
    matrix = {st: {ar: 0 for ar in areas} for st in stages}
    for p in registry.pledges:
        for ar in areas_covered(p.commitment.organisation.areas, areas):
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
        milestones={s: 0 for s in MILESTONE_STATES} | dict(Counter(
            milestone_state(m, c, today) for c in registry.commitments.values() for m in milestones_of(c))),
        not_completed=sum(not_completed(a, today) for a in actions),
    )


def areas_shown(registry: Registry) -> list[str]:
    """The areas offered as places to look (the progress matrix's columns, a stage's
    "narrow by area" links): the seven members and the region always (a gap there is
    news), other councils of the region only when an organisation names them, since
    otherwise they hold only region-wide work, the same for every one of them."""
    named = {a for o in registry.organisations.values() for a in o.areas}
    return [t.id for t in registry.vocab["areas"].values() if t.constituent or t.id == REGION or t.id in named]


def _upstream(stages: list[str]) -> dict[str, int]:
    counts = {"prevention": 0, "crisis": 0, "after crisis": 0}
    for st in stages:
        key = "prevention" if st in PREVENTION_STAGES else "crisis" if st in CRISIS_STAGES else "after crisis"
        counts[key] += 1
    return counts


def _action_order(a: Action) -> tuple:
    return (a.due, a.commitment.slug, a.number)
