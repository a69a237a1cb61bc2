"""What each organisation's C2C badge says, where it lives and how to embed it.

Computed once per build from `derive.award_state`, the one rule for the award: the badge
images (c2c_badges), the verification and organisation pages, the status tags, the
home page count and any export read these views, so they never disagree.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from markupsafe import Markup

from c2c_registry import derive
from c2c_registry.model import Organisation
from c2c_registry.urls import BADGE_FILES, LOGO_FORMATS, Urls

from .templates import script_json
from .words import uk_date

PROGRAMME = "Commitment to Collaborate"
AWARDING_BODY = "West Midlands Combined Authority"
# CSS pixels of an embedded badge: the smallest at which its smallest writing (the name,
# at least 48 of the print badge's 1600 units, c2c_badges.layout) is 12 px. A screen with
# more pixels picks the print PNG from the snippet's srcset.
EMBED_WIDTH = 400
LOGO_SIZES = (96, 240)  # square boxes: lists show the first at 48 px, pages the second at 120 px
# Each size in every one of c2c_registry.urls.LOGO_FORMATS: WebP first, PNG for the browsers and tools without it.

# state -> (tag text, tag colour): the words and colours every page uses for the award.
LABELS = {
    "awarded": ("C2C awarded", "green"),
    "renewal-overdue": ("Renewal overdue", "orange"),
    "lapsed": ("Award lapsed", "grey"),
    "withdrawn": ("Withdrawn", "grey"),
    "pledged": ("Pledged", "blue"),
}


@dataclass(frozen=True)
class BadgeView:
    """One organisation's place in the award and its badge, for the build date."""

    organisation: Organisation
    state: str  # one of derive.AWARD_STATES
    label: str  # the status tag
    colour: str  # the tag's colour (a govuk-tag modifier)
    holds: bool  # awarded, perhaps with the renewal overdue
    status_line: str  # the status the badge image carries, short
    summary: str  # the status in a sentence, for the verification page
    renewal: str  # the renewal date in words, '' when there is none
    page_url: str  # the verification page
    images: dict[str, str]  # kind (web, print, svg) -> URL
    alt: str
    embed_html: str = ""
    embed_markdown: str = ""
    jsonld: Markup = field(default_factory=lambda: Markup(""))

    @property
    def year(self) -> str:
        awarded = self.organisation.awarded
        return str(awarded.year) if awarded else ""


@dataclass(frozen=True)
class LogoView:
    """An organisation's logo, re-encoded: size -> format -> URL."""

    organisation: Organisation
    files: dict[int, dict[str, str]]
    alt: str

    def url(self, size: int, image_format: str) -> str:
        return self.files[size][image_format]


def duration_words(days: int) -> str:
    """'34 days', '4 months', '2 years': how long, as a person would say it."""
    if days < 61:
        return f"{days} day{'' if days == 1 else 's'}"
    if days < 730:
        months = days * 12 // 365
        return f"{months} months"
    return f"{days // 365} years"


def status_line(org: Organisation, state: str) -> str:
    year = str(org.awarded.year) if org.awarded else ""
    return {
        "awarded": f"C2C awarded {year}",
        "renewal-overdue": f"Awarded {year} · renewal overdue",
        "lapsed": f"Awarded {year} · award lapsed" if year else "Award lapsed",
        "withdrawn": "Withdrawn · not an award holder",
        "pledged": "Pledged · not yet awarded",
    }[state]


def summary(org: Organisation, state: str, today: date) -> str:
    name, awarded = org.name, uk_date(org.awarded)
    if state == "awarded":
        return f"{name} holds the {PROGRAMME} award, awarded on {awarded}."
    if state == "renewal-overdue":
        overdue = duration_words(derive.renewal_overdue_days(org, today))
        return (f"{name} was awarded the {PROGRAMME} award on {awarded}. Its renewal was due on "
                f"{uk_date(org.renewal_due)} and is overdue by {overdue}.")
    if state == "lapsed":
        since = f" on {awarded}" if org.awarded else ""
        return f"{name} was awarded the {PROGRAMME} award{since}, but the award has lapsed: it was not renewed."
    if state == "withdrawn":
        return f"{name} has withdrawn from the {PROGRAMME} programme and does not hold the award."
    return f"{name} has made a {PROGRAMME} but has not been awarded the C2C badge yet."


