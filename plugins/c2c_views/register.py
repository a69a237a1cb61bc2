"""The register's pages as views: the latest commitments, partners and collaborators
named, and the cuts by stage, theme, area and sector (a stage also narrowed to each area
and sector it reaches), each cut into pages; and the long lists of organisations and
commitments, in pages. Which item falls under which term is decided by
`c2c_registry.derive`; this module gathers and pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from c2c_registry import derive
from c2c_registry.derive import Slice
from c2c_registry.model import Commitment, Organisation, Registry, Term
from c2c_registry.urls import DIMENSIONS, NARROWING, Urls

from .paging import Page, paginate

LATEST_COMMITMENTS = 6
DIMENSION_TITLES = {"stages": "Pathway stages", "themes": "Themes", "areas": "Areas", "sectors": "Sectors"}


@dataclass(frozen=True)
class Narrowing:
    """A stage page narrowed to one area or sector, with how many items it holds."""

    by: str  # areas | sectors
    term: Term
    count: int  # pledges, actions and discussion points together
    url: str
    pledges: int = 0
    actions: int = 0
    discussion: int = 0


@dataclass(frozen=True)
class TermEntry:
    """One entry of a term page: an organisation with what it holds here, or a service."""

    org: Organisation | None = None
    part: Slice | None = None
    service: Any = None  # a Service in the directory that falls under the term

    @property
    def weight(self) -> int:
        return self.part.items if self.part is not None else 1


def term_entries(part: Slice) -> list[TermEntry]:
    """Organisations A to Z, then the services: what a term's pages list, in order."""
    return [*(TermEntry(org, sub) for org, sub in part.by_organisation()), *(TermEntry(service=s) for s in part.services)]


@dataclass
class TermView:
    """One page of a cut: a stage, theme, area or sector (a stage perhaps narrowed)."""

    dimension: str
    term: Term
    url: str
    title: str
    slice: Slice
    group: Term | None = None  # a stage's group: Prevent, Help or Create pathways
    narrowed_by: Narrowing | None = None  # on a narrowed page: which area or sector
    narrowings: list[Narrowing] = field(default_factory=list)  # a stage's links to narrow it
    narrowed: list[TermView] = field(default_factory=list)  # the pages those links lead to
    pages: list[Page[TermEntry]] = field(default_factory=list)  # organisation groups packed into pages

    def narrowings_by(self, by: str) -> list[Narrowing]:
        return [n for n in self.narrowings if n.by == by]


@dataclass
class RegisterViews:
    """What the register's pages show beyond the records themselves (c2c_pages)."""

    latest: list[Commitment]  # the newest approvals, for the home page
    partners: dict[str, list[Organisation]]  # organisation slug -> partners
    collaborators: dict[str, list[tuple[str, Organisation | None]]]  # commitment slug -> (name, record)
    everything: Slice  # every pledge, action, discussion point and service
    terms: dict[str, list[TermView]]  # dimension -> its pages, vocabulary order
    stage_groups: list[tuple[Term, list[Term]]]  # Prevent, Help, Create pathways -> their stages
    # "organisations" and "commitments" cut into pages, page 1 first.
    lists: dict[str, list[Page]] = field(default_factory=dict)
    dimension_titles: dict[str, str] = field(default_factory=lambda: dict(DIMENSION_TITLES))
    # dimension -> term id -> the page that lists it (an area with nothing of its own: the region's)
    term_urls: dict[str, dict[str, str]] = field(default_factory=dict)

    def stage_url(self, stage_id: str, by: str, term_id: str) -> str:
        """Where "this stage in this area (or sector)" is listed: its narrowed page, or the
        page that lists the same items when a narrowed one would repeat it (term_views)."""
        stage = next(v for v in self.terms["stages"] if v.term.id == stage_id)
        return next((n.url for n in stage.narrowings if (n.by, n.term.id) == (by, term_id)), stage.url)


