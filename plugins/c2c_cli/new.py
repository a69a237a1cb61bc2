"""`c2c new organisation|commitment|service`: a valid file to start from, with comments
saying what each field is for. Every scaffold passes `c2c validate` as written."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from c2c_registry.rules.names import is_slug

from . import options

ORGANISATION = """\
# yaml-language-server: $schema=../../schemas/organisation.schema.json
# A new organisation: replace every value, then run `c2c validate`.
name: {name}
# One id from schemas/vocabularies/sectors.yaml
sector: other
# Ids from schemas/vocabularies/areas.yaml; west-midlands means the whole region
areas: [west-midlands]
# One or two sentences, at most 300 characters
summary: What {name} does, in one or two sentences.
c2c:
  # pledged until WMCA awards the C2C logo; then awarded, with awarded: and renewal_due:
  status: pledged
"""

COMMITMENT = """\
---
# yaml-language-server: $schema=../../schemas/commitment.schema.json
# A new commitment (one roundtable or case study): replace every value, then run `c2c validate`.
organisation: {org}
held: {today}
# roundtable or case-study
approach: roundtable
# The date WMCA approves it (change when approved)
approved: {today}
discussion:
  # What you already do, the gaps and the opportunities; stages from schemas/vocabularies/stages.yaml
  in_place:
    - text: Something the organisation already does
      stages: [universal-prevention]
  gaps:
    - text: A gap in provision the session found
      stages: [universal-prevention]
pledges:
  # One or more per stage; the id is how actions refer to the pledge
  - id: first-pledge
    text: What the organisation pledges to do
    stage: universal-prevention
actions:
  # SMART: what, who leads (initials or a role, never a full name), by when, how impact is tracked
  - pledge: first-pledge
    text: What will be done
    lead: Role title
    due: {next_year}
    measure: How impact is tracked
    status: planned
---
The story of the session, in Markdown (optional).
"""

SERVICE = """\
# yaml-language-server: $schema=../../schemas/service.schema.json
# A new directory service: replace every value, then run `c2c validate`.
name: {name}
# The provider's name; or organisation: <slug> when it has a file in content/organisations/
provider: {name}
# One or two sentences, at most 300 characters
summary: What the service offers and to whom.
# Ids from schemas/vocabularies/stages.yaml and client-groups.yaml
stages: [crisis-prevention-and-relief]
client_groups: [everyone]
areas: [west-midlands]
contact:
  # At least one of phone, email or website
  website: https://example.org
# The date someone last checked every detail with the provider
last_verified: {today}
"""

KINDS = {"organisation": ("organisations", ORGANISATION, ".yaml"), "commitment": ("pledges", COMMITMENT, ".md"),
         "service": ("services", SERVICE, ".yaml")}


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", choices=tuple(KINDS))
    parser.add_argument("slug", help="the file name without its ending (for a commitment: the organisation's)")
    parser.add_argument("--name", default="", help="the organisation's or service's name")
    options.add_content(parser)
    options.add_build_date(parser, "the date written into the new file (held and approved, or last verified)")


def run(args: argparse.Namespace) -> int:
    code, message = new_file(args.kind, args.slug, Path(args.content), options.today(args), args.name)
    print(message, file=sys.stderr if code else sys.stdout)
    return code


def new_file(kind: str, slug: str, content: Path, today: date, name: str = "") -> tuple[int, str]:
    """Write a scaffold; (exit code, message). A commitment's slug is its organisation's,
    and the file is named `<organisation>-<year>.md`."""
    if not is_slug(slug):
        return 2, (f"c2c: {slug!r} cannot be a file name; use lower-case letters, digits and single hyphens, "
                   "e.g. tamebridge-housing")
    folder, template, ending = KINDS[kind]
    file_slug = f"{slug}-{today.year}" if kind == "commitment" else slug
    path = content / folder / f"{file_slug}{ending}"
    if path.exists():
        return 2, f"c2c: {path} already exists; edit it, or choose another name"
    title = name or slug.replace("-", " ").title()
    text = template.format(name=title, org=slug, today=today.isoformat(),
                           next_year=today.replace(year=today.year + 1, day=min(today.day, 28)).isoformat())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return 0, f"Wrote {path}. Fill it in, then run `c2c validate`."
