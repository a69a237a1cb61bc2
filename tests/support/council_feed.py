"""A council's Open Referral UK feed as live APIs serve it, for the import tests.

Two pages of the older ORUK list shape (`content`, `number`, `totalPages`, `last`): flat
services with an embedded `organization`, `pc_` extension fields with staff metadata
(who assured a record, and their e-mail), HTML descriptions full of entities, `&nbsp;`,
empty `<p><br></p>` and `<h4>` headings, invisible characters in addresses and e-mail
addresses, blank contacts, text far over our limits, a repeated id, a blank name, a
directory slug aimed outside content/, deep nesting, a service closed for good, a
belly-dancing class that has no place in a homelessness directory, and a name that
clashes with a hand-written file in tests/fixtures/tiny.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

from support.project import C2C, ROOT, TINY

GSS = "https://statistics.data.gov.uk/id/statistical-geography/"
STAFF_EMAIL = "jane.officer@sandwell.example.gov.uk"
STAFF_NAME = "Jane Officer"


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"level": depth}
    for level in range(depth - 1, 0, -1):
        value = {"level": level, "child": value}
    return value


def _org(name: str, url: str = "") -> dict[str, Any]:
    return {"id": f"org-{name.lower().replace(' ', '-')}", "name": name, "description": f"<p>{name}</p>",
            "url": url, "logo": "", "uri": ""}


def _staff() -> dict[str, Any]:
    """What a council's back office adds to every record: never for publication."""
    return {"pc_assured_by": STAFF_NAME, "pc_assured_by_email": STAFF_EMAIL, "pc_review_due": "2027-03-01",
            "pc_internal_notes": "<p>Checked by phone.</p>"}


def _weekdays(opens: str, closes: str, days: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday",
                                                                  "Friday")) -> list[dict[str, Any]]:
    return [{"id": f"s-{d}", "weekday": d, "opens_at": opens, "closes_at": closes, "freq": "WEEKLY"} for d in days]


LONG_PARAGRAPH = ("Our caseworkers help with every part of finding and keeping a home, from the first phone call "
                  "to the day you move in and the months after. ") * 12

ADVICE = {
    "id": "1001",
    "name": "Sandwell Housing Advice &amp; Homelessness Service",
    "description": ("<h4>What we do</h4><p>Free&nbsp;advice if you are homeless or at risk of losing your "
                    "home.&nbsp;</p><p><br></p><ul><li>Tenancy problems<ul><li>Rent arrears &amp; eviction"
                    "</li><li>Disrepair</li></ul></li><li>Emergency accommodation</li></ul><p>&nbsp;</p>"
                    "<p>See <a href=\"javascript:alert(document.cookie)\">our page</a>, or "
                    "<a href=\"https://www.sandwell.example.gov.uk/housing\">the council&#8217;s site</a>."
                    "</p><script>alert(1)</script>"),
    "url": "www.sandwell.example.gov.uk/housing",
    "email": "housing_advice@sandwell.example.gov.uk.",
    "status": "active",
    "fees": "Free",
    "assured_date": "2026-09-01T10:15:00Z",
    "organization": _org("Sandwell Council", "https://www.sandwell.example.gov.uk"),
    "contacts": [{"id": "c1", "name": "Housing Solutions", "phones": [{"number": "0121-569-6000"}]}],
    "eligibilitys": [{"eligibility": "<p>Anyone living in Sandwell&nbsp;</p>", "minimum_age": 16}],
    "languages": [{"language": "English"}, {"language": "Polish"}],
    "regular_schedules": _weekdays("09:00:00", "17:00:00"),
    "service_areas": [{"service_area": "Sandwell", "uri": GSS + "E08000028"}],
    "service_at_locations": [{"location": {
        "id": "l1", "name": "Sandwell Council House", "latitude": "52.5055", "longitude": -2.0175,
        "physical_addresses": [{"address_1": "Council\u200b House\u00a0", "address_2": "Freeth Street",
                                "city": "Oldbury", "postal_code": "b69 3de", "country": "GB"}],
        "accessibility_for_disabilities": [{"accessibility": "Step-free&nbsp;entrance &amp; hearing loop"}]}}],
    "service_taxonomys": [{"taxonomy": {"id": "T-HOME", "name": "Homelessness", "vocabulary": "pc_categories"}},
                          {"taxonomy": {"id": "T-ADV", "name": "Housing advice", "vocabulary": "pc_categories"}}],
    "pc_metadata": _nested(30),
    **_staff(),
}

DANCING = {
    "id": "1002", "name": "Belly Dancing for Beginners",
    "description": "<p>Fun &amp; fitness every Tuesday.</p>", "email": "dance@example.org", "status": "active",
    "organization": _org("Oldbury Dance Club"),
    "service_taxonomys": [{"taxonomy": {"id": "T-LEIS", "name": "Leisure", "vocabulary": "pc_categories"}}],
    "service_areas": [{"service_area": "Sandwell", "uri": GSS + "E08000028"}],
    **_staff(),
}

NAMELESS = {"id": "1003", "name": "  \u200b ", "description": "<p>A service without a name.</p>",
            "email": "nameless@example.org", **_staff()}

NIGHT_SHELTER = {
    "id": "1004", "name": "Night Shelter",
    "description": "Beds for the night for people sleeping rough.\n\nTurn up from 8pm; no referral needed.",
    "status": "active", "organization": _org("Oldbury Churches"),
    "contacts": [{"id": "c4", "phones": [{"number": "+44 (0)121 496 0000"}]}],
    "regular_schedules": _weekdays("00:00", "00:00", ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                                      "Saturday", "Sunday")),
    "service_taxonomys": [{"taxonomy": {"id": "T-HOME", "name": "Homelessness", "vocabulary": "pc_categories"}}],
    "service_areas": [{"service_area": "Sandwell", "uri": GSS + "E08000028"}],
    **_staff(),
}