def register_views(registry: Registry, orgs: list[Organisation], commitments: list[Commitment], urls: Urls,
                   size: int) -> RegisterViews:
    """`orgs` A to Z and `commitments` newest first, as the SiteViews holds them."""
    whole = derive.everything(registry)
    terms = {dimension: term_views(registry, whole, dimension, urls, size) for dimension in DIMENSIONS}
    return RegisterViews(
        latest=commitments[:LATEST_COMMITMENTS],
        partners={o.slug: [registry.organisations[p] for p in o.partners] for o in orgs},
        collaborators={c.slug: [(registry.organisations[n].name, registry.organisations[n])
                                if n in registry.organisations else (n, None) for n in c.collaborators]
                       for c in commitments},
        everything=whole,
        terms=terms,
        stage_groups=[(group, [s for s in registry.stages if s.group == group.id])
                      for group in registry.vocab["stage-groups"].values()],
        lists={"organisations": paged(orgs, urls.organisations(), size, urls),
               "commitments": paged(commitments, urls.commitments(), size, urls)},
        term_urls={dimension: {v.term.id: v.url for v in views} for dimension, views in terms.items()},
    )


def paged(items: list[Any], url: str, size: int, urls: Urls) -> list[Page]:
    """A list that grows with the registry, cut into pages: page 1 at `url`."""
    return paginate(items, size, partial(urls.paged, url))


def same_items(a: Slice, b: Slice) -> bool:
    """Two slices that list the very same items in the same order: one's page would
    repeat the other's."""
    return all(len(x) == len(y) and all(i is j for i, j in zip(x, y, strict=True))
               for x, y in ((a.pledges, b.pledges), (a.actions, b.actions), (a.discussion, b.discussion),
                            (a.services, b.services)))


def term_views(registry: Registry, whole: Slice, dimension: str, urls: Urls, size: int = 50) -> list[TermView]:
    """The pages of one cut; each stage also gets a page per area and sector it reaches.

    A page that would repeat its parent's items is not written, and its links go to the
    parent instead: a stage narrowed to an area or sector that holds all of the stage;
    an area (or a stage narrowed to one) with nothing of its own, only the region-wide
    items its parent, the region, lists too."""
    vocab = registry.vocab
    shown_areas = set(derive.areas_shown(registry))
    cuts = derive.slice_by(whole, dimension, vocab)
    region = cuts.get(derive.REGION) if dimension == "areas" else None
    pages = []
    for term_id, part in cuts.items():
        term = vocab[dimension][term_id]
        view = TermView(dimension, term, urls.term(dimension, term_id), term.name, part,
                        group=vocab["stage-groups"].get(term.group) if term.group else None)
        pages.append(view)
        if region is not None and term_id != derive.REGION and same_items(part, region):
            view.url = urls.term(dimension, derive.REGION)  # linked there; no page of its own
            continue
        if dimension == "stages":
            narrow_stage(view, term_id, registry, shown_areas, urls)
        for each in (view, *view.narrowed):
            each.pages = paginate(term_entries(each.slice), size, partial(urls.paged, each.url),
                                  weight=lambda e: e.weight)
    return pages


def narrow_stage(view: TermView, stage_id: str, registry: Registry, shown_areas: set[str], urls: Urls) -> None:
    """A stage's links to narrow it by area and by sector, and the narrowed pages they
    lead to; a narrowing that repeats the stage links to the stage, one that repeats the
    stage narrowed to the region links to that page."""
    vocab = registry.vocab
    cuts = {(by, narrow_id): narrowed for by in NARROWING
            for narrow_id, narrowed in derive.slice_by(view.slice, by, vocab).items()
            if narrowed.items and (by != "areas" or narrow_id in shown_areas)}
    region = cuts.get(("areas", derive.REGION))
    region_url = (view.url if region is None or same_items(region, view.slice)
                  else urls.stage_narrowed(stage_id, "areas", derive.REGION))
    for (by, narrow_id), narrowed in cuts.items():
        if same_items(narrowed, view.slice):
            url = view.url
        elif by == "areas" and narrow_id != derive.REGION and region is not None and same_items(narrowed, region):
            url = region_url
        else:
            url = urls.stage_narrowed(stage_id, by, narrow_id)
        link = Narrowing(by, vocab[by][narrow_id], narrowed.items, url, len(narrowed.pledges),
                         len(narrowed.actions), len(narrowed.discussion))
        view.narrowings.append(link)
        if url == urls.stage_narrowed(stage_id, by, narrow_id):
            view.narrowed.append(TermView(view.dimension, view.term, url, f"{view.term.name}: {link.term.name}",
                                          narrowed, group=view.group, narrowed_by=link))
    for page in view.narrowed:
        page.narrowings = view.narrowings
