"""The derived-views stage and the membership rules, as plain functions (no Pelican):
one rule per concept, applied the same way to registry pages, the progress matrix,
the directory, its filter counts and alerts."""

from __future__ import annotations

import re
from datetime import date

import pytest

from c2c_registry.derive import areas_covered, groups_served, referral_routes
from c2c_registry.load.registry import load_registry
from c2c_registry.model import Alert
from c2c_registry.settings import DEFAULTS
from c2c_views.history import Change
from c2c_views.views import build_views

from support.project import ROOT, TINY

AREAS = ["birmingham", "coventry", "dudley", "west-midlands"]


def test_a_region_wide_record_covers_every_area_and_a_local_one_only_its_own():
    assert areas_covered(["west-midlands"], AREAS) == AREAS
    assert areas_covered(["dudley", "birmingham"], AREAS) == ["birmingham", "dudley"]  # vocabulary order
    assert areas_covered([], AREAS) == []


def test_everyone_means_every_group_and_both_means_either_route():
    assert groups_served(["everyone"], ["everyone", "women", "veterans"]) == ["everyone", "women", "veterans"]
    assert groups_served(["women"], ["everyone", "women", "veterans"]) == ["women"]
    assert referral_routes("both") == ["self", "professional"]
    assert referral_routes("professional") == ["professional"]
    assert referral_routes("") == []


@pytest.fixture
def tiny():
    registry, problems = load_registry(TINY)
    assert not problems
    return registry


def views_of(registry, **settings):
    return build_views(registry, {**DEFAULTS, "C2C_TODAY": date(2026, 11, 23), "SITEURL": "", **settings})


def slugs(items) -> list[str]:
    return [getattr(i, "slug", None) or i.service.slug for i in items]


def test_a_region_wide_service_is_in_every_area_on_both_sides(tiny):
    tiny.services["helpline"].areas = ["west-midlands"]
    views = views_of(tiny)
    registry_areas = {v.term.id: slugs(v.slice.services) for v in views.register.terms["areas"]}
    directory_areas = {listing.term.id: slugs(listing.listed) for listing in views.directory.areas}
    for area in tiny.vocab["areas"]:
        assert "helpline" in registry_areas[area], area
        assert "helpline" in directory_areas[area], area
    assert views.directory.counts["area"]["dudley"] == 1
    dudley = next(listing for listing in views.directory.areas if listing.term.id == "dudley")
    assert dudley.regional == 1


def test_a_region_wide_organisations_pledges_count_in_every_area(tiny):
    tiny.organisations["alpha-trust"].areas = ["west-midlands"]
    views = views_of(tiny)
    pledges = len(tiny.commitments["alpha-trust-2021"].pledges)
    for view in views.register.terms["areas"]:
        assert len(view.slice.pledges) == pledges, view.term.id
    assert all(row["walsall"] == 1 for row in views.progress.figures.matrix.values())  # one pledge a stage


def test_a_service_for_everyone_counts_under_every_client_group(tiny):
    views = views_of(tiny)
    helpline = next(v for v in views.directory.services if v.slug == "helpline")
    assert helpline.membership["group"] == list(tiny.vocab["client-groups"])
    assert all(views.directory.counts["group"][g] >= 1 for g in tiny.vocab["client-groups"])


def test_closed_services_are_kept_apart_everywhere(tiny):
    tiny.services["night-shelter"].status = "closed"
    views = views_of(tiny)
    assert slugs(views.directory.closed) == ["night-shelter"]
    assert "night-shelter" not in slugs(views.register.everything.services)
    assert all("night-shelter" not in slugs(v.slice.services) for d in views.register.terms.values() for v in d)
    assert views.directory.counts["area"]["coventry"] == 0


