"""The project's own settings: names, defaults and checks in one place."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

DEFAULTS: dict[str, Any] = {
    # The date the site is built "as of": drives overdue, due soon, stale and alerts.
    # None means today in UK time; set it (or pass --build-date) for reproducible output.
    "C2C_BUILD_DATE": None,
    "C2C_DUE_SOON_DAYS": 30,
    # A listing whose last_verified is older than this is shown with a warning.
    "C2C_STALE_AFTER_DAYS": 365,
    # Where the quick-exit control goes: a neutral site.
    "C2C_QUICK_EXIT_URL": "https://www.bbc.co.uk/weather",
    # Where "report a problem with this listing" sends people.
    "C2C_REPORT_EMAIL": "c2c-directory@example.org",
    # A service location's "Get directions" link; {destination} becomes "lat,lon" (or the
    # address when there are no coordinates), percent-encoded.
    "C2C_DIRECTIONS_URL": "https://www.google.com/maps/dir/?api=1&destination={destination}",
    # Where the content lives on GitHub, for "edit this file" and issue links.
    "C2C_REPOSITORY_URL": "",
    # The emblem on every C2C badge: a PNG or JPEG (square, at least 600 px), relative to
    # the project folder. Empty means the project's own drawing.
    "C2C_BADGE_ARTWORK": "",
    # Days after an award's renewal_due before its badge and pages say "renewal overdue".
    "C2C_RENEWAL_GRACE_DAYS": 30,
    # Where drawn badges and re-encoded logos are kept between builds, keyed by a hash of
    # everything that goes into them. Empty means the C2C_IMAGE_CACHE environment
    # variable, else .cache/c2c-images in the folder the build runs from.
    "C2C_IMAGE_CACHE": "",
    # Where parsed, schema-checked content files are kept between runs, keyed on their
    # text. Empty means the C2C_PARSE_CACHE environment variable, else .cache/c2c-parsed.
    "C2C_PARSE_CACHE": "",
    # The licence of everything under /data/, as a Frictionless licence (name, title, path).
    "C2C_DATA_LICENCE": {
        "name": "OGL-UK-3.0",
        "title": "Open Government Licence v3.0",
        "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    },
    # Items per page of a long list (organisations, commitments, the progress page's
    # lists), so no page grows with the registry: later pages are .../page/2/ and on.
    "C2C_PAGE_SIZE": 50,
    # What the service worker may download on install, in KB as gzip (what a phone
    # downloads): the directory's shell, most needed first; other pages are kept as visited.
    "C2C_OFFLINE_BUDGET_KB": 300,
    # How many visited pages and files the service worker keeps on a phone besides the
    # shell; the least recently kept go first. Services saved from the shortlist are apart.
    "C2C_OFFLINE_VISITED_LIMIT": 200,
    # Services per page of the Open Referral pages (/data/hsds/pages/<n>.json).
    "C2C_HSDS_PAGE_SIZE": 20,
    # Content-quality warnings (a pledge with no action, a lead written as a full name, a
    # stale service...) are shown but never stop a build, unless this is True.
    "C2C_WARNINGS_AS_ERRORS": False,
    # The branch of C2C_REPOSITORY_URL that the /submit/ form's prefilled "create new file"
    # page (which starts a pull request) proposes the file to.
    "C2C_SUBMIT_BRANCH": "main",
    # Where the /submit/ forms send a finished file by e-mail (the person's e-mail program
    # opens with the file as text). Empty: the forms offer no e-mail way.
    "C2C_SUBMISSIONS_EMAIL": "",
}

# Settings that used to exist, and what took their place: naming one stops the build
# with this instead of "unknown setting".
RETIRED = {
    "C2C_HELP_NOW": "the helplines are content now: edit content/helplines.yaml (docs/content-model.md)",
}


class SettingsError(ValueError):
    pass


def check_settings(settings: dict[str, Any]) -> None:
    """Fill in defaults and refuse misspelt C2C_ settings, naming them."""
    retired = sorted(k for k in settings if k in RETIRED)
    if retired:
        raise SettingsError("; ".join(f"{k} is no longer a setting: {RETIRED[k]}" for k in retired))
    unknown = sorted(k for k in settings if k.startswith("C2C_") and k not in DEFAULTS and k not in _INTERNAL)
    if unknown:
        raise SettingsError(
            f"unknown setting {', '.join(unknown)}; the C2C settings are: {', '.join(DEFAULTS)}"
        )
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    settings["C2C_TODAY"] = build_date(settings["C2C_BUILD_DATE"])


# Set by the build itself (c2c_registry/pipeline.py), and by `c2c build`: where the site
# it publishes onto is (pages unchanged since are taken from there), --explain, and the
# pages `c2c serve --watch` shows first (c2c_views/writing.py, `FirstPages`).
_INTERNAL = {"C2C_TODAY", "C2C_BUILD", "C2C_PUBLISHED", "C2C_EXPLAIN", "C2C_FIRST"}


def build_date(value: Any) -> date:
    """The build date from a setting: a date, 'YYYY-MM-DD', or None for today in UK time."""
    if value is None or value == "":
        env = os.environ.get("C2C_BUILD_DATE")
        if env:
            return build_date(env)
        return datetime.now(ZoneInfo("Europe/London")).date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SettingsError(f"C2C_BUILD_DATE must be a date written YYYY-MM-DD, not {value!r}") from None


def project_settings(settings_file: Path | None) -> dict[str, Any]:
    """The C2C_* values a build with `settings_file` (pelicanconf.py) would use, over
    the defaults: `c2c validate`, `report` and `pr-summary` judge "stale", "due soon"
    and "renewal due" exactly as the site does."""
    values = dict(DEFAULTS)
    if settings_file is not None and settings_file.is_file():
        from pelican.settings import get_settings_from_file

        values.update({k: v for k, v in get_settings_from_file(str(settings_file)).items() if k in DEFAULTS})
    return values

