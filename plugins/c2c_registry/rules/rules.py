"""Every rule the validator applies, in one place: its name, what it checks, an example.

Each Problem names one of these rules; the name is printed after the message, e.g.
`... [date-order]`, and becomes the title of the GitHub annotation. A Problem naming a
rule that is not here is refused (ValueError), so a new check needs a new entry here, a
row in the README's table and a test case (tests/unit/test_validation_rules.py checks both).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..urls import Urls


@dataclass(frozen=True)
class Rule:
    name: str  # short, kebab-case
    description: str  # one sentence for WMCA staff
    example: str  # a problem line as `c2c validate` prints it
    warning: bool = False  # a content-quality warning: shown, never blocking unless configured


_RULES = (
    # -- reading the file -------------------------------------------------------------------
    Rule("file-too-large", "A file is under 1 MB and holds at most 50,000 values.",
         "content/organisations/example-trust.yaml:1:1: (file): the file is 12.0 MB; the limit is 1 MB. "
         "Split it or remove what is not content. [file-too-large]"),
    Rule("not-utf8", "A file is plain text saved as UTF-8, with no NUL characters.",
         "content/organisations/example-trust.yaml:4:1: (file): the file is not UTF-8 text. "
         "Save it as UTF-8 in your editor. [not-utf8]"),
    Rule("special-file", "Everything in content/ is an ordinary file or folder that can be read: no symbolic links, "
         "devices or pipes.",
         "content/services/night-shelter.yaml:1:1: (file name): this is a symbolic link, not a file; put the file "
         "itself here (links are not followed, so nothing outside content/ is read) [special-file]"),
    Rule("control-character", "Text has no invisible control characters (only tabs and line breaks), whether typed "
         "into the file or written as an escape such as \\e in quotes.",
         "content/organisations/example-trust.yaml:4:22: (file): this line has an invisible control character "
         "(U+001B, escape) at column 22; delete it (it often comes with text copied from another program) "
         "[control-character]"),
    Rule("empty-file", "A file is not empty and holds more than comments.",
         "content/organisations/example-trust.yaml:1:1: (file): the file is empty; it needs the fields "
         "described in the README. [empty-file]"),
    Rule("front-matter", "A commitment (.md) file starts with a '---' line, then its fields, then another '---' line.",
         "content/pledges/example-trust-2024.md:1:1: (file): the YAML front matter has no closing '---' line. "
         "[front-matter]"),
    Rule("yaml-syntax", "A file is valid YAML: indented with spaces, text containing ': ' in quotes, one document only.",
         "content/organisations/example-trust.yaml:4:8: (file): this is not valid YAML (did not find expected "
         "',' or ']'). Check indentation and that text containing ': ' or starting with a special "
         "character is in quotes. [yaml-syntax]"),
    Rule("nesting-depth", "Fields are nested at most 20 levels deep.",
         "content/organisations/example-trust.yaml:6:30: (file): the fields are nested more than 20 levels deep; "
         "registry files never need that. Check the brackets and indentation. [nesting-depth]"),
    Rule("duplicate-key", "Each field appears only once in its part of the file.",
         "content/organisations/example-trust.yaml:7:1: name: the field 'name' appears twice (first on line 1); "
         "keep one. [duplicate-key]"),
    Rule("yaml-alias", "Every value is written out: no YAML anchors and aliases (&name, *name) or merge keys (<<).",
         "content/organisations/example-trust.yaml:3:8: (file): YAML aliases (*name) are not allowed; write the "
         "value out. [yaml-alias]"),
    Rule("yaml-tag", "No custom YAML tags: text that starts with '!' is in quotes.",
         "content/organisations/example-trust.yaml:6:7: (file): custom YAML tags (!!python/object/apply:os.system) "
         "are not allowed; write a plain value, and put text that starts with '!' in quotes. [yaml-tag]"),
    Rule("field-name", "Field names are words, not numbers, dates or true/false.",
         "content/organisations/example-trust.yaml:6:1: (file): field names must be words, but '1' is read as a "
         "number. Put it in quotes or rename it. [field-name]"),
    # -- the schema (schemas/*.schema.json) ------------------------------------------------
    Rule("wrong-type", "Each value is the right kind (text, a whole number, true or false, a list, or a set of "
         "fields), including values YAML misreads, such as no or 19:00 without quotes.",
         "content/services/night-shelter.yaml:18:12: hours[0].opens: expected text, but this is a number (1140); "
         "YAML read `19:00` as a number: put it in quotes, \"19:00\"; write times in quotes as 24-hour HH:MM, "
         "e.g. \"09:00\" or \"19:30\" [wrong-type]"),
    Rule("required-field", "Every required field is there, including awarded when the C2C status is awarded or lapsed, "
         "and a deadline and a measure for every action (its own or its pledge's).",
         "content/organisations/example-trust.yaml:1:1: summary: this required field is missing: add `summary:` "
         "[required-field]"),
    Rule("unknown-field", "Only the fields the README describes are used, so a misspelt field name is caught.",
         "content/organisations/example-trust.yaml:3:1: colour: unknown field 'colour'; check the spelling. "
         "Allowed fields here: areas, c2c, contact_email, description, logo, name, partners, sector, short_name, "
         "summary, website [unknown-field]"),
    Rule("field-combination", "Fields that go together are given together (lat with lon), and a service names an "
         "organisation or a provider, not both.",
         "content/services/night-shelter.yaml:1:1: (file): give either organisation (the slug of a registry "
         "organisation) or provider (a name), not both [field-combination]"),
    Rule("not-allowed-value", "A field with a fixed set of values (status, approach, level, referral, cost, days) "
         "uses one of them.",
         "content/services/night-shelter.yaml:17:11: referral: 'walk-in' is not allowed here; use one of: self, "
         "professional, both [not-allowed-value]"),
    Rule("bad-format", "Dates, times, ids, web and email addresses, phone numbers, postcodes, language codes and "
         "logo file names are written in the expected form.",
         "content/pledges/example-trust-2024.md:4:7: held: '15/09/2026' is not a date written YYYY-MM-DD, "
         "e.g. 2026-09-15 [bad-format]"),
    Rule("too-long", "Text is within its length limit, such as 300 characters for a summary and 20,000 for "
         "Markdown or a commitment's text.",
         "content/organisations/example-trust.yaml:4:10: summary: this is 301 characters long; the limit is 300. "
         "Shorten it [too-long]"),
    Rule("empty-value", "A field that is given is not empty: text has visible characters, not only spaces, a list "
         "has items, and contact has at least one of phone, email or website.",
         "content/services/night-shelter.yaml:14:10: contact: this is empty; give at least one of phone, email or "
         "website [empty-value]"),
    Rule("duplicate-item", "A list names each item only once.",
         "content/organisations/example-trust.yaml:3:8: areas: this list has the same item twice; keep one of each "
         "[duplicate-item]"),
    Rule("out-of-range", "Numbers are within range: participants from 1 to 10,000, latitude and longitude in the UK.",
         "content/pledges/example-trust-2024.md:6:15: participants: 0 is out of range (minimum 1) [out-of-range]"),
    Rule("not-a-number", "Numbers are ordinary numbers, not YAML's .nan or .inf.",
         "content/services/night-shelter.yaml:12:10: locations[0].lat: .nan is YAML for 'not a number' or "
         "infinity, which no field takes; write the latitude as a number such as 52.48, or remove the field "
         "[not-a-number]"),
    # -- files and folders -----------------------------------------------------------------
    Rule("stray-file", "A content folder holds only its own kind of file (.yaml or .yml; .md in pledges), with a "
         "lower-case ending.",
         "content/organisations/notes.txt:1:1: (file name): this folder holds only .yaml or .yml files; rename it "
         "to end in .yaml or move it elsewhere [stray-file]"),
    Rule("file-name", "A file name can be a web address: lower-case letters, digits and single hyphens, at most 80.",
         "content/services/Night Shelter.yaml:1:1: (file name): 'Night Shelter' cannot be a web address; rename the "
         "file using lower-case letters, digits and single hyphens (at most 80), e.g. 'night-shelter' [file-name]"),
    Rule("duplicate-slug", "No two files of one kind have the same name, even in different folders, and no two "
         "pages have the same address.",
         "content/services/more/night-shelter.yml:1:1: (file name): another file has the same name 'night-shelter': "
         "content/services/night-shelter.yaml. Each file needs its own name; rename or remove one [duplicate-slug]"),
    Rule("reserved-slug", "A service file is not named like one of the directory's own pages, and a page in "
         "content/pages/ does not take the address of one of the site's own pages.",
         "content/services/areas.yaml:1:1: (file name): 'areas' is the name of one of the directory's own pages "
         f"(/{Urls().service('areas')}); rename the file, for example to areas-service.yaml [reserved-slug]"),
    # -- across files ----------------------------------------------------------------------
    Rule("vocabulary", "Stages, themes, areas, sectors and client groups are ids listed in schemas/vocabularies/.",
         "content/organisations/example-trust.yaml:2:9: sector: 'housin' is not one of the known sectors; did you "
         "mean 'housing'? Known values: criminal-justice, education, employment-business, faith, health, housing, "
         "local-government, other, police-fire, transport, voluntary-community, welfare-benefits [vocabulary]"),
    Rule("organisation-reference", "An organisation named by a commitment, a service or a partners list has its "
         "own file in content/organisations/, and is not its own partner; a collaborator written like an id "
         "(lower-case, with hyphens) is one.",
         "content/pledges/example-trust-2024.md:2:15: organisation: 'example-trusts' is not one of the known "
         "organisations; did you mean 'example-trust'? An organisation is named by its file name in "
         "content/organisations/, without .yaml [organisation-reference]"),
    Rule("service-reference", "A service named by an alert or a helpline has its own file in content/services/.",
         "content/alerts/cold-snap.yaml:9:14: services[0].service: 'night-shelters' is not one of the known "
         "services; did you mean 'night-shelter'? [service-reference]"),
    Rule("pledge-reference", "Each action's pledge is the id of a pledge in the same file, and each pledge's outcome "
         "the id of an outcome there.",
         "content/pledges/example-trust-2024.md:42:13: actions[0].pledge: 'cultur' is not one of the known pledge "
         "ids in this file; did you mean 'culture'? Known values: culture, refer [pledge-reference]"),
    Rule("duplicate-pledge-id", "Each pledge and each outcome in a commitment has its own id.",
         "content/pledges/example-trust-2024.md:25:9: pledges[1].id: pledge id 'culture' is already used by "
         "pledges[0]; give each pledge its own id [duplicate-pledge-id]"),
    Rule("date-order", "Dates are in order: approval, deadlines, milestones and updates not before the session (a "
         "month counts to its last day), updates oldest first, review and closing after approval, renewal after the "
         "award, an alert's end after its start, an hours exception's "
         "to after its from.",
         "content/pledges/example-trust-2024.md:8:11: approved: approval (2024-05-01) is before the session was "
         "held (2024-05-12); check both dates [date-order]"),
    Rule("hours", "Opening hours do not open and close at the same time, and a last entry is while the service is open.",
         "content/services/night-shelter.yaml:19:13: hours[0].closes: opens and closes at the same time; for a "
         "service open all day and night use `always_open: true` instead [hours]"),
    Rule("logo", "A logo named by an organisation is in content/organisations/logos/ and is a real PNG or JPEG "
         "within the size limits.",
         "content/organisations/example-trust.yaml:5:7: logo: there is no file example.png in "
         "content/organisations/logos/; add it or fix the name [logo]"),
    Rule("checker-failed", "The checker runs to the end on every file; if it fails on one (a fault in c2c, not in "
         "the file), that file is named and `c2c validate` exits 2 instead of 1.",
         "content/services/night-shelter.yaml:1:1: (file): the checker failed on this file; this is a fault in "
         "c2c, not in your file: please report it with the file attached [checker-failed]"),
    Rule("missing-vocabulary", "Every vocabulary file (stages, stage groups, themes, areas, sectors, client "
         "groups) is in schemas/vocabularies/.",
         "schemas/vocabularies/themes.yaml:1:1: (file): this vocabulary file is missing [missing-vocabulary]"),
    # -- content-quality warnings (c2c_registry/rules/quality.py): shown, not blocking ---------
    Rule("pledge-without-action", "Warning: every pledge has at least one action in the plan that delivers it.",
         "content/pledges/example-trust-2024.md:20:9: pledges[1].id: no action in the plan delivers the pledge "
         "'culture'; add an action with `pledge: culture` [pledge-without-action]", warning=True),
    Rule("action-lead-measure", "Warning: every action names a lead and says how its impact is tracked.",
         "content/pledges/example-trust-2024.md:30:14: actions[0].pledge: this action has no lead; add `lead:` "
         "with initials or a role title, e.g. 'Housing Services Manager' [action-lead-measure]", warning=True),
    Rule("lead-full-name", "Warning: a pledge's or an action's lead is initials or a role title, not a person's "
         "full name (plans are published); a joint lead is read person by person.",
         "content/pledges/example-trust-2024.md:31:11: actions[0].lead: 'Jane Smith' looks like a person's full "
         "name; the plan is published, so write initials (e.g. 'JS') or a role title (e.g. 'Housing Services "
         "Manager') [lead-full-name]", warning=True),
    Rule("deadline-before-approval", "Warning: an open action's deadline had not already passed when the plan "
         "was approved.",
         "content/pledges/example-trust-2024.md:33:10: actions[0].due: the deadline (2024-05-20) had already "
         "passed when the plan was approved (2024-06-01); give a new deadline or mark the action done "
         "[deadline-before-approval]", warning=True),
    Rule("stage-without-pledge", "Warning: a stage the discussion log raised as a gap or an opportunity has a "
         "pledge.",
         "content/pledges/example-trust-2024.md:14:15: discussion.gaps[0].stages: the discussion raised the stage "
         "'Move-on support' but no pledge is at that stage; add a pledge for it or say in the story why not "
         "[stage-without-pledge]", warning=True),
    Rule("stale-service", "Warning: a directory service was verified within C2C_STALE_AFTER_DAYS (a year) of "
         "the build date.",
         "content/services/night-shelter.yaml:9:16: last_verified: not verified since 2025-01-10 (more than 365 "
         "days); check the listing with the provider and update `last_verified:` [stale-service]", warning=True),
)

RULES: dict[str, Rule] = {rule.name: rule for rule in _RULES}
assert len(RULES) == len(_RULES), "two rules share a name"
assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in RULES), "rule names are kebab-case"


def known_rule(name: str) -> str:
    """`name`, if it is a registered rule; otherwise a ValueError."""
    if name not in RULES:
        raise ValueError(f"{name!r} is not a rule in c2c_registry/rules/rules.py; register it there first")
    return name


def is_warning(name: str) -> bool:
    """Whether a rule is a content-quality warning rather than an error."""
    return RULES[name].warning


def markdown_table() -> str:
    """The README's table of rules."""
    lines = ["| Rule | What it checks | Example |", "| --- | --- | --- |"]
    for rule in RULES.values():
        example = rule.example.replace("|", "\\|")
        code = f"`` {example} ``" if "`" in example else f"`{example}`"
        lines.append(f"| `{rule.name}` | {rule.description} | {code} |")
    return "\n".join(lines)

