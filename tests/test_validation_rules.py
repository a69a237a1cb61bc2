"""One case per validation rule: the tiny site is valid; one edit makes it invalid with
a problem that names the file, the line and the field, and says what to do."""


import pytest
from PIL import Image

from c2c_registry.registry import load_registry

from helpers import TINY, edit, problems_after, tiny_copy

ORG = "organisations/alpha-trust.yaml"
PLEDGE = "pledges/alpha-trust-2021.md"
SERVICE = "services/night-shelter.yaml"


def test_tiny_fixture_is_valid():
    registry, problems = load_registry(TINY)
    assert problems == []
    assert set(registry.organisations) == {"alpha-trust", "beta-housing"}
    commitment = registry.commitments["alpha-trust-2021"]
    assert [p.stage for p in commitment.pledges] == [s.id for s in registry.stages]
    assert commitment.actions[5].stage == "move-on-support"  # explicit stage beats the pledge's
    assert commitment.actions[0].status == "planned"  # the default
    assert registry.services["night-shelter"].organisation is registry.organisations["beta-housing"]


# (file, old text, new text, expected path:line, field, words in the message)
CASES = {
    "missing required field": (ORG, "summary: A fictional hospital trust used by the tests.\n", "", "1", "summary", "missing"),
    "unknown field": (ORG, "sector: health", "sector: health\ncolour: red", "3", "colour", "unknown field 'colour'"),
    "wrong type": (PLEDGE, "participants: 9", "participants: nine", "6", "participants", "whole number"),
    "no parsed as false": (PLEDGE, "measure: Count of staff trained", "measure: no", "46", "actions[0].measure", 'put it in quotes, "no"'),
    "time parsed as number": (SERVICE, 'opens: "19:00"', "opens: 19:00", "18", "hours[0].opens", '"19:00"'),
    "not a real date": (PLEDGE, "held: 2021-05-12", "held: 2021-02-30", "4", "held", "YYYY-MM-DD"),
    "unknown vocabulary id": (ORG, "sector: health", "sector: helth", "2", "sector", "did you mean 'health'"),
    "unknown stage": (PLEDGE, "stage: recovery", "stage: recover", "34", "pledges[3].stage", "known stages"),
    "unknown client group": (SERVICE, "[rough-sleepers]", "[rough-sleeper]", "5", "client_groups[0]", "did you mean 'rough-sleepers'"),
    "dangling organisation": (PLEDGE, "organisation: alpha-trust", "organisation: alpha-trusts", "2", "organisation", "did you mean 'alpha-trust'"),
    "dangling partner": (ORG, "partners: [beta-housing]", "partners: [gamma]", "12", "partners[0]", "not one of the known organisations"),
    "own partner": (ORG, "partners: [beta-housing]", "partners: [alpha-trust]", "12", "partners[0]", "own partner"),
    "dangling pledge id": (PLEDGE, "  - pledge: culture", "  - pledge: cultur", "42", "actions[0].pledge", "did you mean 'culture'"),
    "duplicate pledge id": (PLEDGE, "id: refer", "id: culture", "25", "pledges[1].id", "already used"),
    "approval before session": (PLEDGE, "approved: 2021-06-01", "approved: 2021-05-01", "8", "approved", "before the session"),
    "deadline before session": (PLEDGE, "due: 2022-01-01\n    measure: Patients", "due: 2020-01-01\n    measure: Patients", "65", "actions[3].due", "before the session"),
    "updates out of order": (PLEDGE, "date: 2022-01-10", "date: 2021-08-10", "56", "actions[1].updates[1].date", "oldest first"),
    "review before approval": (PLEDGE, "review_due: 2022-06-01", "review_due: 2021-01-01", "9", "review_due", "before approval"),
    "renewal before award": (ORG, "renewal_due: 2022-06-01", "renewal_due: 2020-06-01", "11", "c2c.renewal_due", "before the award"),
    "awarded without date": (ORG, "  awarded: 2021-06-01\n", "", "8", "c2c.awarded", "add `awarded:`"),
    "bad slug in a field": (ORG, "areas: [birmingham, solihull]", "areas: [Birmingham]", "3", "areas[0]", "lower-case"),
    "summary too long": (ORG, "summary: A fictional hospital trust used by the tests.", "summary: " + "x" * 301, "4", "summary", "limit is 300"),
    "both organisation and provider": (SERVICE, "organisation: beta-housing", "organisation: beta-housing\nprovider: Someone", "1", "(file)", "not both"),
    "empty contact": (SERVICE, 'contact:\n  phone: "024 7649 0001"', "contact: {}", "14", "contact", "at least one of phone"),
    "javascript website": (ORG, "website: https://alpha.example.org", "website: javascript:alert(1)", "7", "website", "https://"),
    "zero-length hours": (SERVICE, 'closes: "08:00"', 'closes: "19:00"', "19", "hours[0].closes", "always_open"),
    "list where a mapping belongs": (ORG, "c2c:\n  status: awarded\n  awarded: 2021-06-01\n  renewal_due: 2022-06-01\n", "c2c: [awarded]\n", "8", "c2c", "set of fields"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_rule(tmp_path, case):
    relpath, old, new, line, field, words = CASES[case]
    problems = problems_after(tmp_path, relpath, old, new)
    matching = [p for p in problems if p.path == f"content/{relpath}" and p.field == field]
    assert matching, f"no problem for {field} in {[p.plain() for p in problems]}"
    assert str(matching[0].line) == line, matching[0].plain()
    assert words in matching[0].message, matching[0].plain()


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: helth")
    edit(content, PLEDGE, "approach: roundtable", "approach: round-table")
    edit(content, SERVICE, "[coventry]", "[coventri]")
    _, problems = load_registry(content)
    assert {p.path for p in problems} == {f"content/{ORG}", f"content/{PLEDGE}", f"content/{SERVICE}"}


def test_file_name_that_is_not_a_slug(tmp_path):
    content = tiny_copy(tmp_path)
    (content / SERVICE).rename(content / "services/Night Shelter.yaml")
    _, problems = load_registry(content)
    assert any(p.path == "content/services/Night Shelter.yaml" and "night-shelter" in p.message for p in problems)


def test_two_files_with_the_same_slug(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "services/more").mkdir()
    (content / "services/more/night-shelter.yml").write_text((content / SERVICE).read_text())
    _, problems = load_registry(content)
    assert [p.path for p in problems if "same name" in p.message] == ["content/services/night-shelter.yaml"] or \
        [p.path for p in problems if "same name" in p.message] == ["content/services/more/night-shelter.yml"]


def test_stray_file_in_a_content_folder(tmp_path):
    content = tiny_copy(tmp_path)
    (content / "organisations/notes.txt").write_text("hello")
    _, problems = load_registry(content)
    assert [p.path for p in problems] == ["content/organisations/notes.txt"]


def test_missing_logo_and_broken_logo(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: health\nlogo: alpha.png")
    _, problems = load_registry(content)
    assert any(p.field == "logo" and "no file alpha.png" in p.message for p in problems)
    (content / "organisations/logos").mkdir()
    (content / "organisations/logos/alpha.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    _, problems = load_registry(content)
    assert any(p.field == "logo" and "export it again as PNG or JPEG" in p.message for p in problems)


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
    from c2c_registry.problems import Problem, report

    p = Problem("content/a,b.yaml", 3, 5, "sector", "100% wrong\nreally")
    assert p.plain() == "content/a,b.yaml:3:5: sector: 100% wrong\nreally"
    assert p.github() == "::error file=content/a%2Cb.yaml,line=3,col=5::sector: 100%25 wrong%0Areally"
    assert report([p]).endswith("1 problem in 1 file. Nothing was built; fix these and run `c2c validate` again.")


def test_service_slug_that_names_a_directory_page(tmp_path):
    content = tiny_copy(tmp_path)
    (content / SERVICE).rename(content / "services/areas.yaml")
    _, problems = load_registry(content)
    assert [p.plain() for p in problems] == [
        "content/services/areas.yaml:1:1: (file name): 'areas' is the name of one of the directory's own "
        "pages (/directory/areas/); rename the file, for example to areas-service.yaml"
    ]
