"""The built sample site against the URL map: every file the build writes is at an
address the map forms, and every record has its page where the map says (the map itself,
and that no code spells a path, is tests/unit/test_urls.py)."""

from __future__ import annotations

from c2c_registry.load.registry import load_registry
from c2c_registry.urls import Urls, save_as

from support.project import ROOT
from support.url_samples import address_segments


def test_every_file_the_build_writes_is_at_an_address_the_map_forms(site):
    folders, files = address_segments()
    top = {p.name for p in site.iterdir()}
    assert top <= folders | files, sorted(top - folders - files)
    services = {p.name for p in (site / "directory").iterdir() if (p / "index.html").is_file()}
    directory = {p.name for p in (site / "directory").iterdir()} - services
    assert directory <= folders | files, directory  # besides services, only the map's own pages and files


def test_every_record_has_a_page_where_the_map_says(site):
    registry, _ = load_registry(ROOT / "content")
    urls = Urls()
    records = [*registry.organisations.values(), *registry.commitments.values(), *registry.services.values()]
    for record in records:
        assert (site / save_as(urls.record(record))).is_file(), urls.record(record)
    pledge = registry.pledges[0]
    assert urls.record(pledge) == f"pledges/{pledge.commitment.slug}/#pledge-{pledge.id}"
