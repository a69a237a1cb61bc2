"""Rules that a schema cannot express: across files, against vocabularies, about dates.

One small function per check, each taking the files and returning problems that name a
rule from rules.py, so each rule has its own test and its own sentence for the person
fixing the file. The checks live by family (names, references, dates, images); this is
the list of them and the loop that runs them.
"""

from __future__ import annotations

from .corpus import Check, Corpus
from .dates import (
    check_alert_dates,
    check_commitment_dates,
    check_exception_dates,
    check_hours,
    check_organisation_dates,
)
from .images import check_logos
from .names import check_duplicate_slugs, check_reserved_page_slugs, check_reserved_slugs, check_slugs
from .problems import Problem, checker_failed
from .references import (
    check_collaborators,
    check_inherited_fields,
    check_organisation_references,
    check_pledge_ids,
    check_service_references,
    check_vocabularies,
)

CHECKS: list[Check] = [
    check_slugs, check_duplicate_slugs, check_reserved_slugs, check_reserved_page_slugs, check_vocabularies,
    check_organisation_references, check_collaborators, check_pledge_ids, check_inherited_fields,
    check_commitment_dates, check_organisation_dates, check_alert_dates, check_exception_dates,
    check_service_references, check_hours, check_logos,
]


def run_checks(corpus: Corpus, checks: list[Check] = CHECKS) -> list[Problem]:
    """Every problem every check finds. A check that fails is itself a problem, naming the
    file it was looking at, and the other checks still run."""
    problems: list[Problem] = []
    for check in checks:
        corpus.current = None
        try:
            problems += list(check(corpus))
        except Exception:
            blamed = corpus.current.path if corpus.current else corpus.content_dir.name
            problems.append(checker_failed(blamed))
    return problems
