"""One case per validation rule: the tiny site is valid; one edit makes it invalid with
a problem that names the file, the line, the field and the rule, and says what to do.
Then the rule registry itself: every rule has a test case and a row in the README."""


import ast
import json
import re

import pytest
from PIL import Image

from c2c_registry.load.positions import SourceError
from c2c_registry.load.registry import load_registry
from c2c_registry.load.schema_messages import KEYWORD_RULES
from c2c_registry.package_data import schema_dir
from c2c_registry.rules.problems import Problem, report
from c2c_registry.rules.rules import RULES, markdown_table

from support.content_corpus import ALERT, COMMITMENT, HELPLINES, write_files
from support.content_corpus import SERVICE as SERVICE_TEMPLATE
from support.project import ROOT, TINY
from support.tiny_site import edit, problems_after, tiny_copy

ORG = "organisations/alpha-trust.yaml"
PLEDGE = "pledges/alpha-trust-2021.md"
SERVICE = "services/night-shelter.yaml"
PAGE = "pages/about.md"


def test_tiny_fixture_is_valid():
    registry, problems = load_registry(TINY)
    assert problems == []
    assert set(registry.organisations) == {"alpha-trust", "beta-housing"}
    commitment = registry.commitments["alpha-trust-2021"]
    assert [p.stage for p in commitment.pledges] == [s.id for s in registry.stages]
    assert commitment.actions[5].stage == "move-on-support"  # explicit stage beats the pledge's
    assert commitment.actions[0].status == "planned"  # the default
    assert registry.services["night-shelter"].organisation is registry.organisations["beta-housing"]


