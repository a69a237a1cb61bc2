"""The derived-views stage: what every page and export shows, computed once per build.

`build_views(registry, settings, history)` runs once, right after the registry is
loaded and checked, and is pure: the git history is read by its own step before it
(`history.registry_history`) and handed in. Writers only write (url, template, context) from
the `SiteViews` it returns, each from the parts it needs; services.json and every
export (search, open data, badges) read the same object, and templates do no lookups
into the registry. Which item belongs to which stage, area or filter value is decided
by the rules in `c2c_registry.derive`, never here or in a template.

    SiteViews
      today, urls, vocab                  what every page needs
      organisations, organisations_by_slug, commitments
                                          the records every writer lists
      changes                             when each record's file last changed (git)
      helplines                           "Help now", on every page (helplines.py)
      register   RegisterViews            the register's pages: cuts, latest, lists (register.py)
      progress   ProgressViews            figures, charts, overdue lists (progress.py)
      badges     BadgeViews               the award, badges and logos (badges.py)
      directory  DirectoryViews           the directory (directory/listings.py)
      submit     SubmitView               the /submit/ forms (submit.py)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from c2c_registry.model import Commitment, Organisation, Registry, Term
from c2c_registry.urls import Urls

from .badges import BadgeViews, badge_views
from .directory.listings import DirectoryViews, directory_views
from .helplines import HelplineView, present_helplines
from .history import Change
from .progress import ProgressViews, progress_views
from .register import RegisterViews, register_views
from .submit import SubmitView, submit_view


@dataclass
class SiteViews:
    today: date
    urls: Urls
    vocab: dict[str, dict[str, Term]]
    organisations: list[Organisation]  # A to Z
    organisations_by_slug: dict[str, Organisation]  # partners are named by slug
    commitments: list[Commitment]  # newest approval first
    changes: dict[str, Change]  # a record's source file -> when it last changed (git), its history page
    register: RegisterViews
    progress: ProgressViews
    badges: BadgeViews
    directory: DirectoryViews
    submit: SubmitView  # what the /submit/ forms offer and where they send a file
    helplines: list[HelplineView]  # "Help now", on every page


def build_views(registry: Registry, settings: dict[str, Any], history: dict[str, Change] | None = None) -> SiteViews:
    """Every view, from the checked registry, the build's settings and the git history
    (none: no dates, as outside a git checkout)."""
    today: date = settings["C2C_TODAY"]
    size = settings["C2C_PAGE_SIZE"]
    urls = Urls(settings.get("SITEURL", ""))
    orgs = sorted(registry.organisations.values(), key=lambda o: o.name.lower())
    commitments = sorted(registry.commitments.values(), key=lambda c: (c.approved, c.slug), reverse=True)
    directory = directory_views(registry, settings, urls)
    return SiteViews(
        today=today,
        urls=urls,
        vocab=registry.vocab,
        organisations=orgs,
        organisations_by_slug=dict(registry.organisations),
        commitments=commitments,
        changes=history or {},
        register=register_views(registry, orgs, commitments, urls, size),
        progress=progress_views(registry, today, settings["C2C_DUE_SOON_DAYS"], urls, size),
        badges=badge_views(orgs, today, settings["C2C_RENEWAL_GRACE_DAYS"], urls),
        directory=directory,
        submit=submit_view(registry, settings, urls),
        helplines=present_helplines(registry.helplines, {v.slug: v for v in directory.services}),
    )
