"""The registry as search documents: one per organisation, commitment, pledge, action,
discussion point and service.

Derived once per build from the `SiteViews`, like every other export, so a result says
what the pages say: the same names, addresses (the URL map's anchors), stage, area and
sector membership (the rules in `derive`: a region-wide organisation or service is in
every area's facet). Documents are lean on purpose: a name, a short text and the words
of the terms an item sits under, never whole bodies; an index of full text is tens of
megabytes at a large registry's size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from typing import TYPE_CHECKING, Any

from c2c_registry import derive
from c2c_registry.model import Commitment, Organisation, Term

from .directory.services import hours_json

if TYPE_CHECKING:
    from .views import SiteViews

# Kinds of result, in the order the search page lists them: (id, singular, plural).
KINDS = (
    ("organisation", "Organisation", "Organisations"),
    ("commitment", "Commitment", "Commitments"),
    ("pledge", "Pledge", "Pledges"),
    ("action", "Action", "Actions"),
    ("discussion", "Discussion point", "Discussion points"),
    ("service", "Service", "Services"),
)
TEXT_WORDS = 30  # words of a description or story that are indexed and shown
SECTIONS = {"in_place": "Already in place", "gaps": "Gap in provision", "opportunities": "Opportunity"}


@dataclass(frozen=True)
class SearchDocument:
    """One thing a search can find, with what is indexed and what a result shows."""

    kind: str  # one of KINDS
    title: str  # name or the item's own words: ranks first
    text: str  # a short description (at most TEXT_WORDS words)
    organisation: str  # the organisation's (or provider's) name; "" for an organisation itself
    tags: str  # names of its stages, themes, areas, sector and client groups: found by them too
    url: str  # its page, or its place on its commitment's page
    stages: tuple[str, ...]  # stage facet: ids
    areas: tuple[str, ...]  # area facet: ids, region-wide expanded to every area
    where: str  # the areas as written, for the result line
    sector: str  # sector facet: id, or "" (a service run by a provider outside the registry)
    org: str  # the organisation's slug, or ""
    languages: tuple[str, ...] = ()  # a service's language codes: found by the languages' names
    opening: dict[str, Any] = field(default_factory=dict)  # a service's status and hours, for "open now"


_TAG = re.compile(r"<[^>]*>")


def lean(text: str, words: int = TEXT_WORDS) -> str:
    """The first `words` words of text (HTML tags dropped), with an ellipsis if cut."""
    parts = unescape(_TAG.sub(" ", text)).split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def search_documents(views: SiteViews) -> list[SearchDocument]:
    """Every document, in a fixed order: organisations A to Z, then each commitment
    (newest first) with its pledges, actions and discussion points, then the services
    in directory order (closed ones left out, as in every list of services: the
    directory's search relies on this order being `directory.listed`'s)."""
    vocab = views.vocab
    names = _Names(vocab)
    docs = [_organisation(org, names, views) for org in views.organisations]
    for commitment in views.commitments:
        docs.extend(_commitment_items(commitment, names, views))
    docs.extend(_service(view, names, views) for view in views.directory.listed)
    return docs


class _Names:
    """Ids to the words people search with."""

    def __init__(self, vocab: dict[str, dict[str, Term]]):
        self.vocab = vocab
        self.all_areas = list(vocab["areas"])

    def of(self, vocab: str, ids: list[str] | tuple[str, ...]) -> list[str]:
        terms = self.vocab[vocab]
        return [terms[i].name for i in ids if i in terms]

    def where(self, areas: list[str]) -> str:
        return ", ".join(self.of("areas", areas))

    def covered(self, areas: list[str]) -> tuple[str, ...]:
        return tuple(derive.areas_covered(areas, self.all_areas))


def _words(*parts: list[str] | str) -> str:
    flat = [p for part in parts for p in ([part] if isinstance(part, str) else part)]
    return " ".join(p for p in flat if p)


def _org_stages(org: Organisation, views: SiteViews) -> tuple[str, ...]:
    held = {p.stage for c in org.commitments for p in c.pledges}
    return tuple(s for s in views.vocab["stages"] if s in held)


def _organisation(org: Organisation, names: _Names, views: SiteViews) -> SearchDocument:
    return SearchDocument(
        kind="organisation", title=org.name, text=lean(org.summary), organisation="",
        tags=_words(org.short_name, names.of("sectors", [org.sector]), names.of("areas", org.areas)),
        url=views.urls.organisation(org), stages=_org_stages(org, views), areas=names.covered(org.areas),
        where=names.where(org.areas), sector=org.sector, org=org.slug,
    )


def _commitment_items(c: Commitment, names: _Names, views: SiteViews) -> list[SearchDocument]:
    org = c.organisation
    urls = views.urls
    place = _words(names.of("areas", org.areas), names.of("sectors", [org.sector]))
    areas, where = names.covered(org.areas), names.where(org.areas)

    def item(kind: str, title: str, text: str, tags: str, url: str, stages: tuple[str, ...]) -> SearchDocument:
        return SearchDocument(kind=kind, title=title, text=text, organisation=org.name, tags=tags, url=url,
                              stages=stages, areas=areas, where=where, sector=org.sector, org=org.slug)

    stages = tuple(s for s in views.vocab["stages"] if any(p.stage == s for p in c.pledges))
    docs = [item("commitment", c.display_title, lean(c.body_html),
                 _words(c.approach.replace("-", " "), names.of("stages", stages), place), urls.commitment(c), stages)]
    docs += [item("pledge", p.text, lean(_words(p.measure, p.outcome.text if p.outcome else "")),
                  _words(p.lead, names.of("stages", [p.stage]), names.of("themes", p.themes),
                         names.of("client-groups", p.client_groups), place),
                  urls.pledge(p), (p.stage,)) for p in c.pledges]
    docs += [item("action", a.text, lean(a.measure),
                  _words(a.lead, [x for x in a.partners if x not in views.organisations_by_slug],
                         names.of("stages", [a.stage]), names.of("themes", a.pledge.themes), place),
                  urls.action(a), (a.stage,)) for a in c.actions]
    docs += [item("discussion", d.text, "",
                  _words(SECTIONS.get(d.section, ""), names.of("stages", d.stages), place),
                  urls.discussion_item(d), tuple(d.stages)) for d in c.discussion]
    return docs


def _service(view, names: _Names, views: SiteViews) -> SearchDocument:
    s = view.service
    org = s.organisation
    towns = sorted({loc.town for loc in s.locations if loc.town})
    return SearchDocument(
        kind="service", title=s.name, text=lean(_words(s.summary, s.eligibility)), organisation=s.provider_name,
        tags=_words(names.of("stages", s.stages), names.of("themes", s.themes), names.of("areas", s.areas),
                    names.of("client-groups", s.client_groups), towns,
                    names.of("sectors", [org.sector]) if org else []),
        url=view.url, stages=tuple(view.membership["stage"]), areas=tuple(view.membership["area"]),
        where=names.where(s.areas), sector=org.sector if org else "", org=org.slug if org else "",
        languages=tuple(s.languages), opening=hours_json(view),
    )