# (file, old text, new text, expected path:line, field, words in the message, rule)
CASES = {
    "missing required field": (ORG, "summary: A fictional hospital trust used by the tests.\n", "", "1", "summary", "missing", "required-field"),
    "unknown field": (ORG, "sector: health", "sector: health\ncolour: red", "3", "colour", "unknown field 'colour'", "unknown-field"),
    "wrong type": (PLEDGE, "participants: 9", "participants: nine", "6", "participants", "whole number", "wrong-type"),
    "no parsed as false": (PLEDGE, "measure: Count of staff trained", "measure: no", "46", "actions[0].measure", 'put it in quotes, "no"', "wrong-type"),
    "time parsed as number": (SERVICE, 'opens: "19:00"', "opens: 19:00", "18", "hours[0].opens", '"19:00"', "wrong-type"),
    "not a real date": (PLEDGE, "held: 2021-05-12", "held: 2021-02-30", "4", "held", "YYYY-MM-DD", "bad-format"),
    "unknown vocabulary id": (ORG, "sector: health", "sector: helth", "2", "sector", "did you mean 'health'", "vocabulary"),
    "unknown stage": (PLEDGE, "stage: recovery", "stage: recover", "34", "pledges[3].stage", "known stages", "vocabulary"),
    "unknown client group": (SERVICE, "[rough-sleepers]", "[rough-sleeper]", "5", "client_groups[0]", "not one of the known client groups; did you mean 'rough-sleepers'", "vocabulary"),
    "unknown access fact": (SERVICE, "client_groups: [rough-sleepers]", "client_groups: [rough-sleepers]\naccess: [step-free, wifi]", "6", "access[1]", "not one of the known access facts; known values: accessible-toilet,", "vocabulary"),
    "dangling organisation": (PLEDGE, "organisation: alpha-trust", "organisation: alpha-trusts", "2", "organisation", "did you mean 'alpha-trust'", "organisation-reference"),
    "dangling partner": (ORG, "partners: [beta-housing]", "partners: [gamma]", "12", "partners[0]", "not one of the known organisations", "organisation-reference"),
    "own partner": (ORG, "partners: [beta-housing]", "partners: [alpha-trust]", "12", "partners[0]", "own partner", "organisation-reference"),
    "dangling pledge id": (PLEDGE, "  - pledge: culture", "  - pledge: cultur", "42", "actions[0].pledge", "did you mean 'culture'", "pledge-reference"),
    "duplicate pledge id": (PLEDGE, "id: refer", "id: culture", "25", "pledges[1].id", "already used", "duplicate-pledge-id"),
    "approval before session": (PLEDGE, "approved: 2021-06-01", "approved: 2021-05-01", "8", "approved", "before the session", "date-order"),
    "deadline before session": (PLEDGE, "due: 2022-01-01\n    measure: Patients", "due: 2020-01-01\n    measure: Patients", "65", "actions[3].due", "before the session", "date-order"),
    "updates out of order": (PLEDGE, "date: 2022-01-10", "date: 2021-08-10", "56", "actions[1].updates[1].date", "oldest first", "date-order"),
    "review before approval": (PLEDGE, "review_due: 2022-06-01", "review_due: 2021-01-01", "9", "review_due", "before approval", "date-order"),
    "renewal before award": (ORG, "renewal_due: 2022-06-01", "renewal_due: 2020-06-01", "11", "c2c.renewal_due", "before the award", "date-order"),
    "awarded without date": (ORG, "  awarded: 2021-06-01\n", "", "8", "c2c.awarded", "add `awarded:`", "required-field"),
    "bad slug in a field": (ORG, "areas: [birmingham, solihull]", "areas: [Birmingham]", "3", "areas[0]", "lower-case", "bad-format"),
    "summary too long": (ORG, "summary: A fictional hospital trust used by the tests.", "summary: " + "x" * 301, "4", "summary", "limit is 300", "too-long"),
    "both organisation and provider": (SERVICE, "organisation: beta-housing", "organisation: beta-housing\nprovider: Someone", "1", "(file)", "not both", "field-combination"),
    "empty contact": (SERVICE, 'contact:\n  phone: "024 7649 0001"', "contact: {}", "14", "contact", "at least one of phone", "empty-value"),
    "javascript website": (ORG, "website: https://alpha.example.org", "website: javascript:alert(1)", "7", "website", "https://", "bad-format"),
    "email with hidden headers": (ORG, "website: https://alpha.example.org", "website: https://alpha.example.org\ncontact_email: x?bcc=someone%40elsewhere&x=@example.org", "8", "contact_email", "with no ?, &, % or # in it", "bad-format"),
    "zero-length hours": (SERVICE, 'closes: "08:00"', 'closes: "19:00"', "19", "hours[0].closes", "always_open", "hours"),
    "last entry after closing": (SERVICE, 'closes: "08:00"', 'closes: "08:00"\n    last_entry: "09:30"', "20", "hours[0].last_entry",
                                 "last entry (09:30) is not between opening (19:00) and closing (08:00)", "hours"),
    "list where a mapping belongs": (ORG, "c2c:\n  status: awarded\n  awarded: 2021-06-01\n  renewal_due: 2022-06-01\n", "c2c: [awarded]\n", "8", "c2c", "set of fields", "wrong-type"),
    "date written day first": (PLEDGE, "held: 2021-05-12", "held: 15/09/2026", "4", "held", "'15/09/2026' is not a date written YYYY-MM-DD, e.g. 2026-09-15", "bad-format"),
    "misspelt required field": (ORG, "summary:", "sumary:", "4", "sumary", "unknown field 'sumary'; did you mean 'summary'?", "unknown-field"),
    "capitals in an id": (PLEDGE, "organisation: alpha-trust", "organisation: Alpha Trust", "2", "organisation", "e.g. 'alpha-trust'", "bad-format"),
    "same area twice": (ORG, "areas: [birmingham, solihull]", "areas: [birmingham, birmingham]", "3", "areas", "same item twice", "duplicate-item"),
    "no participants": (PLEDGE, "participants: 9", "participants: 0", "6", "participants", "0 is out of range", "out-of-range"),
    "latitude without longitude": (SERVICE, "    lon: -1.51\n", "", "8", "locations[0].lon", "add `lon:` as well", "field-combination"),
    "empty lead": (PLEDGE, "lead: JT", "lead: ''", "44", "actions[0].lead", "this is empty", "empty-value"),
    "unknown status": (PLEDGE, "status: done", "status: finished", "67", "actions[3].status", "'finished' is not allowed here", "not-allowed-value"),
    # text must have something to read; numbers must be numbers; no control characters
    "name of spaces only": (ORG, "name: Alpha Health Trust", "name: '   '", "1", "name", "only spaces", "empty-value"),
    "empty name": (ORG, "name: Alpha Health Trust", "name: ''", "1", "name", "this is empty", "empty-value"),
    "service summary of spaces": (SERVICE, "summary: Beds for the night.", 'summary: "\\t \\u00a0"', "3", "summary", "only spaces", "empty-value"),
    "action text of spaces": (PLEDGE, "    text: Overdue planned action", "    text: '  '", "43", "actions[0].text", "only spaces", "empty-value"),
    "measure of spaces": (PLEDGE, "measure: Count of staff trained", "measure: ' '", "46", "actions[0].measure", "only spaces", "empty-value"),
    "lead of spaces": (PLEDGE, "lead: JT", "lead: ' '", "44", "actions[0].lead", "only spaces", "empty-value"),
    "latitude .nan": (SERVICE, "lat: 52.40", "lat: .nan", "12", "locations[0].lat", "52.48", "not-a-number"),
    "longitude .inf": (SERVICE, "lon: -1.51", "lon: -.inf", "13", "locations[0].lon", "-.inf is YAML for 'not a number' or infinity", "not-a-number"),
    "escape character in quotes": (ORG, "name: Alpha Health Trust", 'name: "Alpha \\e[31mTrust"', "1", "name", "U+001B, escape", "control-character"),
    "bell typed into a file": (ORG, "name: Alpha Health Trust", "name: Alpha\x07 Trust", "1", "(file)", "(U+0007, bell) at column 12", "control-character"),
    "mistyped collaborator": (PLEDGE, "[beta-housing, ", "[beta-housign, ", "7", "collaborators[0]", "did you mean 'beta-housing'? If this is a group outside the registry, write its name in words, e.g. Beta Housign", "organisation-reference"),
    # pages
    "page date day first": (PAGE, "Slug: about", "Slug: about\nDate: 15/09/2026", "3", "Date", "'15/09/2026' is not a date written YYYY-MM-DD", "bad-format"),
    "page date that does not exist": (PAGE, "Slug: about", "Slug: about\nModified: 2026-02-30", "3", "Modified", "is not a date", "bad-format"),
    "page slug of the directory": (PAGE, "Slug: about", "Slug: directory", "2", "Slug", "(/directory/); change Slug:", "reserved-slug"),
    "page without a title": (PAGE, "Title: About\n", "", "1", "Title", "no Title: line", "required-field"),
    "page template": (PAGE, "Slug: about", "Slug: about\nTemplate: home", "3", "Template", "unknown field 'Template'", "unknown-field"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule(tmp_path, case):
    relpath, old, new, line, field, words, rule = CASES[case]
    problems = problems_after(tmp_path, relpath, old, new)
    matching = [p for p in problems if p.path == f"content/{relpath}" and p.field == field]
    assert matching, f"no problem for {field} in {[p.plain() for p in problems]}"
    assert str(matching[0].line) == line, matching[0].plain()
    assert words in matching[0].message, matching[0].plain()
    assert matching[0].plain().endswith(f" [{rule}]"), matching[0].plain()


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: helth")
    edit(content, PLEDGE, "approach: roundtable", "approach: round-table")
    edit(content, SERVICE, "[coventry]", "[coventri]")
    _, problems = load_registry(content)
    assert {p.path for p in problems} == {f"content/{ORG}", f"content/{PLEDGE}", f"content/{SERVICE}"}


@pytest.mark.rule("file-name")
def test_file_name_that_is_not_a_slug(tmp_path):
    content = tiny_copy(tmp_path)
    (content / SERVICE).rename(content / "services/Night Shelter.yaml")
    _, problems = load_registry(content)
    assert any(p.path == "content/services/Night Shelter.yaml" and "night-shelter" in p.message for p in problems)
    assert {p.rule for p in problems if p.path == "content/services/Night Shelter.yaml"} == {"file-name"}


@pytest.mark.rule("duplicate-slug")
def test_two_files_with_the_same_slug(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "services/more").mkdir()
    (content / "services/more/night-shelter.yml").write_text((content / SERVICE).read_text())
    _, problems = load_registry(content)
    assert [p.path for p in problems if "same name" in p.message] == ["content/services/night-shelter.yaml"] or \
        [p.path for p in problems if "same name" in p.message] == ["content/services/more/night-shelter.yml"]
    assert [p.rule for p in problems if "same name" in p.message] == ["duplicate-slug"]


@pytest.mark.rule("service-reference")
def test_an_alert_naming_a_service_that_does_not_exist(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "alerts").mkdir()
    (content / "alerts/cold-snap.yaml").write_text(
        "title: Cold snap\nmessage: Extra beds.\nactive_from: 2026-12-01\nactive_until: 2026-12-03\n"
        "services:\n  - service: night-shelters\n    hours:\n      - days: [fri]\n"
        "        opens: \"17:00\"\n        closes: \"09:00\"\n")
    _, problems = load_registry(content)
    assert [p.plain() for p in problems] == [
        "content/alerts/cold-snap.yaml:6:14: services[0].service: 'night-shelters' is not one of the known services; "
        "did you mean 'night-shelter'? Known values: helpline, night-shelter [service-reference]"]




def helplines_problems(tmp_path, text: str):
    content = tiny_copy(tmp_path)
    (content / "helplines.yaml").write_text(text, "utf-8")
    return load_registry(content)


def test_helplines_are_read_by_the_one_loader_and_a_service_gives_its_number(tmp_path):
    registry, problems = helplines_problems(tmp_path, HELPLINES)
    assert problems == []
    first, second = registry.helplines
    assert (first.name, first.phone, first.for_whom, first.service) == ("Emergency services", "999", "In immediate danger", None)
    assert (second.name, second.phone) == ("Test Night Shelter", "024 7649 0001")
    assert second.service is registry.services["night-shelter"]


@pytest.mark.rule("service-reference")
def test_a_helpline_naming_a_service_that_does_not_exist(tmp_path):
    _, problems = helplines_problems(tmp_path, HELPLINES.replace("service: night-shelter", "service: night-shelters"))
    assert [p.plain() for p in problems] == [
        "content/helplines.yaml:5:14: helplines[1].service: 'night-shelters' is not one of the known services; "
        "did you mean 'night-shelter'? Known values: helpline, night-shelter [service-reference]"]


def test_a_helpline_needs_a_number_or_a_service_and_its_number_written_as_one(tmp_path):
    _, problems = helplines_problems(tmp_path, HELPLINES.replace('    phone: "999"\n', ""))
    assert [(p.line, p.field, p.rule) for p in problems] == [(2, "helplines[0]", "field-combination")]
    assert "give a name and a phone number (or a website), or name a directory service" in problems[0].message
    _, problems = helplines_problems(tmp_path / "again", HELPLINES.replace('"999"', '"nine nine nine"'))
    assert [(p.line, p.field, p.rule) for p in problems] == [(4, "helplines[0].phone", "bad-format")]


def test_a_commitment_without_approval_says_wmca_adds_it(tmp_path):
    """The form leaves `approved:` out; the check says it is WMCA's to add."""
    problems = problems_after(tmp_path, PLEDGE, "approved: 2021-06-01\n", "")
    assert [p.plain() for p in problems] == [
        "content/pledges/alpha-trust-2021.md:2:1: approved: WMCA adds this when it approves the plan: add "
        "`approved:` with that date, e.g. approved: 2026-11-24, before merging [required-field]"]


def test_the_old_help_now_setting_says_where_the_helplines_went():
    from c2c_registry.settings import SettingsError, check_settings

    with pytest.raises(SettingsError, match="C2C_HELP_NOW is no longer a setting: the helplines are content now: "
                                            r"edit content/helplines.yaml"):
        check_settings({"C2C_HELP_NOW": []})


def test_dated_hours_and_access_facts_are_accepted_and_checked(tmp_path):
    extra = ("bank_holidays: closed\naccess: [step-free, dogs-welcome]\nexceptions:\n"
             "  - date: 2026-12-25\n    opens: \"11:00\"\n    closes: \"15:00\"\n    note: Christmas lunch\n"
             "  - from: 2027-01-02\n    to: 2027-01-01\n    closed: true\n"
             "sessions:\n  - monthly: [1, -1]\n    day: tue\n    opens: \"10:00\"\n    closes: \"13:00\"\n")
    problems = problems_after(tmp_path, SERVICE, "status: active\n", "status: active\n" + extra)
    assert [p.plain() for p in problems] == [
        "content/services/night-shelter.yaml:32:9: exceptions[1].to: the range ends (2027-01-01) before it starts "
        "(2027-01-02); check from and to [date-order]"]
    problems = problems_after(tmp_path / "b", SERVICE, "status: active\n", "status: active\naccess: [step-fre]\n"
                              "exceptions:\n  - date: 2026-12-25\n    closed: true\n    opens: \"10:00\"\n")
    assert [(p.field, p.rule) for p in problems] == [("access[0]", "vocabulary"), ("exceptions[0]", "field-combination")]
    assert "did you mean 'step-free'" in problems[0].message


@pytest.mark.rule("stray-file")
def test_stray_file_in_a_content_folder(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "organisations/notes.txt").write_text("hello")
    _, problems = load_registry(content)
    assert [p.path for p in problems] == ["content/organisations/notes.txt"]
    assert [p.rule for p in problems] == ["stray-file"]


@pytest.mark.rule("logo")
def test_missing_logo_and_broken_logo(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: health\nlogo: alpha.png")
    _, problems = load_registry(content)
    assert any(p.field == "logo" and "no file alpha.png" in p.message for p in problems)
    assert [p.rule for p in problems] == ["logo"]
    (content / "organisations/logos").mkdir()
    (content / "organisations/logos/alpha.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    _, problems = load_registry(content)
    assert any(p.field == "logo" and "export it again as PNG or JPEG" in p.message for p in problems)
    assert [p.rule for p in problems] == ["logo"]


def test_good_logo_is_accepted_and_oversized_one_refused(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: health\nlogo: alpha.png")
    (content / "organisations/logos").mkdir()
    Image.new("RGB", (200, 100), "navy").save(content / "organisations/logos/alpha.png")
    registry, problems = load_registry(content)
    assert problems == [] and registry.organisations["alpha-trust"].logo == "alpha.png"
    Image.new("1", (5000, 10)).save(content / "organisations/logos/alpha.png")
    _, problems = load_registry(content)
    assert any(p.field == "logo" and "5000×10 pixels" in p.message for p in problems)


def test_problem_formats():
    p = Problem("content/a,b.yaml", 3, 5, "sector", "100% wrong", "vocabulary")
    assert p.plain() == "content/a,b.yaml:3:5: sector: 100% wrong [vocabulary]"
    assert p.github() == "::error file=content/a%2Cb.yaml,line=3,col=5,title=vocabulary::sector: 100%25 wrong"


def test_a_problem_is_always_one_line_whatever_it_was_made_from():
    """The last line of defence: a newline or escape code in any part of a problem (a
    file name, a field name, a message quoting a value) prints as an escape."""
    p = Problem("content/a\nb.yaml", 3, 5, "sec\x1b[31mtor", "wrong\nfake.yaml:1:1: x: y [vocabulary]", "vocabulary")
    assert p.plain() == ("content/a\\nb.yaml:3:5: sec\\x1b[31mtor: wrong\\nfake.yaml:1:1: x: y [vocabulary] "
                         "[vocabulary]")
    assert "\n" not in p.github() and "\x1b" not in p.github()
    assert report([p]).endswith("1 problem in 1 file. Nothing was built; fix these and run `c2c validate` again.")


def test_problems_sort_by_file_then_line_then_column():
    late = Problem("content/b.yaml", 1, 1, "name", "x", "wrong-type")
    low = Problem("content/a.yaml", 10, 1, "name", "x", "wrong-type")
    high = Problem("content/a.yaml", 2, 7, "name", "x", "wrong-type")
    left = Problem("content/a.yaml", 2, 3, "name", "x", "too-long")
    assert sorted([late, low, high, left]) == [left, high, low, late]


def test_values_in_messages_are_quoted_escaped_and_shortened():
    from c2c_registry.rules.problems import described, shown

    assert shown("night\nshelter\x1b[2J") == "'night\\nshelter\\x1b[2J'"
    assert shown("x" * 300_000) == "'" + "x" * 79 + "…'"
    assert shown("\u202eevil") == "'\\u202eevil'"  # a right-to-left override cannot reorder the line
    assert [described(v) for v in (None, True, {"x": 1}, [1], 3, float("nan"))] == [
        "an empty value", "true", "a set of fields", "a list", "the number 3", "the number not a number"]


def test_a_hint_is_given_only_where_it_applies(tmp_path):
    """The service schema's hint about organisation or provider belongs to that choice,
    not to every missing field."""
    problems = problems_after(tmp_path, SERVICE, "summary: Beds for the night.\n", "")
    assert [p.message for p in problems] == ["this required field is missing: add `summary:`"]
    problems = problems_after(tmp_path / "2", SERVICE, "organisation: beta-housing", "organisation: beta-housing\nprovider: X")
    assert [p.message for p in problems] == [
        "give either organisation (the slug of a registry organisation) or provider (a name), not both"]


def test_a_collaborator_written_in_words_or_naming_an_organisation_is_accepted(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, PLEDGE, '[beta-housing, "Local GP practices"]', '[beta-housing, "Local GP practices", rotary, Co-op]')
    registry, problems = load_registry(content)
    assert problems == []
    assert registry.commitments["alpha-trust-2021"].collaborators == ["beta-housing", "Local GP practices", "rotary", "Co-op"]


def test_a_failing_check_names_the_file_it_was_looking_at(tmp_path, monkeypatch):
    from c2c_registry.rules import checks

    def broken_check(corpus):
        for f in corpus.valid("commitment"):
            raise KeyError(f.slug)
        return []

    monkeypatch.setattr(checks, "CHECKS", [*checks.CHECKS, broken_check])
    monkeypatch.setattr(checks.run_checks, "__defaults__", (checks.CHECKS,))
    _, problems = load_registry(tiny_copy(tmp_path))
    assert [(p.path, p.rule) for p in problems] == [(f"content/{PLEDGE}", "checker-failed")]


def test_a_problem_must_name_a_registered_rule():
    with pytest.raises(ValueError, match="not a rule"):
        Problem("content/a.yaml", 1, 1, "name", "x", "made-up-rule")
    with pytest.raises(ValueError, match="not a rule"):
        SourceError("made-up-rule", "x")


@pytest.mark.rule("reserved-slug")
def test_service_slug_that_names_a_directory_page(tmp_path):
    content = tiny_copy(tmp_path)
    (content / SERVICE).rename(content / "services/areas.yaml")
    _, problems = load_registry(content)
    assert [p.plain() for p in problems] == [
        "content/services/areas.yaml:1:1: (file name): 'areas' is the name of one of the directory's own "
        "pages (/directory/areas/); rename the file, for example to areas-service.yaml [reserved-slug]"
    ]


@pytest.mark.rule("missing-vocabulary")
def test_missing_vocabulary_file(tmp_path):
    vocab = tmp_path / "vocabularies"
    vocab.mkdir()
    for name in ("stages", "stage-groups", "areas", "sectors", "client-groups", "access"):  # no themes.yaml
        (vocab / f"{name}.yaml").write_bytes((schema_dir() / "vocabularies" / f"{name}.yaml").read_bytes())
    _, problems = load_registry(TINY, vocab)
    assert [p.plain() for p in problems] == [
        f"{tmp_path.name}/vocabularies/themes.yaml:1:1: (file): this vocabulary file is missing [missing-vocabulary]"]


# -- one message per mistake ------------------------------------------------------------
# Each date field, in each kind of file, written day first: (file, field, template, its line)
DATE_FIELDS = [
    ("pledges/x-2024.md", "held", COMMITMENT, "held: 2024-01-10"),
    ("pledges/x-2024.md", "approved", COMMITMENT, "approved: 2024-02-01"),
    ("pledges/x-2024.md", "review_due", COMMITMENT, "review_due: 2025-02-01"),
    ("pledges/x-2024.md", "actions[0].due", COMMITMENT, "due: 2024-06-01"),
    ("pledges/x-2024.md", "actions[0].updates[0].date", COMMITMENT, "date: 2024-03-01"),
    ("services/x.yaml", "last_verified", SERVICE_TEMPLATE, "last_verified: 2026-10-01"),
    ("alerts/x.yaml", "active_from", ALERT, "active_from: 2026-11-01"),
    ("alerts/x.yaml", "active_until", ALERT, "active_until: 2026-11-30"),
]


@pytest.mark.parametrize("relpath, field, template, line", DATE_FIELDS, ids=[f[1] for f in DATE_FIELDS])
def test_a_date_written_day_first_is_one_problem(tmp_path, relpath, field, template, line):
    content = tiny_copy(tmp_path)
    key, value = line.split(": ")
    year, month, day = value.split("-")
    write_files(content, {relpath: template.replace(line, f"{key}: {day}/{month}/{year}")})
    _, problems = load_registry(content)
    assert [p.plain().split(": ", 1)[1] for p in problems] == [
        f"{field}: '{day}/{month}/{year}' is not a date written YYYY-MM-DD, e.g. {value} [bad-format]"]


@pytest.mark.parametrize("old, new, field", [
    ("  awarded: 2021-06-01", "  awarded: 1 June 2021", "c2c.awarded"),
    ("  renewal_due: 2022-06-01", "  renewal_due: 2022-6-1", "c2c.renewal_due"),
    ("website: https://alpha.example.org", "website: alpha dot org", "website"),
    ("sector: health", "sector: health\ncontact_email: nobody", "contact_email"),
    ("areas: [birmingham, solihull]", "areas: [Birmingham, solihull]", "areas[0]"),  # also not a known area
    ("partners: [beta-housing]", "partners: [Beta Housing]", "partners[0]"),  # also not a known organisation
    ("summary:", "sumary:", "sumary"),  # both an unknown field and a missing one
])
def test_one_mistake_is_one_problem(tmp_path, old, new, field):
    problems = problems_after(tmp_path, ORG, old, new)
    assert len(problems) == 1 and problems[0].field == field, [p.plain() for p in problems]


def test_every_unknown_field_is_reported(tmp_path):
    problems = problems_after(tmp_path, ORG, "sector: health", "sector: health\ncolour: red\nsize: large")
    assert [(p.field, p.line) for p in problems] == [("colour", 3), ("size", 4)]


# -- the rule registry -------------------------------------------------------------------

def _rule_of(case: ast.expr) -> str | None:
    """The rule a case names: the last item of its tuple, when that is a string."""
    if isinstance(case, ast.Tuple) and case.elts and isinstance(case.elts[-1], ast.Constant):
        return case.elts[-1].value if isinstance(case.elts[-1].value, str) else None
    return None


def _cases_by_rule() -> dict[str, list[str]]:
    """Test cases that each produce a problem naming a rule (and assert that they do),
    in every test file: a table of cases (`CASES = {name: (..., rule)}` or
    `REJECTED = [(..., rule)]`) or a test marked `@pytest.mark.rule(name)`. Read from the
    source, so no test module imports another."""
    cases: dict[str, list[str]] = {}
    for path in sorted((ROOT / "tests").glob("*/test_*.py")):
        where = path.relative_to(ROOT / "tests").as_posix()
        tree = ast.parse(path.read_text("utf-8"))
        for node in tree.body:
            target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
            if not isinstance(target, ast.Name) or target.id not in ("CASES", "REJECTED"):
                continue
            table = node.value
            entries = zip(table.keys, table.values, strict=True) if isinstance(table, ast.Dict) else (
                (None, e) for e in getattr(table, "elts", []))
            for key, case in entries:
                rule = _rule_of(case)
                if rule:
                    label = ast.literal_eval(key) if key is not None else ast.unparse(case.elts[0])[:30]
                    cases.setdefault(rule, []).append(f"{where} {target.id}[{label!r}]")
        for function in tree.body:
            if not (isinstance(function, ast.FunctionDef) and function.name.startswith("test_")):
                continue
            for mark in function.decorator_list:
                if (isinstance(mark, ast.Call) and ast.unparse(mark.func) == "pytest.mark.rule"
                        and isinstance(mark.args[0], ast.Constant)):
                    cases.setdefault(mark.args[0].value, []).append(f"{where} {function.name}")
    return cases


def test_the_rule_cases_are_found_in_every_kind_of_table_and_mark():
    """The scan above finds what it is meant to: tables and marks from unit and build tests."""
    cases = _cases_by_rule()
    assert any(w.startswith("unit/test_validation_rules.py CASES[") for w in cases["unknown-field"])
    assert any(w.startswith("build/test_bad_input.py CASES[") for w in cases["unknown-field"])
    assert any(w.startswith("unit/test_source.py REJECTED[") for w in cases["duplicate-key"])
    assert "build/test_validate.py test_a_failure_of_the_checker_names_the_file_and_exits_2" in cases["checker-failed"]


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_has_a_test_case(rule):
    assert _cases_by_rule().get(rule), (
        f"rule {rule!r} has no test case: add one producing it to CASES here or in "
        "tests/build/test_bad_input.py, to REJECTED in test_source.py, or mark a test that asserts it "
        "with @pytest.mark.rule")


def test_every_test_case_names_a_registered_rule():
    assert set(_cases_by_rule()) <= set(RULES)


def _readme_section() -> str:
    readme = (ROOT / "README.md").read_text("utf-8")
    return readme.split("### Checking a submission", 1)[1].split("\n#", 1)[0]


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_is_in_the_readme_table(rule):
    expected = next(line for line in markdown_table().splitlines() if line.startswith(f"| `{rule}` |"))
    rows = [line for line in _readme_section().splitlines() if line.startswith(f"| `{rule}` |")]
    assert rows, f"README.md (Checking a submission) has no row for {rule!r}; add this one:\n{expected}"
    assert rows == [expected], f"README.md's row for {rule!r} differs from rules.py; it should be:\n{expected}"


def test_rule_examples_are_problem_lines_naming_their_rule():
    line = re.compile(r"^[^\s:][^:]*:\d+:\d+: [^:]+: .+ \[(?P<rule>[a-z0-9-]+)\]$")
    for rule in RULES.values():
        match = line.match(rule.example)
        assert match and match["rule"] == rule.name, rule.example
        assert rule.description.endswith(".") and "\n" not in rule.description, rule.name


def test_every_schema_keyword_has_a_rule():
    """A schema keyword without a rule would stop `c2c validate` with a KeyError."""
    not_checks = {"$schema", "$ref", "$defs", "title", "description", "properties", "items", "x-hint",
                  "x-when-missing", "if", "then", "not"}  # if/then/not report through required, or inside oneOf

    def keywords(schema):
        for key, value in schema.items():
            yield key
            if key in ("properties", "$defs"):
                for sub in value.values():
                    yield from keywords(sub)
            elif key in ("items", "not", "if", "then"):
                yield from keywords(value)
            elif key in ("oneOf", "anyOf", "allOf"):
                for sub in value:
                    yield from keywords(sub)

    used = {k for path in schema_dir().glob("*.schema.json") for k in keywords(json.loads(path.read_text()))}
    assert used - not_checks - set(KEYWORD_RULES) == set()
    assert set(KEYWORD_RULES.values()) <= set(RULES)

