"""`c2c import-hsds` on a feed shaped like a live council's (tests/support/council_feed.py): the files
it writes pass the real `c2c validate`, nothing outside content/services/ is touched, a
second import changes nothing, a re-import updates only its own files, and the report
says what happened."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from c2c_registry.load.registry import load_registry

from support import council_feed
from support.council_feed import counted, run_import, workspace
from support.project import C2C, ROOT, TINY, validate

FEED = "sandwell-test-feed"
NEW_FILES = {"sandwell-housing-advice-homelessness-service.yaml", "belly-dancing-for-beginners.yaml",
             "night-shelter-2.yaml", "moneyadvice-drop-in.yaml", "deeply-nested-leaflet.yaml", "women-s-refuge.yaml",
             "x.yaml", "tmp-x.yaml", "areas-service.yaml",
             "tenancy-sustainment-and-resettlement-support-for-families-and-single-people-for.yaml"}


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    """Every file under `folder`: its hash and its modification time, by path."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """The council feed imported once into a copy of the tiny content."""
    tmp = tmp_path_factory.mktemp("import")
    content, feed = workspace(tmp)
    outside = tmp / "x.yaml"
    before = snapshot(tmp / "site")
    result = run_import(feed, content, "--feed", FEED, "--report", str(tmp / "report.json"))
    assert result.returncode == 0, result.stderr
    return {"tmp": tmp, "content": content, "feed": feed, "result": result, "before": before, "outside": outside,
            "report": json.loads((tmp / "report.json").read_text("utf-8"))}


def service_text(imported, name: str) -> str:
    return (imported["content"] / "services" / name).read_text("utf-8")


def test_the_council_feed_imports_to_files_that_pass_validate(imported):
    checked = validate(imported["content"])
    assert checked.returncode == 0, checked.stdout
    assert "No problems found" in checked.stdout
    services = {p.name for p in (imported["content"] / "services").iterdir()}
    assert services == NEW_FILES | {"helpline.yaml", "night-shelter.yaml"}
    fmt = subprocess.run([*C2C, "fmt", "--check", str(imported["content"] / "services")], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert fmt.returncode == 0, fmt.stdout  # written in the canonical form, key order and all


def test_nothing_outside_content_services_is_touched(imported):
    after = snapshot(imported["tmp"] / "site")
    changed = {p for p in set(after) | set(imported["before"]) if after.get(p) != imported["before"].get(p)}
    assert changed == {f"content/services/{name}" for name in NEW_FILES}
    assert not imported["outside"].exists() and not (imported["tmp"] / "site" / "x.yaml").exists()
    assert not list(imported["content"].parent.parent.glob("**/tmp/x.yaml"))


def test_hostile_directory_slugs_go_through_the_slug_rule_and_are_reported(imported):
    out = imported["result"].stdout
    assert "slug: the feed's directory slug is not a valid file name; made one from it: 2 services (x, tmp-x)" in out
    assert "Outreach Team" in service_text(imported, "x.yaml")
    assert "Street Outreach" in service_text(imported, "tmp-x.yaml")
    assert "'areas' is the name of one of the directory's own pages; written as content/services/areas-service.yaml" in out


def test_html_descriptions_become_the_projects_markdown(imported):
    registry, problems = load_registry(imported["content"])
    assert not problems
    advice = registry.services["sandwell-housing-advice-homelessness-service"]
    assert advice.name == "Sandwell Housing Advice & Homelessness Service"  # the entity decoded
    assert advice.summary == "Free advice if you are homeless or at risk of losing your home."
    text = service_text(imported, "sandwell-housing-advice-homelessness-service.yaml")
    assert ("description: |-\n  **What we do**\n\n  Free advice if you are homeless or at risk of losing your home.\n\n"
            "  - Tenancy problems\n    - Rent arrears & eviction\n    - Disrepair\n  - Emergency accommodation\n\n"
            "  See our page, or [the council’s site](https://www.sandwell.example.gov.uk/housing).\n") in text
    html = str(advice.description_html)
    assert "<ul>\n<li>Tenancy problems\n<ul>\n<li>Rent arrears &amp; eviction</li>" in html
    for gone in ("javascript", "<script", "&amp;nbsp;", "\xa0", "<h4>", "<br>", "alert("):
        assert gone not in html and gone not in text
    assert '<a href="https://www.sandwell.example.gov.uk/housing" rel="noopener noreferrer">the council’s site</a>' in html


def test_values_are_repaired_and_the_repairs_reported(imported):
    text = service_text(imported, "sandwell-housing-advice-homelessness-service.yaml")
    for kept in ('phone: "0121 569 6000"', "email: housing_advice@sandwell.example.gov.uk\n",
                 "website: https://www.sandwell.example.gov.uk/housing", "postcode: B69 3DE",
                 "address: [Council House, Freeth Street]", "lat: 52.5055", "accessibility: Step-free entrance & hearing loop",
                 "eligibility: Anyone living in Sandwell. Ages 16 and over.\n", "last_verified: 2026-09-01",
                 "hours:\n  - days: [mon, tue, wed, thu, fri]\n    opens: \"09:00\"\n    closes: \"17:00\"\n", "cost: free"):
        assert kept in text
    debt = service_text(imported, "moneyadvice-drop-in.yaml")
    assert "email: help@sandwelldebt.example.org\n" in debt and "\u200b" not in debt and "\x07" not in debt
    assert "always_open: true" in service_text(imported, "night-shelter-2.yaml")
    out = imported["result"].stdout
    for line in ("contact.email: a trailing dot, mailto: or brackets removed: 1 service "
                 "(sandwell-housing-advice-homelessness-service)",
                 "contact.email: invisible characters or spaces removed: 1 service (moneyadvice-drop-in)",
                 "contact.website: added https:// to a www. address: 1 service",
                 "locations[0].postcode: written in capitals with one space: 1 service",
                 "contact.phone: punctuation tidied: 3 services",
                 "contact.phone: extension left out (the directory has no place for it): 1 service (moneyadvice-drop-in)",
                 "locations[0]: a place without a street, town and UK postcode: 1 service (women-s-refuge)",
                 "description: longer than 20,000 characters; cut between paragraphs: 1 service",
                 "eligibility: longer than 2,000 characters; cut at a sentence or word: 1 service",
                 "name: longer than 200 characters; cut at a word: 1 service"):
        assert line in out


def test_over_long_text_is_cut_at_a_boundary(imported):
    registry, _ = load_registry(imported["content"])
    wordy = registry.services["tenancy-sustainment-and-resettlement-support-for-families-and-single-people-for"]
    assert len(wordy.name) <= 200 and wordy.name.endswith("People…")
    assert wordy.summary == ("Our caseworkers help with every part of finding and keeping a home, from the first phone "
                             "call to the day you move in and the months after.")
    assert len(wordy.eligibility) <= 2000 and wordy.eligibility.endswith("tenancy.")
    data = (imported["content"] / "services" / "tenancy-sustainment-and-resettlement-support-for-families-and-single"
            "-people-for.yaml").read_text("utf-8")
    paragraph = council_feed.LONG_PARAGRAPH.strip()
    fit = (20_000 + 2) // (len(paragraph) + 2)  # whole paragraphs, a blank line between
    assert data.count(paragraph) == fit and data.count("Our caseworkers") == 12 * fit + 1  # and the summary


def test_records_not_brought_in_are_listed_with_why(imported):
    out = imported["result"].stdout
    assert counted(out, "Skipped") == 4
    for line in ("record 3 (id 1003): it has no name",
                 "record 5 (id 1005) Drop-in Advice Surgery: it has no phone number, e-mail or web address the "
                 "directory can show",
                 "record 7 (id 1001) Housing Advice (old copy): it has the same id as record 1, which was used",
                 "record 9 (id 1008) Old Hostel: the feed says it has closed for good (defunct)"):
        assert line in out
    counts = imported["report"]["counts"]
    assert counts == {"records": 14, "created": 10, "updated": 0, "unchanged": 0, "not-chosen": 0, "skipped": 4,
                      "gone": 0}
    skipped = {r["id"]: r["reason"] for r in imported["report"]["records"] if r["result"] == "skipped"}
    assert skipped["1003"] == "it has no name"


def test_staff_metadata_never_reaches_a_file_or_the_report(imported):
    for path in imported["content"].rglob("*"):
        if path.is_file():
            text = path.read_text("utf-8", errors="replace")
            assert council_feed.STAFF_EMAIL not in text and council_feed.STAFF_NAME not in text, path
    report = json.dumps(imported["report"]) + imported["result"].stdout
    assert council_feed.STAFF_EMAIL not in report and council_feed.STAFF_NAME not in report
    assert imported["report"]["unused_fields"]["pc_assured_by_email"] == 14  # named, never quoted
    assert "pc_assured_by_email (14)" in imported["result"].stdout


def test_each_file_says_where_it_came_from(imported):
    text = service_text(imported, "night-shelter-2.yaml")
    assert text.endswith(f"imported_from:\n  feed: {FEED}\n  id: \"1004\"\n  imported: 2026-11-23\n"
                         f"  fingerprint: {text[-17:-1]}\n")


def test_a_hand_written_file_with_a_clashing_name_survives(imported):
    assert service_text(imported, "night-shelter.yaml") == (TINY / "services" / "night-shelter.yaml").read_text("utf-8")
    assert ("Night Shelter (id 1004): content/services/night-shelter.yaml is there already and is not from this "
            "feed; written as content/services/night-shelter-2.yaml") in imported["result"].stdout


def test_a_second_import_of_the_same_feed_changes_nothing(imported, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(imported["tmp"] / "site", site)
    before = snapshot(site)
    again = run_import(imported["feed"], site / "content", "--feed", FEED, "--date", "2027-01-15")
    assert again.returncode == 0, again.stderr
    assert snapshot(site) == before  # byte for byte, and not even rewritten
    assert counted(again.stdout, "Unchanged") == 10 and counted(again.stdout, "Brought in") == 0


def test_a_reimport_updates_only_its_own_files_and_keeps_what_people_set(imported, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(imported["tmp"] / "site", site)
    services = site / "content" / "services"
    advice = services / "sandwell-housing-advice-homelessness-service.yaml"
    edited = advice.read_text("utf-8").replace("stages: [crisis-prevention-and-relief]", "stages: [targeted-prevention]")
    advice.write_text(edited.replace("status: active\n", "status: active\naccess: [step-free]\n"), "utf-8")
    refuge = services / "women-s-refuge.yaml"
    refuge.write_text(refuge.read_text("utf-8").replace("summary: Safe", "summary: Confidential, safe"), "utf-8")
    hand_written = snapshot(services)
    pages = copy.deepcopy(council_feed.PAGES)
    pages[0]["content"][0]["contacts"][0]["phones"][0]["number"] = "0121 569 6001"
    pages[1]["content"] = [r for r in pages[1]["content"] if r["id"] != "1007"]  # the debt service has gone
    feed = council_feed.write_pages(tmp_path / "feed", pages)
    result = run_import(feed, site / "content", "--feed", FEED, "--date", "2027-01-15")
    assert result.returncode == 0, result.stderr
    text = advice.read_text("utf-8")
    assert 'phone: "0121 569 6001"' in text and "imported: 2027-01-15" in text
    assert "stages: [targeted-prevention]" in text  # the feed says nothing of stages: the officer's choice stays
    assert "access: [step-free]" in text
    after = snapshot(services)
    changed = {p for p in after if after[p] != hand_written.get(p)}
    assert changed == {advice.name}  # the refuge's record is unchanged in the feed: its hand edit stays
    assert "Confidential, safe" in refuge.read_text("utf-8")
    assert (services / "moneyadvice-drop-in.yaml").exists()
    assert "No longer in the feed (the files are kept; check whether these services have closed):\n" \
           "  content/services/moneyadvice-drop-in.yaml (id 1007)" in result.stdout
    assert counted(result.stdout, "Updated") == 1 and counted(result.stdout, "Unchanged") == 8


def test_dry_run_says_what_would_happen_and_writes_nothing(tmp_path):
    content, feed = workspace(tmp_path)
    before = snapshot(tmp_path / "site")
    result = run_import(feed, content, "--dry-run", "--feed", FEED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Dry run (nothing was written): import of feed")
    assert counted(result.stdout, "Would bring in") == 10
    assert snapshot(tmp_path / "site") == before


def test_the_import_date_comes_from_the_option_or_the_build_date(tmp_path):
    content, feed = workspace(tmp_path)
    result = run_import(feed, content, "--taxonomy", "Debt advice", "--date", "2027-02-03")
    assert result.returncode == 0, result.stderr
    assert "imported: 2027-02-03" in (content / "services" / "moneyadvice-drop-in.yaml").read_text("utf-8")
    bad = run_import(feed, content, "--date", "3 Feb")
    assert bad.returncode == 2 and "--date must be a date written YYYY-MM-DD" in bad.stderr
