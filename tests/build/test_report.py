"""`c2c report`: exactly what is overdue, due and stale for a build date, in text and
Markdown, judged with the site's settings."""

from __future__ import annotations

from support.project import TINY, run_c2c


def test_report_lists_exactly_what_is_overdue_due_and_stale_for_a_build_date():
    result = run_c2c("report", "--content", str(TINY), "--build-date", "2026-11-23")
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
    earlier = run_c2c("report", "--content", str(TINY), "--build-date", "2026-11-22", "--markdown")
    assert "## Overdue actions (1)" in earlier.stdout
    later = run_c2c("report", "--content", str(TINY), "--build-date", "2026-11-24", "--markdown")
    assert "## Overdue actions (2)" in later.stdout
    assert "- Alpha Health Trust: Overdue in\\-progress action" not in later.stdout  # words are not escaped needlessly
    assert "Overdue in-progress action (due 2026-11-22, in progress, lead Head of Nursing)" in later.stdout
    assert "(`tiny/services/helpline.yaml`)" in later.stdout


def test_report_and_validate_judge_with_the_sites_settings(tmp_path):
    """The C2C_* settings in the settings file (pelicanconf.py) apply, as in a build."""
    settings = tmp_path / "conf.py"
    settings.write_text("C2C_STALE_AFTER_DAYS = 5000\nC2C_WARNINGS_AS_ERRORS = True\n", encoding="utf-8")
    lenient = run_c2c("report", "--content", str(TINY), "--build-date", "2026-11-23", "--settings", str(settings))
    assert "Stale services (0)" in lenient.stdout and "Overdue actions (2)" in lenient.stdout
    strict = run_c2c("validate", "--content", str(TINY), "--build-date", "2026-11-23", "--settings", str(settings))
    assert strict.returncode == 1 and "[stale-service]" not in strict.stdout
    assert "warning:" in strict.stdout  # the other warnings now stop the check