def renewal_words(org: Organisation, state: str, today: date) -> str:
    if org.renewal_due is None or state not in derive.HOLDING:
        return ""
    days = derive.renewal_overdue_days(org, today)
    if not days:
        return f"Renewal due {uk_date(org.renewal_due)}"
    if state == "renewal-overdue":
        return f"Renewal overdue since {uk_date(org.renewal_due)} ({duration_words(days)})"
    return f"Renewal was due {uk_date(org.renewal_due)} ({duration_words(days)} ago); the renewal is being reviewed"


def _markdown_text(text: str) -> str:
    """Text for inside Markdown's [brackets], with its own brackets and backslashes escaped."""
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def badge_view(org: Organisation, today: date, grace_days: int, urls: Urls) -> BadgeView:
    state = derive.award_state(org, today, grace_days)
    label, colour = LABELS[state]
    line = status_line(org, state)
    images = {kind: urls.badge_image(org, kind) for kind in BADGE_FILES}
    alt = f"{PROGRAMME} badge: {org.name}, {line}"
    view = BadgeView(
        organisation=org, state=state, label=label, colour=colour, holds=state in derive.HOLDING,
        status_line=line, summary=summary(org, state, today), renewal=renewal_words(org, state, today),
        page_url=urls.badge(org), images=images, alt=alt,
    )
    if not view.holds:
        return view
    page, png, big = urls.absolute(view.page_url), urls.absolute(images["web"]), urls.absolute(images["print"])
    embed_html = (f'<a href="{html.escape(page)}"><img src="{html.escape(png)}" srcset="{html.escape(png)} 500w, '
                  f'{html.escape(big)} 1600w" sizes="{EMBED_WIDTH}px" width="{EMBED_WIDTH}" '
                  f'height="{EMBED_WIDTH // 2}" alt="{html.escape(alt)}"></a>')
    embed_markdown = f"[![{_markdown_text(alt)}]({png})]({page})"
    return replace(view, embed_html=embed_html, embed_markdown=embed_markdown,
                   jsonld=script_json(award_jsonld(view, urls), sort_keys=True, compact=False))


def award_jsonld(view: BadgeView, urls: Urls) -> dict[str, Any]:
    """schema.org: the organisation and the credential it holds, as of the build."""
    org = view.organisation
    credential: dict[str, Any] = {
        "@type": "EducationalOccupationalCredential",
        "name": f"{PROGRAMME} (C2C) award",
        "credentialCategory": "badge",
        "recognizedBy": {"@type": "Organization", "name": AWARDING_BODY},
        "url": urls.absolute(view.page_url),
        "image": urls.absolute(view.images["web"]),
    }
    if org.awarded:
        credential["dateCreated"] = org.awarded.isoformat()
    if org.renewal_due:
        credential["expires"] = org.renewal_due.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": org.name,
        "url": urls.absolute(urls.organisation(org)),
        "award": f"{PROGRAMME} (C2C) award {view.year}".strip() + (", renewal overdue" if view.state == "renewal-overdue" else ""),
        "hasCredential": credential,
    }


def logo_view(org: Organisation, urls: Urls) -> LogoView | None:
    if not org.logo:
        return None
    files = {size: {fmt: urls.logo(org, size, fmt) for fmt in LOGO_FORMATS} for size in LOGO_SIZES}
    return LogoView(org, files, alt=f"{org.name} logo")


@dataclass
class BadgeViews:
    """The award across the register: every organisation's badge, the logos, and who
    holds the award (those with the renewal overdue after the rest)."""

    by_slug: dict[str, BadgeView]  # organisation slug -> its award state and badge, A to Z
    logos: dict[str, LogoView]  # organisation slug -> its logo files, for those with one
    awarded: list[Organisation]  # holding the C2C award, renewal not overdue, A to Z
    renewal_overdue: list[Organisation]  # awarded, but the renewal is overdue, A to Z

    @property
    def holders(self) -> list[BadgeView]:
        """Who holds the badge, as /badges/ lists them: current holders, then those
        with the renewal overdue."""
        return [self.by_slug[o.slug] for o in (*self.awarded, *self.renewal_overdue)]


def badge_views(orgs: list[Organisation], today: date, grace_days: int, urls: Urls) -> BadgeViews:
    """Every organisation's badge view (`orgs` A to Z): every one has a verification page
    and a badge image at its stable address, so a badge embedded before a change of
    status shows the new status."""
    badges = {org.slug: badge_view(org, today, grace_days, urls) for org in orgs}
    return BadgeViews(
        by_slug=badges,
        logos={o.slug: view for o in orgs if (view := logo_view(o, urls))},
        awarded=[o for o in orgs if badges[o.slug].state == "awarded"],
        renewal_overdue=[o for o in orgs if badges[o.slug].state == "renewal-overdue"],
    )
