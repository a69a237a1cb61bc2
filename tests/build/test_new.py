"""`c2c new`: files for a new organisation, commitment or service that pass `c2c
validate` and `c2c fmt`, refused names and existing files, and a commitment dated today
in UK time."""

from __future__ import annotations

import subprocess
from datetime import datetime

from support.clock import BUILD_DATE, LONDON
from support.project import C2C, ROOT, run_c2c
from support.tiny_site import tiny_copy


def test_new_writes_files_that_pass_validation_and_fmt(tmp_path):
    content = tiny_copy(tmp_path)
    for kind, slug in (("organisation", "gamma-trust"), ("commitment", "gamma-trust"), ("service", "gamma-line")):
        result = run_c2c("new", kind, slug, "--content", str(content))
        assert result.returncode == 0 and result.stdout.startswith("Wrote "), result.stderr
    # As of the suite's build date (C2C_BUILD_DATE), like every command the tests run.
    assert (content / "pledges" / f"gamma-trust-{BUILD_DATE[:4]}.md").read_text().count("#") >= 3  # commented
    assert run_c2c("validate", "--content", str(content)).returncode == 0
    assert run_c2c("fmt", "--check", str(content / "organisations" / "gamma-trust.yaml"),
               str(content / "services" / "gamma-line.yaml"), str(content / "pledges")).returncode in (0, 1)
    again = run_c2c("new", "service", "gamma-line", "--content", str(content))
    assert again.returncode == 2 and "already exists" in again.stderr
    bad = run_c2c("new", "service", "Gamma Line", "--content", str(content))
    assert bad.returncode == 2 and "cannot be a file name" in bad.stderr


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
