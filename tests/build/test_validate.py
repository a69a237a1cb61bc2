"""`c2c validate` as WMCA staff and CI run it: exit codes (0 valid, 1 invalid, 2 the
checker failed), one line per problem and the summary, GitHub annotations under Actions,
named files only, and content-quality warnings that do not fail unless asked."""

import pytest

from support.forked_cli import run_cli
from support.project import TINY, run_c2c
from support.tiny_site import edit, tiny_copy

ORG = "organisations/alpha-trust.yaml"
PLEDGE = "pledges/alpha-trust-2021.md"


def test_validate_clean_content_exits_0_and_says_what_it_read():
    result = run_c2c("validate", "--content", str(TINY))
    assert result.returncode == 0
    first = result.stdout.splitlines()[0]  # then any content-quality warnings (tests/unit/test_quality.py)
    assert first == f"No problems found in {TINY}: 2 organisations, 1 commitment, 2 services and 0 alerts."


def test_validate_reports_every_problem_and_exits_1(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    edit(content, "services/helpline.yaml", "always_open: true", "always_open: yes please")
    result = run_c2c("validate", "--content", str(content))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("content/organisations/beta-housing.yaml:2:9: sector: 'housin' is not one of the known sectors")
    assert lines[1].startswith("content/services/helpline.yaml:10:14: always_open: expected true or false")
    assert lines[-1] == "2 problems in 2 files. Nothing was built; fix these and run `c2c validate` again."
    assert "::error" not in result.stdout


def test_validate_under_github_actions_adds_annotations(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    result = run_c2c("validate", "--content", str(content), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert "::error file=content/organisations/beta-housing.yaml,line=2,col=9,title=vocabulary::sector: 'housin'" in result.stdout


def test_validate_can_report_only_named_files(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "organisations/beta-housing.yaml", "sector: housing", "sector: housin")
    edit(content, "services/helpline.yaml", "always_open: true", "always_open: 3")
    result = run_c2c("validate", "--content", str(content), str(content / "services/helpline.yaml"))
    assert result.returncode == 1 and "helpline.yaml" in result.stdout and "beta-housing" not in result.stdout


def test_a_date_written_day_first_is_one_clear_problem_naming_its_rule(tmp_path):
    content = tiny_copy(tmp_path)
    edit(content, "pledges/alpha-trust-2021.md", "held: 2021-05-12", "held: 15/09/2026")
    result = run_c2c("validate", "--content", str(content), env={"GITHUB_ACTIONS": "true"})
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "content/pledges/alpha-trust-2021.md:4:7: held: '15/09/2026' is not a date written YYYY-MM-DD, "
        "e.g. 2026-09-15 [bad-format]",
        "::error file=content/pledges/alpha-trust-2021.md,line=4,col=7,title=bad-format::held: '15/09/2026' "
        "is not a date written YYYY-MM-DD, e.g. 2026-09-15",
        "1 problem in 1 file. Nothing was built; fix these and run `c2c validate` again.",
    ]


def test_validate_exits_2_without_a_traceback_when_the_checker_itself_fails(tmp_path, monkeypatch):
    """The last resort, outside any file: a failure the checker cannot pin on a file is
    still one plain sentence and exit 2, never a traceback. Forced (nothing real fails
    there): the real command runs in a forked child with load_registry replaced."""
    from c2c_cli import validate

    def broken(content):
        raise RuntimeError("a bug")

    monkeypatch.setattr(validate, "load_registry", broken)
    result = run_cli(["validate", "--content", str(TINY)], 30)
    assert result.returncode == 2
    assert result.output == "c2c: the checker itself failed; this is a fault in c2c, not in your content: please report it\n"


def test_exit_codes_say_valid_invalid_or_checker_failed(tmp_path):
    assert run_c2c("validate", "--content", str(TINY)).returncode == 0
    content = tiny_copy(tmp_path)
    (content / "organisations" / "linked.yaml").symlink_to(content / "organisations" / "alpha-trust.yaml")
    result = run_c2c("validate", "--content", str(content))
    assert result.returncode == 1 and result.stderr == ""
    assert result.stdout.splitlines()[0] == (
        "content/organisations/linked.yaml:1:1: (file name): this is a symbolic link, not a file; put the file "
        "itself here (links are not followed, so nothing outside content/ is read) [special-file]")
    assert run_c2c("validate", "--content", str(tmp_path / "missing")).returncode == 2


# Leads added to the tiny site's plan (a joint lead for its sixth pledge, then one more
# action per lead), and what `c2c validate` says about them.
MORE_ACTIONS = "".join(f"""\
  - pledge: settle
    text: Lead case {n}
    lead: {lead}
    due: 2027-06-01
    measure: Tenancies sustained
""" for n, lead in enumerate([
    "Jane Smith and Tom Jones", "Jane Smith & Tom Jones", "Jane Smith, Tom Jones", "Mary-Ann O'Neil (Rugby BC)",
    "[JC (Solihull MBC), Ade Bello Okoro]", "Street Outreach", "Housing Options", "Housing Services Manager",
    "Head of Inclusion", "JC (Solihull MBC)", "XY (Nuneaton and Bedworth BC)", "Station Commander (Prevention)"]))


@pytest.mark.rule("lead-full-name")
def test_validate_warns_about_each_person_a_lead_names_never_about_a_role(tmp_path):
    """A joint lead is read person by person (one warning each), an organisation in
    brackets is left out, role titles are never flagged, and a lead an action takes from
    its pledge is warned about once, at the pledge."""
    content = tiny_copy(tmp_path)
    edit(content, PLEDGE, "    stage: settled-home\n", "    stage: settled-home\n    lead: [JS, Dr Priya Shah]\n")
    edit(content, PLEDGE, "    stage: move-on-support\n---\n", "    stage: move-on-support\n" + MORE_ACTIONS + "---\n")
    result = run_c2c("validate", "--content", str(content), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stdout + result.stderr
    advice = ("looks like a person's full name; the plan is published, so write initials (e.g. 'JS') or a role "
              "title (e.g. 'Housing Services Manager') [lead-full-name]")
    at = "warning: content/pledges/alpha-trust-2021.md"
    assert [line for line in result.stdout.splitlines() if line.endswith("[lead-full-name]")] == [
        f"{at}:41:16: pledges[5].lead[1]: 'Dr Priya Shah' {advice}",
        f"{at}:81:11: actions[6].lead: 'Jane Smith' {advice}",
        f"{at}:81:11: actions[6].lead: 'Tom Jones' {advice}",
        f"{at}:86:11: actions[7].lead: 'Jane Smith' {advice}",
        f"{at}:86:11: actions[7].lead: 'Tom Jones' {advice}",
        f"{at}:91:11: actions[8].lead: 'Jane Smith' {advice}",
        f"{at}:91:11: actions[8].lead: 'Tom Jones' {advice}",
        f"{at}:96:11: actions[9].lead: 'Mary-Ann O'Neil' {advice}",
        f"{at}:101:31: actions[10].lead[1]: 'Ade Bello Okoro' {advice}",
    ]


def test_warnings_are_shown_but_do_not_fail_validation_unless_asked(tmp_path):
    ok = run_c2c("validate", "--content", str(TINY), "--build-date", "2026-11-23")
    assert ok.returncode == 0
    lines = ok.stdout.splitlines()
    assert lines[0].startswith("No problems found")
    assert any(line.startswith("warning: ") and line.endswith("[stale-service]") for line in lines)
    assert lines[-1].endswith("but they do not stop the build.")
    strict = run_c2c("validate", "--content", str(TINY), "--build-date", "2026-11-23", "--warnings-as-errors")
    assert strict.returncode == 1


@pytest.mark.rule("checker-failed")
def test_a_failure_of_the_checker_names_the_file_and_exits_2(tmp_path, monkeypatch):
    """No content is known to make the checker fail (that would be a bug, fixed), so one
    failure is forced: the real command runs in a forked child with one module function
    replaced by one that raises. The file is named, nothing else stops, no traceback."""
    from c2c_registry.load import files

    def broken(kind, *args):
        if kind == "service":
            raise RuntimeError("a bug")
        return schema_problems(kind, *args)

    schema_problems = files.schema_problems
    monkeypatch.setattr(files, "schema_problems", broken)
    content = tiny_copy(tmp_path)
    edit(content, ORG, "sector: health", "sector: helth")
    result = run_cli(["validate", "--content", str(content)], 30)
    assert result.returncode == 2, result.output
    lines = result.output.splitlines()
    assert lines[:3] == [
        "content/organisations/alpha-trust.yaml:2:9: sector: 'helth' is not one of the known sectors; did you mean "
        "'health'? Known values: criminal-justice, education, employment-business, faith, health, housing, "
        "local-government, other, police-fire, transport, voluntary-community, welfare-benefits [vocabulary]",
        "content/services/helpline.yaml:1:1: (file): the checker failed on this file; this is a fault in c2c, not in "
        "your file: please report it with the file attached [checker-failed]",
        "content/services/night-shelter.yaml:1:1: (file): the checker failed on this file; this is a fault in c2c, "
        "not in your file: please report it with the file attached [checker-failed]",
    ]
    assert lines[-1].endswith("The checker itself failed on a file: that is a fault in c2c, not in your content; "
                              "please report it.")
    assert "Traceback" not in result.output and "a bug" not in result.output
