"""Action plans as records: actions grouped under their pledge, and the words and colours
of every status.

A real plan has dozens of actions under a few results (pledges) whose lead, target and
target month the actions share: the page shows those once, under the pledge, and each
action as a record that reads on any screen. Tag colours live here only, so tags, charts
and legends agree.
"""

from __future__ import annotations

from collections.abc import Iterable

from c2c_registry.model import Action, Commitment, Organisation, Pledge

# status -> (words, GOV.UK tag colour modifier): the one list for tags and legends.
STATUS_TAGS: dict[str, tuple[str, str]] = {
    "planned": ("Planned", "grey"),
    "in-progress": ("In progress", "blue"),
    "done": ("Done", "green"),
    "dropped": ("Dropped", "purple"),
    "overdue": ("Overdue", "red"),
    "due-soon": ("Due soon", "yellow"),
    "not-completed": ("Not completed when the plan closed", "orange"),
}
MILESTONE_TAGS: dict[str, tuple[str, str]] = {
    "met": ("Met", "green"),
    "met-late": ("Met late", "turquoise"),
    "overdue": ("Overdue", "red"),
    "upcoming": ("Upcoming", "grey"),
    "not-met": ("Not met when the plan closed", "orange"),
}



def by_pledge(actions: Iterable[Action]) -> list[tuple[Pledge, list[Action]]]:
    """Actions under their pledge, pledges in the order of their first action, actions
    in plan order: each pledge's text, lead and target shown once."""
    groups: dict[int, tuple[Pledge, list[Action]]] = {}
    for action in actions:
        groups.setdefault(id(action.pledge), (action.pledge, []))[1].append(action)
    return list(groups.values())


def plan_groups(commitment: Commitment) -> list[tuple[Pledge, list[Action]]]:
    """A whole plan: every pledge with actions, then pledges that carry a target or
    milestones of their own but no action yet (so none of what the file says is lost)."""
    groups = by_pledge(commitment.actions)
    shown = {id(p) for p, _ in groups}
    return groups + [(p, []) for p in commitment.pledges
                     if id(p) not in shown and (p.milestones or p.due or p.measure or p.leads)]


def partner_names(names: Iterable[str], organisations: dict[str, Organisation]) -> list[tuple[str, Organisation | None]]:
    """Partners as (name shown, organisation record or None): a slug is a registry link."""
    return [(organisations[n].name, organisations[n]) if n in organisations else (n, None) for n in names]
