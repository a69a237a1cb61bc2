"""What incremental rendering rests on: digests that are the same for the same value in
any build and differ when anything in it differs (c2c_views/fingerprint.py), and the
wrappers that note what a template reads in the views without changing what it renders
(c2c_views/tracking.py)."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Mapping
from datetime import date

from jinja2 import Environment
from markupsafe import Markup

from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_views import build_views, tracking
from c2c_views.fingerprint import Fingerprints
from c2c_views.templates import _once

from support.clock import BUILD_DATE
from support.project import ROOT, TINY


def views_of(content=ROOT / "content"):
    registry, problems = load_registry(content)
    assert not problems
    settings = {"C2C_BUILD_DATE": BUILD_DATE, "SITEURL": ""}
    check_settings(settings)
    return registry, build_views(registry, settings)


def test_the_same_views_built_twice_have_the_same_digest_and_an_edit_changes_it():
    _, first = views_of()
    _, second = views_of()
    assert Fingerprints().of(first) == Fingerprints().of(second)
    registry, _ = views_of()
    registry.services["canal-street-day-centre"].summary += " Changed."
    settings = {"C2C_BUILD_DATE": BUILD_DATE, "SITEURL": ""}
    check_settings(settings)
    assert Fingerprints().of(build_views(registry, settings)) != Fingerprints().of(first)


def test_a_record_stands_for_its_own_fields_and_following_a_reference_is_a_read():
    """A pledge's digest does not change when another service of its organisation does:
    the records it points at are named, not described. A page that goes from the pledge
    to its commitment has read the commitment, and that read's value is the commitment."""
    registry, _ = views_of()
    service = next(s for s in registry.services.values() if s.organisation and s.organisation.commitments)
    pledge = service.organisation.commitments[0].pledges[0]
    fp = Fingerprints()
    before = fp.of(pledge), fp.of(service)
    service.summary += " Changed."
    fresh = Fingerprints()
    assert fresh.of(pledge) == before[0] and fresh.of(service) != before[1] and fresh.undescribable == []

    organisation = service.organisation
    tracking.note_references(True)
    try:
        with tracking.noting() as reads:
            assert pledge.commitment.organisation is organisation
        name = pledge.commitment.slug
    finally:
        tracking.note_references(False)
    assert reads == {((("@", "Pledge", name, pledge.id),), (".", "commitment")),
                     ((("@", "Commitment", name),), (".", "organisation"))}
    assert tracking.read(None, ((("@", "Pledge", name, pledge.id),), (".", "commitment")), registry) is \
        pledge.commitment
    assert "commitment" not in type(pledge).__dict__  # a plain field again once pages are written


def test_what_renders_differently_is_told_apart():
    fp = Fingerprints()
    assert fp.of("a < b") != fp.of(Markup("a < b"))  # one is escaped when rendered, the other not
    assert fp.of([1, 2]) != fp.of((1, 2)) != fp.of([2, 1])
    assert fp.of({"a": 1, "b": 2}) != fp.of({"b": 2, "a": 1})  # a dict is read in its order
    assert fp.of({"x", "y", "z"}) == fp.of({"z", "y", "x"})  # a set has none
    assert fp.of(date(2026, 11, 23)) != fp.of("2026-11-23")
    assert fp.of(1) != fp.of(True) != fp.of("1")


def test_an_undeclared_cycle_or_a_handle_is_never_taken_for_unchanged():
    @dataclasses.dataclass
    class Node:
        name: str
        other: object = None

    a = Node("a")
    a.other = Node("b", a)
    fp = Fingerprints()
    assert fp.of(a) != Fingerprints().of(a)  # no stable description: a page that read it is always rendered
    assert fp.undescribable
    handle = Fingerprints()
    assert handle.of(io.StringIO("x")) != Fingerprints().of(io.StringIO("x")) and handle.undescribable


def test_a_template_reads_through_the_wrappers_and_renders_the_same():
    _, views = views_of(TINY)
    env = Environment(autoescape=True)
    source = """{% for listing in views.directory.areas %}{{ listing.term.name }} {{ listing.listed | length }};{% endfor %}
{{ "coventry" in views.directory.counts.area }} {{ views.directory.counts.area.coventry }}
{% for k, v in views.directory.counts.area | dictsort %}{{ k }}={{ v }} {% endfor %}
{{ views.vocab.areas | list | first }} {{ views.vocab.stages.values() | map(attribute="name") | join(", ") }}
{{ views.vocab is mapping }} {{ views.directory.areas is sequence }} {{ views.organisations | length }}
{% for group, stages in views.register.stage_groups %}{{ group.name }}: {{ stages | map(attribute="id") | join }}{% endfor %}
{{ views.register.stage_url("recovery", "areas", "solihull") }} {{ views.directory.area_urls.get("nowhere", "-") }}"""
    plain = env.from_string(source).render(views=views)
    with tracking.noting() as reads:
        wrapped = env.from_string(source).render(views=tracking.track(views, ()))
    assert wrapped == plain
    area = next(i for i, listing in enumerate(views.directory.areas) if listing.term.id == "coventry")
    assert (((".", "directory"), (".", "areas"), ("[", area), (".", "listed")), ("#len",)) in reads
    assert (((".", "directory"), (".", "counts"), ("[", "area")), ("in", "coventry")) in reads
    assert (((".", "vocab"), ("[", "areas")), ("#keys",)) in reads
    assert any(op[0] == "()" and op[1] == "stage_url" for _, op in reads)
    assert (((".", "directory"), (".", "area_urls")), ("[", "nowhere")) in reads  # a miss is read too
    # Read again in a later build's views, each read gives the same value as it did.
    _, later = views_of(TINY)
    fp, fresh = Fingerprints(), Fingerprints()
    assert all(fp.of(tracking.read(views, r)) == fresh.of(tracking.read(later, r)) for r in reads)
    assert isinstance(tracking.track(views, ()).vocab, Mapping)


def test_markup_kept_once_for_a_record_notes_its_reads_on_every_page_given_it():
    _, views = views_of(TINY)
    env = Environment(autoescape=True)
    macros = env.from_string("{% macro row(org) %}{{ org.name }} {{ views.badges.by_slug[org.slug].label }}"
                             "{% endmacro %}")
    once, tracked = _once(), tracking.track(views, ())
    org = views.organisations[0]
    module = macros.make_module({"views": tracked})
    with tracking.noting() as first:
        markup = once(module.row, org)
    with tracking.noting() as second:
        assert once(module.row, org) == markup  # from the store, not rendered again
    assert first and second == first
