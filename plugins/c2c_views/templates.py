"""What templates get: the views, the URL map, and helpers that turn values into words.

Templates never see the registry itself: every list and figure comes from the
`SiteViews`, and the derived state of a record (overdue, due soon, closed...) from the
rules in `c2c_registry.derive`, bound here to the build's date and settings.
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from c2c_registry import derive
from c2c_registry.markup import safe_url

from . import plans, tracking
from .words import count, file_size

if TYPE_CHECKING:
    from .views import SiteViews


class _State:
    """Derived state of one record for the build date, as template helpers: the rules
    stay in `derive`, bound here to the build's date and settings."""

    def __init__(self, settings: dict[str, Any]):
        self.today: date = settings["C2C_TODAY"]
        self.due_soon_days: int = settings["C2C_DUE_SOON_DAYS"]
        self.stale_days: int = settings["C2C_STALE_AFTER_DAYS"]

    def overdue(self, action) -> bool:
        return derive.is_overdue(action, self.today)

    def due_soon(self, action) -> bool:
        return derive.is_due_soon(action, self.today, self.due_soon_days)

    def review_due(self, commitment) -> bool:
        return derive.is_due_for_review(commitment, self.today)

    def not_completed(self, action) -> bool:
        return derive.not_completed(action, self.today)

    def closed(self, commitment) -> bool:
        return derive.is_closed(commitment, self.today)

    def milestone(self, milestone, commitment) -> str:
        return derive.milestone_state(milestone, commitment, self.today)


def _once() -> Any:
    """`once(macro, record, *args, siteurl=SITEURL)`: a macro's markup for the same
    arguments, rendered once per build. An action or a pledge appears on a dozen pages
    (its commitment, organisation, stage, theme, area and sector pages) with the same
    markup, and so does an organisation's part of a stage on the stage's page and on the
    pages narrowing it; rendering those was most of a build's time. The arguments are the
    same when they are the same records (a list or a slice: the same records in the same
    order) and the same plain values; they are kept with the markup, so no id is reused
    by another object during the build, and so are the reads the macro made in the
    views, noted again for every page given the markup. The macro must depend on nothing
    of the page but its arguments and SITEURL."""
    kept: dict[tuple, tuple[Any, Any, frozenset]] = {}

    def once(macro, *args, siteurl: str = ""):
        args = tuple(map(tracking.unwrap, args))
        key = (macro.name, siteurl, *map(_same, args))
        if key not in kept:
            with tracking.noting() as reads:
                markup = macro(*args)
            kept[key] = (args, markup, frozenset(reads))
        else:
            tracking.replay(kept[key][2])
        return kept[key][1]
    return once


def _same(value: Any) -> Any:
    """What makes two arguments of `once` the same: a plain value itself; a list, or a
    slice of the registry, its records by identity, in order; anything else its identity."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return ("items", *map(_same, value))
    if isinstance(value, derive.Slice):
        return ("slice", *(tuple(map(id, getattr(value, kind))) for kind in ("pledges", "actions", "discussion",
                                                                            "services")))
    return ("id", id(value))


# The globals that look into the views: given the views wrapped (tracking.py), so what
# they read is noted; the others depend only on the code and the settings.
TRACKED_GLOBALS = {"views", "award", "logo", "changed", "term_name", "partners_of", "once"}


def template_globals(views: SiteViews, csp: str, settings: dict[str, Any], tracked: bool = False) -> dict[str, Any]:
    """Jinja globals: the views (`tracked`: wrapped, so each page's reads in them are
    noted), the URL map, the Content-Security-Policy for every page's meta tag, and
    words for values."""
    state = _State(settings)
    urls, today = views.urls, views.today
    if tracked:
        views = tracking.track(views, ())

    def term_name(term_id: str, vocab: str) -> str:
        entry = views.vocab.get(vocab, {}).get(term_id)
        return entry.name if entry else term_id

    return {
        "views": views,
        "urls": urls,
        "csp": csp,
        "count": count,
        "file_size": file_size,
        "term_name": term_name,
        "today": today,
        "overdue": state.overdue,
        "due_soon": state.due_soon,
        "review_due": state.review_due,
        "not_completed": state.not_completed,
        "plan_closed": state.closed,
        "milestone_state": state.milestone,
        "award": lambda org: views.badges.by_slug[org.slug],
        "logo": lambda org: views.badges.logos.get(org.slug),
        "safe_url": safe_url,
        "changed": lambda record: views.changes.get(record.source),
        "by_pledge": plans.by_pledge,
        "plan_groups": plans.plan_groups,
        "partners_of": lambda names: plans.partner_names(names, views.organisations_by_slug),
        "status_tags": plans.STATUS_TAGS,
        "milestone_tags": plans.MILESTONE_TAGS,
        "once": _once(),
    }


def script_json(data: Any, *, sort_keys: bool = False, compact: bool = True) -> Markup:
    """JSON for inside a <script> element (JSON-LD, a page's own data): <, > and &
    written as \\u003c, \\u003e and \\u0026, still the same JSON, so no text from
    content, such as `</script>`, can end the element early."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=sort_keys, separators=(",", ":") if compact else None)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