NO_CONTACT = {
    "id": "1005", "name": "Drop-in Advice Surgery", "description": "<p><br></p>", "email": "", "url": " ",
    "organization": _org("Advice Network"), "contacts": [{"id": "c5", "phones": [{"number": ""}, {"number": " "}]}],
    **_staff(),
}

WORDY = {
    "id": "1006",
    "name": "Tenancy Sustainment and Resettlement Support " + "for Families and Single People " * 8,
    "description": "".join(f"<p>{LONG_PARAGRAPH}</p>" for _ in range(20)),
    "email": "tenancy@sandwell.example.gov.uk",
    "eligibilitys": [{"eligibility": "Anyone at risk of losing their tenancy. " * 90}],
    "organization": _org("Sandwell Council"),
    "service_taxonomys": [{"taxonomy": {"id": "T-ADV", "name": "Housing advice", "vocabulary": "pc_categories"}}],
    **_staff(),
}

DUPLICATE = {"id": "1001", "name": "Housing Advice (old copy)", "email": "old@example.org",
             "description": "<p>Superseded.</p>", **_staff()}

DEBT = {
    "id": "1007", "name": "Money\u00adAdvice Drop\u2011in",
    "description": "<p>Help\ufeff with debt\u0007 and benefits.</p><p><br/></p><p>Bring letters &amp; bills.</p>",
    "email": "help\u200b@sandwelldebt.example.org",
    "contacts": [{"id": "c7", "phones": [{"number": "0121 569 6000 ext 123"}]}],
    "organization": _org("Sandwell Debt Advice"),
    "service_taxonomys": [{"taxonomy": {"id": "T-DEBT", "name": "Debt advice", "vocabulary": "pc_categories"}}],
    "service_areas": [{"service_area": "Sandwell", "uri": GSS + "E08000028"}],
    **_staff(),
}

CLOSED = {"id": "1008", "name": "Old Hostel", "status": "defunct", "email": "hostel@example.org",
          "description": "<p>Closed in 2025.</p>", **_staff()}

DEEP_HTML = {
    "id": "1009", "name": "Deeply Nested Leaflet", "email": "leaflet@example.org",
    "description": "<div>" * 400 + "<p>Help with housing.</p>" + "</div>" * 400 + "<ul><li>" * 300 + "deep"
                   + "</li></ul>" * 300,
    "service_taxonomys": [{"taxonomy": {"id": "T-HOME", "name": "Homelessness", "vocabulary": "pc_categories"}}],
    **_staff(),
}

REFUGE = {
    "id": "1010", "name": "Women\u2019s Refuge", "email": "refuge@example.org",
    "description": "Safe accommodation for women and children escaping domestic abuse.\nCall any time.",
    "service_at_locations": [{"location": {"name": "Confidential", "physical_addresses": [
        {"address_1": "Confidential address", "city": "Sandwell", "postal_code": "NOT A POSTCODE"}]}}],
    "service_taxonomys": [{"taxonomy": {"id": "T-DA", "name": "Domestic abuse", "vocabulary": "pc_categories"}}],
    **_staff(),
}


def _slugged(key: str, name: str, slug: str) -> dict[str, Any]:
    """A record carrying a directory slug attribute, as our own export writes one."""
    return {"id": key, "name": name, "email": f"{key}@example.org", "description": f"<p>{name}.</p>",
            "attributes": [{"link_type": "c2c-directory-slug", "value": slug,
                            "taxonomy_term": {"code": "slug", "taxonomy": "c2c-directory-slug"}}], **_staff()}


HOSTILE_UP = _slugged("1011", "Outreach Team", "../../x")
HOSTILE_ROOT = _slugged("1012", "Street Outreach", "/tmp/x")
RESERVED = _slugged("1013", "Areas Service Directory", "areas")

PAGE_ONE = [ADVICE, DANCING, NAMELESS, NIGHT_SHELTER, NO_CONTACT, WORDY]
PAGE_TWO = [DUPLICATE, DEBT, CLOSED, DEEP_HTML, REFUGE, HOSTILE_UP, HOSTILE_ROOT, RESERVED]
RECORDS = PAGE_ONE + PAGE_TWO


def page(records: list[dict[str, Any]], number: int, total: int) -> dict[str, Any]:
    """One page shaped like a live ORUK list endpoint's answer."""
    return {"totalElements": len(RECORDS), "totalPages": total, "number": number, "size": 8,
            "first": number == 1, "last": number == total, "content": records}


PAGES = [page(PAGE_ONE, 1, 2), page(PAGE_TWO, 2, 2)]


def write_pages(folder: Path, pages: list[dict[str, Any]] = PAGES) -> Path:
    """The feed as a folder of page files, page-1.json, page-2.json, …"""
    folder.mkdir(parents=True, exist_ok=True)
    for n, document in enumerate(pages, 1):
        (folder / f"page-{n}.json").write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return folder


def run_import(source, content: Path, *options: str) -> subprocess.CompletedProcess:
    return subprocess.run([*C2C, "import-hsds", str(source), "--content", str(content), *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def counted(out: str, label: str) -> int:
    """The number on a summary line such as 'Unchanged:   10 files'."""
    return int(re.search(rf"^{label}:\s+([\d,]+) ", out, re.M).group(1).replace(",", ""))  # type: ignore[union-attr]


def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the tiny content (with its hand-written services) and the feed's pages."""
    content = tmp_path / "site" / "content"
    shutil.copytree(TINY, content)
    return content, write_pages(tmp_path / "feed")
