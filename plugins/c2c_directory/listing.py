"""Which services a filter or a listing page shows, and how many each choice would show.

The same rules run in the browser (directory.js `matchers`); the browser tests check
that the counts it computes on load equal the ones written here.

- area: a service for the whole region (`west-midlands`) is listed in every area;
- client group: a service for `everyone` is listed under every group;
- referral: `both` counts as self-referral and as professional referral;
- services closed for good are never in a result list, only in their own section.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .present import ServiceView

REGION = "west-midlands"
EVERYONE = "everyone"
REFERRAL_ROUTES = ("self", "professional")


def in_area(view: ServiceView, area: str) -> bool:
    areas = view.service.areas
    return area in areas or (area != REGION and REGION in areas)


def in_stage(view: ServiceView, stage: str) -> bool:
    return stage in view.service.stages


def for_group(view: ServiceView, group: str) -> bool:
    groups = view.service.client_groups
    return group in groups or EVERYONE in groups


def by_referral(view: ServiceView, route: str) -> bool:
    return view.service.referral in (route, "both")


def is_free(view: ServiceView) -> bool:
    return view.service.cost == "free"


def listed(views: Iterable[ServiceView]) -> list[ServiceView]:
    """Services that belong in result lists: all but those closed for good."""
    return [v for v in views if v.service.status != "closed"]


def closed(views: Iterable[ServiceView]) -> list[ServiceView]:
    return [v for v in views if v.service.status == "closed"]


def facet_counts(views: list[ServiceView], vocab: dict[str, list[str]]) -> dict[str, dict[str, int]]:
    """With no filter chosen: how many listed services each filter value would show.

    `vocab` maps a facet (stage, area, group) to its ids in display order.
    """
    shown = listed(views)
    tests: dict[str, Callable[[ServiceView, str], bool]] = {"stage": in_stage, "area": in_area, "group": for_group}
    counts = {facet: {term: sum(1 for v in shown if test(v, term)) for term in vocab[facet]}
              for facet, test in tests.items()}
    counts["referral"] = {route: sum(1 for v in shown if by_referral(v, route)) for route in REFERRAL_ROUTES}
    counts["free"] = {"1": sum(1 for v in shown if is_free(v))}
    return counts


def area_listing(views: list[ServiceView], area: str) -> list[ServiceView]:
    return [v for v in views if in_area(v, area)]


def stage_listing(views: list[ServiceView], stage: str) -> list[ServiceView]:
    return [v for v in views if in_stage(v, stage)]