def test_stage_pages_are_narrowed_only_where_there_is_something(tiny):
    views = views_of(tiny)
    recovery = next(v for v in views.register.terms["stages"] if v.term.id == "recovery")
    assert {(n.by, n.term.id) for n in recovery.narrowings} == {
        ("areas", "birmingham"), ("areas", "solihull"), ("sectors", "health")}
    # Birmingham holds the whole stage: its link leads to the stage's page, and no page
    # repeats it; the others have pages of their own.
    assert [n.url for n in recovery.narrowings] == [
        "stages/recovery/", "stages/recovery/areas/solihull/", "stages/recovery/sectors/health/"]
    assert [p.url for p in recovery.narrowed] == [n.url for n in recovery.narrowings[1:]]
    assert all(page.narrowings == recovery.narrowings for page in recovery.narrowed)


def test_a_stage_is_narrowed_to_other_councils_only_where_an_organisation_names_them(tiny):
    """Region-wide work reaches every council; a council outside the seven members gets
    a "narrow by area" link (and page) only when an organisation names it, as the
    progress matrix's columns do."""
    tiny.organisations["alpha-trust"].areas = ["west-midlands"]
    tiny.organisations["beta-housing"].areas = ["lichfield"]
    views = views_of(tiny)
    recovery = next(v for v in views.register.terms["stages"] if v.term.id == "recovery")
    areas = {n.term.id for n in recovery.narrowings if n.by == "areas"}
    assert {"birmingham", "walsall", "west-midlands"} <= areas and "lichfield" in areas
    assert "bromsgrove" not in areas and "tamworth" not in areas
    assert areas <= set(views.progress.figures.matrix["recovery"])


def test_partners_and_collaborators_are_resolved_once(tiny):
    views = views_of(tiny)
    assert [o.slug for o in views.register.partners["alpha-trust"]] == ["beta-housing"]
    names = views.register.collaborators["alpha-trust-2021"]
    assert [(name, org.slug if org else None) for name, org in names][0] == ("Beta Housing", "beta-housing")


def test_alerts_follow_the_same_area_rule(tiny):
    regional = Alert("cold", "", "Cold", "", "warning", ["west-midlands"], date(2026, 11, 20), date(2026, 11, 30))
    coventry = Alert("cov", "", "Cov", "", "info", ["coventry"], date(2026, 11, 20), date(2026, 11, 30))
    tiny.alerts = {"cold": regional, "cov": coventry}
    tiny.services["helpline"].areas = ["west-midlands"]
    views = views_of(tiny)
    assert views.directory.service_alerts["night-shelter"] == [regional, coventry]  # in Coventry
    assert views.directory.service_alerts["helpline"] == [regional, coventry]  # covers Coventry too
    birmingham = next(listing for listing in views.directory.areas if listing.term.id == "birmingham")
    assert birmingham.alerts == [regional]


def test_building_the_views_runs_no_git_it_uses_the_history_it_is_given(tiny):
    """build_views is pure: the history step reads git before it, and hands it in."""
    settings = {**DEFAULTS, "C2C_TODAY": date(2026, 11, 23), "SITEURL": "", "PATH": str(ROOT / "content")}
    assert build_views(tiny, settings).changes == {}  # in a git checkout, but no history handed in
    history = {tiny.services["helpline"].source: Change(date(2026, 1, 2), "https://example.org/commits")}
    assert build_views(tiny, settings, history).changes == history


def test_badge_holders_are_listed_current_first_then_renewal_overdue(tiny):
    """/badges/ lists the holders in the order the views give (no template sorts them)."""
    alpha, beta = tiny.organisations["alpha-trust"], tiny.organisations["beta-housing"]
    alpha.c2c_status = beta.c2c_status = "awarded"
    alpha.awarded = beta.awarded = date(2024, 1, 1)
    alpha.renewal_due = date(2025, 1, 1)  # Alpha comes first A to Z, but its renewal is overdue
    badges = views_of(tiny).badges
    assert [o.slug for o in badges.awarded] == ["beta-housing"]
    assert [o.slug for o in badges.renewal_overdue] == ["alpha-trust"]
    assert [b.organisation.slug for b in badges.holders] == ["beta-housing", "alpha-trust"]


def test_no_template_reads_the_registry():
    """Templates read `views` and `urls`; the registry object is not even given to them."""
    for template in (ROOT / "theme" / "templates").glob("*.html"):
        assert not re.search(r"\bregistry\b", template.read_text("utf-8")), template.name
