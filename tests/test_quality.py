"""Content-quality warnings, `c2c report`, `c2c new` and `c2c fmt`: what the person
running the command sees (lines, exit codes, files written)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime

import pytest

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.leads import looks_like_full_name
from c2c_registry.rules.quality import quality_warnings

from conftest import BUILD_DATE, C2C, LONDON, ROOT, TINY
from helpers import edit, tiny_copy

PLEDGE = "pledges/alpha-trust-2021.md"
TODAY = date(2026, 11, 23)


def run(*args: str) -> subprocess.CompletedProcess:
    import os

    return subprocess.run([*C2C, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GITHUB_ACTIONS": "false"})


def warnings_after(tmp_path, old: str, new: str, relpath: str = PLEDGE, more: list | None = None) -> list[str]:
    """The warnings one edit of the tiny site adds (the tiny site has some of its own)."""
    before = {(w.field, w.message) for w in quality_warnings(load_registry(TINY)[0], TODAY, 365)}
    content = tiny_copy(tmp_path)
    for a, b in [(old, new), *(more or [])]:
        edit(content, relpath, a, b)
    registry, problems = load_registry(content)
    assert problems == [], [p.plain() for p in problems]
    return [w.plain() for w in quality_warnings(registry, TODAY, 365) if (w.field, w.message) not in before]


@pytest.mark.rule("pledge-without-action")
def test_a_pledge_no_action_delivers_is_a_warning(tmp_path):
    assert warnings_after(tmp_path, "  - pledge: settle\n", "  - pledge: move\n") == [
        "content/pledges/alpha-trust-2021.md:38:9: pledges[5].id: no action in the plan delivers the pledge "
        "'settle'; add an action with `pledge: settle` [pledge-without-action]"]


@pytest.mark.rule("action-lead-measure")
def test_an_action_without_a_lead_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "    lead: JT\n", "")
    assert found == ["content/pledges/alpha-trust-2021.md:42:13: actions[0].pledge: this action has no lead; add "
                     "`lead:` with initials or a role title, e.g. 'Housing Services Manager' [action-lead-measure]"]


@pytest.mark.rule("lead-full-name")
def test_a_lead_written_as_a_full_name_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "lead: JT", "lead: Jane Smith")
    assert len(found) == 1 and "actions[0].lead: 'Jane Smith' looks like a person's full name" in found[0]


@pytest.mark.parametrize("lead, person", [
    ("Jane Smith", True), ("Mary-Ann O'Neill", True), ("Ade Bello Okoro", True),
    ("Jane Smith and Tom Jones", True), ("Jane Smith & Tom Jones", True), ("Jane Smith, Tom Jones", True),
    ("Mary-Ann O'Neil (Rugby BC)", True), ("Seán McDonald", True), ("Ludwig van Beethoven", True),
    ("JS", False), ("Head of Nursing", False), ("Housing Services Manager", False), ("Team Leader", False),
    ("Volunteer Coordinator", False), ("WMCA", False), ("Jane", False), ("Street Outreach", False),
    ("Housing Options", False), ("Head of Inclusion", False), ("JC (Solihull MBC)", False),
    ("XY (Nuneaton and Bedworth BC)", False), ("Station Commander (Prevention)", False),
    ("Homelessness Team Managers", False), ("Tom and Jerry", False),
])
def test_what_looks_like_a_full_name(lead, person):
    assert looks_like_full_name(lead) is person


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
    result = run("validate", "--content", str(content), "--build-date", "2026-11-23")
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


@pytest.mark.rule("deadline-before-approval")
def test_an_open_deadline_already_past_at_approval_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "due: 2026-01-31", "due: 2021-05-20")
    assert found == ["content/pledges/alpha-trust-2021.md:45:10: actions[0].due: the deadline (2021-05-20) had "
                     "already passed when the plan was approved (2021-06-01); give a new deadline or mark the "
                     "action done [deadline-before-approval]"]


@pytest.mark.rule("stage-without-pledge")
def test_a_stage_the_discussion_raised_without_a_pledge_is_a_warning(tmp_path):
    found = warnings_after(tmp_path, "      stages: [crisis-prevention-and-relief]\n  opportunities",
                           "      stages: [settled-home]\n  opportunities",
                           more=[("stage: settled-home", "stage: move-on-support")])
    assert found == ["content/pledges/alpha-trust-2021.md:16:15: discussion.gaps[0].stages: the discussion raised "
                     "the stage 'Settled Home' but no pledge is at that stage; add a pledge for it or say in the "
                     "story why not [stage-without-pledge]"]


@pytest.mark.rule("stale-service")
def test_a_service_not_verified_for_a_year_is_a_warning():
    found = [w.plain() for w in quality_warnings(load_registry(TINY)[0], TODAY, 365)]
    assert ("tiny/services/helpline.yaml:12:16: last_verified: not verified since 2024-01-01 (more than 365 "
            "days); check the listing with the provider and update `last_verified:` [stale-service]") in found


def test_warnings_are_shown_but_do_not_fail_validation_unless_asked(tmp_path):
    ok = run("validate", "--content", str(TINY), "--build-date", "2026-11-23")
    assert ok.returncode == 0
    lines = ok.stdout.splitlines()
    assert lines[0].startswith("No problems found")
    assert any(line.startswith("warning: ") and line.endswith("[stale-service]") for line in lines)
    assert lines[-1].endswith("but they do not stop the build.")
    strict = run("validate", "--content", str(TINY), "--build-date", "2026-11-23", "--warnings-as-errors")
    assert strict.returncode == 1


def test_report_lists_exactly_what_is_overdue_due_and_stale_for_a_build_date():
    result = run("report", "--content", str(TINY), "--build-date", "2026-11-23")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "C2C follow-ups as of 2026-11-23\n\n"
        "Overdue actions (2)\n"
        "  - Alpha Health Trust: Overdue planned action (due 2026-01-31, planned, lead JT)  [tiny/pledges/alpha-trust-2021.md]\n"
        "  - Alpha Health Trust: Overdue in-progress action (due 2026-11-22, in progress, lead Head of Nursing)  "
        "[tiny/pledges/alpha-trust-2021.md]\n\n"
        "Commitments due for review (1)\n  - Alpha Health Trust: Alpha roundtable (review due 2022-06-01)  [tiny/pledges/alpha-trust-2021.md]\n\n"
        "Award renewals due (1)\n  - Alpha Health Trust: renewal due 2022-06-01 (overdue: change c2c.status to "
        "lapsed or renew)  [tiny/organisations/alpha-trust.yaml]\n\n"
        "Stale services (1)\n"
        "  - Test Helpline: last verified 2024-01-01  [tiny/services/helpline.yaml]\n")
    earlier = run("report", "--content", str(TINY), "--build-date", "2026-11-22", "--markdown")
    assert "## Overdue actions (1)" in earlier.stdout
    later = run("report", "--content", str(TINY), "--build-date", "2026-11-24", "--markdown")
    assert "## Overdue actions (2)" in later.stdout
    assert "- Alpha Health Trust: Overdue in\\-progress action" not in later.stdout  # words are not escaped needlessly
    assert "Overdue in-progress action (due 2026-11-22, in progress, lead Head of Nursing)" in later.stdout
    assert "(`tiny/services/helpline.yaml`)" in later.stdout


def test_report_and_validate_judge_with_the_sites_settings(tmp_path):
    """The C2C_* settings in the settings file (pelicanconf.py) apply, as in a build."""
    settings = tmp_path / "conf.py"
    settings.write_text("C2C_STALE_AFTER_DAYS = 5000\nC2C_WARNINGS_AS_ERRORS = True\n", encoding="utf-8")
    lenient = run("report", "--content", str(TINY), "--build-date", "2026-11-23", "--settings", str(settings))
    assert "Stale services (0)" in lenient.stdout and "Overdue actions (2)" in lenient.stdout
    strict = run("validate", "--content", str(TINY), "--build-date", "2026-11-23", "--settings", str(settings))
    assert strict.returncode == 1 and "[stale-service]" not in strict.stdout
    assert "warning:" in strict.stdout  # the other warnings now stop the check


def test_new_writes_files_that_pass_validation_and_fmt(tmp_path):
    content = tiny_copy(tmp_path)
    for kind, slug in (("organisation", "gamma-trust"), ("commitment", "gamma-trust"), ("service", "gamma-line")):
        result = run("new", kind, slug, "--content", str(content))
        assert result.returncode == 0 and result.stdout.startswith("Wrote "), result.stderr
    # As of the suite's build date (C2C_BUILD_DATE), like every command the tests run.
    assert (content / "pledges" / f"gamma-trust-{BUILD_DATE[:4]}.md").read_text().count("#") >= 3  # commented
    assert run("validate", "--content", str(content)).returncode == 0
    assert run("fmt", "--check", str(content / "organisations" / "gamma-trust.yaml"),
               str(content / "services" / "gamma-line.yaml"), str(content / "pledges")).returncode in (0, 1)
    again = run("new", "service", "gamma-line", "--content", str(content))
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run("new", "service", "Gamma Line", "--content", str(content))
    assert bad.returncode == 2 and "cannot be a file name" in bad.stderr


def test_fmt_check_passes_on_the_sample_content():
    result = run("fmt", "--check", "content")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Every file is in canonical form.\n"


def test_fmt_puts_keys_in_schema_order_and_keeps_comments(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "organisations", content / "organisations", ignore=shutil.ignore_patterns("logos"))
    path = content / "organisations" / "brightpath-youth-trust.yaml"
    text = path.read_text("utf-8")
    moved = text.replace("sector: voluntary-community\n", "").replace(
        "c2c:\n", "# WMCA: awarded after the December panel\nc2c:\n") + "sector: voluntary-community  # checked\n"
    path.write_text(moved, "utf-8")
    check = run("fmt", "--check", str(content))
    assert check.returncode == 1 and f"{path}: would be reformatted" in check.stdout
    assert path.read_text("utf-8") == moved  # --check changes nothing
    assert run("fmt", str(content)).returncode == 0
    result = path.read_text("utf-8")
    assert result.splitlines()[:3] == [
        "# yaml-language-server: $schema=../../schemas/organisation.schema.json",
        "name: Brightpath Youth Trust", "sector: voluntary-community  # checked"]
    assert "# WMCA: awarded after the December panel\nc2c:\n" in result
    assert run("fmt", "--check", str(content)).returncode == 0


def test_new_dates_a_commitment_today_in_uk_time_by_default(tmp_path):
    """The one `c2c new` test on the machine's clock: without C2C_BUILD_DATE, a new
    commitment is named for this year and held and approved today, in UK time."""
    import os

    content = tiny_copy(tmp_path)
    before = datetime.now(LONDON).date()
    env = {k: v for k, v in os.environ.items() if k != "C2C_BUILD_DATE"}
    result = subprocess.run([*C2C, "new", "commitment", "alpha-trust", "--content", str(content)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    after = datetime.now(LONDON).date()
    assert result.returncode == 0, result.stderr
    written = sorted((content / "pledges").glob("alpha-trust-*.md"))
    days = {before, after}
    assert {p.name for p in written} & {f"alpha-trust-{d.year}.md" for d in days}
    new = next(p for p in written if p.name in {f"alpha-trust-{d.year}.md" for d in days})
    assert any(f"held: {d.isoformat()}" in new.read_text("utf-8") for d in days)
