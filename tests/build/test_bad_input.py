"""Bad input: a corpus of broken content, one defect per file, each added to a copy of the
tiny valid site. Every defect is refused by `c2c validate` (exit 1) within a time bound,
with a `path:line:col: field: message` line that names the broken file and says what is
wrong; no other file is blamed. Covers every error kind in the content model, plus what
an attacker or an unlucky editor sends: alias bombs, a 12 MB file, a PNG decompression
bomb, deep nesting, an empty file, a list where fields belong, `no` read as false, a file
name that is not a slug, two files with one slug, a YAML tag that would run a command.

Each case runs the real command (`c2c_cli.main`) in a forked child, so a crash
or hang is contained and reported; one extra test runs the installed `c2c` script over
the whole corpus at once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from PIL import Image

from support.clock import BUILD_DATE
from support.content_corpus import (
    ALERT,
    COMMITMENT,
    ORG,
    SERVICE,
    SUMMARY_LINE,
    Fifo,
    Symlink,
    alias_bomb,
    internals,
    png_header_only,
    write_files,
)
from support.forked_cli import run_cli
from support.project import C2C, TINY

TIME_LIMIT = 15  # seconds per case, generous for a slow CI machine; most take ~0.1 s
PROBLEM_LINE = re.compile(
    r"^(?P<path>[^\n:]+):(?P<line>\d+):(?P<col>\d+): (?P<field>[^:\n]+): (?P<message>.+) \[(?P<rule>[a-z0-9-]+)\]$", re.M)
MAX_LINE = 1500  # a long value is shortened, so no line comes near this


def _org(**replace) -> str:
    text = ORG
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def _noisy_png(size: int) -> bytes:
    import io
    import random

    rnd = random.Random(1)
    image = Image.frombytes("RGB", (size, size), bytes(rnd.getrandbits(8) for _ in range(size * size * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def _gif() -> bytes:
    import io

    buffer = io.BytesIO()
    Image.new("P", (10, 10)).save(buffer, "GIF")
    return buffer.getvalue()


def _logo_case(name: str, data: bytes) -> dict:
    return {"organisations/logo-org.yaml": ORG + f"logo: {name}\n", f"organisations/logos/{name}": data}


def _too_long_body() -> str:
    return COMMITMENT + "[" * 20_001 + "\n"


# case -> (files to add, file that must be blamed, field (regex), words the message must contain,
# the rule named after the message)
# The defect file is always new, so the rest of the tiny site stays valid.
CASES: dict[str, tuple[dict, str, str, list[str], str]] = {
    # -- error kinds named in the content model -------------------------------------------
    "duplicate key": ({"organisations/dup.yaml": ORG + "name: Again\n"}, "organisations/dup.yaml", "name",
                      ["appears twice", "line 1"], "duplicate-key"),
    "unknown field": ({"organisations/unknown.yaml": ORG + "colour: red\n"}, "organisations/unknown.yaml", "colour",
                      ["unknown field 'colour'"], "unknown-field"),
    "wrong type": ({"pledges/wrong-type.md": COMMITMENT.replace("approach: roundtable", "approach: roundtable\nparticipants: nine")},
                   "pledges/wrong-type.md", "participants", ["whole number"], "wrong-type"),
    "unknown vocabulary id (sector)": ({"organisations/vocab.yaml": _org(**{"sector: housing": "sector: housin"})},
                                       "organisations/vocab.yaml", "sector", ["not one of the known sectors", "did you mean 'housing'"], "vocabulary"),
    "unknown vocabulary id (stage)": ({"pledges/bad-stage.md": COMMITMENT.replace("stage: recovery", "stage: recover")},
                                      "pledges/bad-stage.md", r"pledges\[0\]\.stage", ["known stages"], "vocabulary"),
    "unknown vocabulary id (client group)": ({"services/bad-group.yaml": SERVICE.replace("[single-adults]", "[single-adult]")},
                                             "services/bad-group.yaml", r"client_groups\[0\]", ["did you mean 'single-adults'"], "vocabulary"),
    "unknown vocabulary id (alert area)": ({"alerts/bad-area.yaml": ALERT.replace("[birmingham]", "[brum]")},
                                           "alerts/bad-area.yaml", r"areas\[0\]", ["not one of the known areas"], "vocabulary"),
    "dangling organisation": ({"pledges/dangling-org.md": COMMITMENT.replace("organisation: beta-housing", "organisation: beta-housin")},
                              "pledges/dangling-org.md", "organisation", ["not one of the known organisations", "beta-housing"], "organisation-reference"),
    "dangling service organisation": ({"services/dangling-org.yaml": SERVICE.replace("provider: Corpus Charity", "organisation: nobody-at-all")},
                                      "services/dangling-org.yaml", "organisation", ["not one of the known organisations"], "organisation-reference"),
    "dangling partner": ({"organisations/partner.yaml": ORG + "partners: [gamma-trust]\n"}, "organisations/partner.yaml",
                         r"partners\[0\]", ["'gamma-trust' is not one of the known organisations"], "organisation-reference"),
    "own partner": ({"organisations/own-partner.yaml": ORG + "partners: [own-partner]\n"}, "organisations/own-partner.yaml",
                    r"partners\[0\]", ["own partner"], "organisation-reference"),
    "dangling pledge id": ({"pledges/dangling-pledge.md": COMMITMENT.replace("  - pledge: first", "  - pledge: firts")},
                           "pledges/dangling-pledge.md", r"actions\[0\]\.pledge", ["did you mean 'first'"], "pledge-reference"),
    "duplicate pledge id": ({"pledges/dup-pledge.md": COMMITMENT.replace(
        "    stage: recovery\n", "    stage: recovery\n  - id: first\n    text: Again\n    stage: recovery\n", 1)},
        "pledges/dup-pledge.md", r"pledges\[1\]\.id", ["already used"], "duplicate-pledge-id"),
    "duplicate slug": ({"organisations/more/alpha-trust.yaml": ORG}, "organisations/more/alpha-trust.yaml", r"\(file name\)",
                       ["same name 'alpha-trust'", "organisations/alpha-trust.yaml"], "duplicate-slug"),
    "deadline before the session": ({"pledges/early-deadline.md": COMMITMENT.replace("due: 2024-06-01", "due: 2023-06-01")},
                                    "pledges/early-deadline.md", r"actions\[0\]\.due", ["before the session was held"], "date-order"),
    "approval before the session": ({"pledges/early-approval.md": COMMITMENT.replace("approved: 2024-02-01", "approved: 2023-12-01")},
                                    "pledges/early-approval.md", "approved", ["before the session was held"], "date-order"),
    "update before the session": ({"pledges/early-update.md": COMMITMENT.replace("date: 2024-03-01", "date: 2023-03-01")},
                                  "pledges/early-update.md", r"actions\[0\]\.updates\[0\]\.date", ["before the session"], "date-order"),
    "review before approval": ({"pledges/early-review.md": COMMITMENT.replace("review_due: 2025-02-01", "review_due: 2024-01-01")},
                               "pledges/early-review.md", "review_due", ["before approval"], "date-order"),
    "renewal before award": ({"organisations/renewal.yaml": _org(**{"  status: pledged\n": "  status: awarded\n  awarded: 2024-01-01\n  renewal_due: 2023-01-01\n"})},
                             "organisations/renewal.yaml", r"c2c\.renewal_due", ["before the award"], "date-order"),
    "alert ends before it starts": ({"alerts/backwards.yaml": ALERT.replace("active_until: 2026-11-30", "active_until: 2026-10-30")},
                                    "alerts/backwards.yaml", "active_until", ["ends before it starts"], "date-order"),
    "not UTF-8": ({"organisations/latin1.yaml": ORG.replace("corpus tests.", "caf\xe9.").encode("latin-1")},
                  "organisations/latin1.yaml", r"\(file\)", ["not UTF-8", "Save it as UTF-8"], "not-utf8"),
    "oversized image": (_logo_case("huge.png", _noisy_png(900)), "organisations/logo-org.yaml", "logo",
                        ["MB; the limit is 2 MB"], "logo"),
    "broken image": (_logo_case("broken.png", b"\x89PNG\r\n\x1a\nthis is not really a picture"),
                     "organisations/logo-org.yaml", "logo", ["export it again as PNG or JPEG"], "logo"),
    "image that is not PNG or JPEG": (_logo_case("really-a-gif.png", _gif()), "organisations/logo-org.yaml", "logo",
                                      ["GIF", "use a PNG or JPEG"], "logo"),
    "missing image": ({"organisations/logo-org.yaml": ORG + "logo: nowhere.png\n"}, "organisations/logo-org.yaml", "logo",
                      ["no file nowhere.png"], "logo"),
    # -- hostile or unlucky files ------------------------------------------------------------
    "PNG decompression bomb": (_logo_case("bomb.png", png_header_only(30_000, 30_000)), "organisations/logo-org.yaml",
                               "logo", ["far too large to open safely (900,000,000 pixels)", "limit is 4000×4000"], "logo"),
    "image over the pixel limit": (_logo_case("wide.png", png_header_only(5_000, 5_000)), "organisations/logo-org.yaml",
                                   "logo", ["5000×5000 pixels", "limit is 4000×4000"], "logo"),
    "YAML alias bomb": ({"organisations/laughs.yaml": alias_bomb()}, "organisations/laughs.yaml", r"\(file\)",
                        ["aliases (*name) are not allowed"], "yaml-alias"),
    "YAML alias bomb (one long value, many references)": (
        {"services/quadratic.yaml": SERVICE + "hours_note: &x '" + "x" * 50_000 + "'\nreferral_details: [" + ", ".join(["*x"] * 5_000) + "]\n"},
        "services/quadratic.yaml", r"\(file\)", ["aliases (*name) are not allowed"], "yaml-alias"),
    "YAML alias bomb in front matter": ({"pledges/laughs-2024.md": "---\n" + alias_bomb() + "---\nBody\n"},
                                        "pledges/laughs-2024.md", r"\(file\)", ["aliases (*name) are not allowed"], "yaml-alias"),
    "12 MB file": ({"organisations/twelve-mb.yaml": ORG + "# " + "x" * 12_000_000 + "\n"}, "organisations/twelve-mb.yaml",
                   r"\(file\)", ["12.0 MB", "limit is 1 MB"], "file-too-large"),
    "deep nesting": ({"organisations/deep.yaml": ORG + "partners: " + "[" * 200_000 + "]" * 200_000 + "\n"},
                     "organisations/deep.yaml", r"\(file\)", ["nested more than 20 levels"], "nesting-depth"),
    "too many values": ({"services/many.yaml": SERVICE.replace("languages: [en]", "languages:\n" + "  - en\n" * 60_000)},
                        "services/many.yaml", r"\(file\)", ["more than 50000 values"], "file-too-large"),
    "empty file": ({"organisations/empty.yaml": ""}, "organisations/empty.yaml", r"\(file\)", ["empty"], "empty-file"),
    "only comments": ({"organisations/comments.yaml": "# nothing here yet\n\n# still nothing\n"},
                      "organisations/comments.yaml", r"\(file\)", ["empty"], "empty-file"),
    "a list where a mapping belongs (whole file)": ({"organisations/a-list.yaml": "- name: A\n- name: B\n"},
                                                    "organisations/a-list.yaml", r"\(file\)", ["set of fields", "a list"], "wrong-type"),
    "a list where a mapping belongs (field)": ({"organisations/c2c-list.yaml": _org(**{"c2c:\n  status: pledged\n": "c2c: [pledged]\n"})},
                                               "organisations/c2c-list.yaml", "c2c", ["set of fields"], "wrong-type"),
    "a mapping where a list belongs": ({"organisations/areas-map.yaml": _org(**{"areas: [birmingham]": "areas:\n  birmingham: yes"})},
                                       "organisations/areas-map.yaml", "areas", ["a list"], "wrong-type"),
    "no parsed as false": ({"services/norwegian.yaml": SERVICE.replace("languages: [en]", "languages: [en, no]")},
                           "services/norwegian.yaml", r"languages\[1\]", ["true/false", 'put it in quotes, "no"'], "wrong-type"),
    "time parsed as a number": ({"services/sexagesimal.yaml": SERVICE.replace('closes: "17:00"', "closes: 17:00")},
                                "services/sexagesimal.yaml", r"hours\[0\]\.closes", ["a number (1020)", 'put it in quotes, "17:00"'], "wrong-type"),
    "not a real date": ({"pledges/feb-30.md": COMMITMENT.replace("held: 2024-01-10", "held: 2024-02-30")},
                        "pledges/feb-30.md", "held", ["'2024-02-30' is not valid", "YYYY-MM-DD"], "bad-format"),
    "file name that is not a slug": ({"organisations/Corpus Org.yaml": ORG}, "organisations/Corpus Org.yaml",
                                     r"\(file name\)", ["cannot be a web address", "'corpus-org'"], "file-name"),
    "file name too long": ({f"organisations/{'a' * 81}.yaml": ORG}, f"organisations/{'a' * 81}.yaml",
                           r"\(file name\)", ["at most 80"], "file-name"),
    "stray file": ({"organisations/notes.txt": "remember to add the logo"}, "organisations/notes.txt",
                   r"\(file name\)", ["only .yaml or .yml files"], "stray-file"),
    "upper-case extension": ({"services/SHOUTY.YAML": SERVICE}, "services/SHOUTY.YAML", r"\(file name\)",
                             ["only .yaml or .yml files"], "stray-file"),
    "invalid YAML": ({"organisations/unclosed.yaml": _org(**{"areas: [birmingham]": "areas: [birmingham"})},
                     "organisations/unclosed.yaml", r"\(file\)", ["not valid YAML"], "yaml-syntax"),
    "tab indentation": ({"organisations/tabs.yaml": _org(**{"  status: pledged": "\tstatus: pledged"})},
                        "organisations/tabs.yaml", r"\(file\)", ["indented with a tab", "spaces"], "yaml-syntax"),
    "text with ': ' not in quotes": ({"organisations/colon.yaml": _org(**{"summary: An organisation": "summary: Note: an organisation"})},
                                     "organisations/colon.yaml", r"\(file\)", ["not valid YAML", "quotes"], "yaml-syntax"),
    "two YAML documents": ({"organisations/two-docs.yaml": ORG + "---\nname: Second\n"}, "organisations/two-docs.yaml",
                           r"\(file\)", ["more than one YAML document"], "yaml-syntax"),
    "commitment without front matter": ({"pledges/no-front.md": COMMITMENT.split("---\n")[1]}, "pledges/no-front.md",
                                        r"\(file\)", ["must start with a line '---'"], "front-matter"),
    "front matter never closed": ({"pledges/unclosed.md": COMMITMENT.rsplit("---\n", 1)[0]}, "pledges/unclosed.md",
                                  r"\(file\)", ["no closing '---'"], "front-matter"),
    "NUL byte": ({"organisations/nul.yaml": ORG.replace("housing", "hous\x00ing", 1)}, "organisations/nul.yaml",
                 r"\(file\)", ["NUL"], "not-utf8"),
    "YAML tag that would run a command": ({"organisations/tagged.yaml": ORG + "logo: !!python/object/apply:os.system ['touch {marker}']\n"},
                                          "organisations/tagged.yaml", r"\(file\)", ["custom YAML tags"], "yaml-tag"),
    "merge key": ({"organisations/merge.yaml": "base: &b {name: A}\n<<: *b\n" + ORG}, "organisations/merge.yaml",
                  r"\(file\)|base", ["merge keys"], "yaml-alias"),
    "number as a field name": ({"organisations/number-key.yaml": ORG + "1: one\n"}, "organisations/number-key.yaml",
                               r"\(file\)", ["field names must be words"], "field-name"),
    "missing required field": ({"organisations/no-summary.yaml": _org(**{"summary: An organisation written by the corpus tests.\n": ""})},
                               "organisations/no-summary.yaml", "summary", ["required field is missing"], "required-field"),
    "awarded without a date": ({"organisations/no-award-date.yaml": _org(**{"status: pledged": "status: awarded"})},
                               "organisations/no-award-date.yaml", r"c2c\.awarded", ["add `awarded:`"], "required-field"),
    "bad enum value": ({"services/bad-enum.yaml": SERVICE + "referral: walk-in\n"}, "services/bad-enum.yaml", "referral",
                       ["'walk-in' is not allowed here", "self, professional, both"], "not-allowed-value"),
    "bad postcode": ({"services/postcode.yaml": SERVICE + "locations:\n  - address: [1 Road]\n    town: Birmingham\n    postcode: b11aa\n"},
                     "services/postcode.yaml", r"locations\[0\]\.postcode", ["not in the right form", "B1 1AA"], "bad-format"),
    "javascript: website": ({"organisations/js-site.yaml": ORG + "website: javascript:alert(1)\n"},
                            "organisations/js-site.yaml", "website", ["https://"], "bad-format"),
    "script in an email address": ({"organisations/bad-email.yaml": ORG + "contact_email: 'a<script>@example.org'\n"},
                                   "organisations/bad-email.yaml", "contact_email", ["help@example.org"], "bad-format"),
    "both organisation and provider": ({"services/both.yaml": SERVICE + "organisation: beta-housing\n"},
                                       "services/both.yaml", r"\(file\)", ["not both"], "field-combination"),
    "no way to contact": ({"services/no-contact.yaml": SERVICE.replace('contact:\n  phone: "0121 496 0999"\n', "contact: {}\n")},
                          "services/no-contact.yaml", "contact", ["at least one of phone"], "empty-value"),
    "zero-length opening hours": ({"services/zero-hours.yaml": SERVICE.replace('closes: "17:00"', 'closes: "09:00"')},
                                  "services/zero-hours.yaml", r"hours\[0\]\.closes", ["always_open"], "hours"),
    "summary too long": ({"organisations/long-summary.yaml": _org(**{"summary: An organisation written by the corpus tests.": "summary: " + "x" * 301})},
                         "organisations/long-summary.yaml", "summary", ["limit is 300"], "too-long"),
    "Markdown field too long": ({"organisations/long-description.yaml": ORG + "description: '" + "[" * 20_001 + "'\n"},
                                "organisations/long-description.yaml", "description", ["limit is 20000"], "too-long"),
    "commitment text too long": ({"pledges/long-body.md": _too_long_body()}, "pledges/long-body.md",
                                 r"\(text after the front matter\)", ["limit is 20,000"], "too-long"),
    # -- links and files that are not files (issue 9): reported, never followed or read ----------
    "link to a file outside content/": ({"organisations/leak.yaml": Symlink("/etc/passwd")}, "organisations/leak.yaml",
                                        r"\(file name\)", ["symbolic link", "not followed"], "special-file"),
    "link to nowhere": ({"services/dangling.yaml": Symlink("no-such-file.yaml")}, "services/dangling.yaml",
                        r"\(file name\)", ["symbolic link"], "special-file"),
    "link to itself": ({"pledges/loop-2024.md": Symlink("loop-2024.md")}, "pledges/loop-2024.md",
                       r"\(file name\)", ["symbolic link"], "special-file"),
    "link to a device": ({"alerts/zero.yaml": Symlink("/dev/zero")}, "alerts/zero.yaml", r"\(file name\)",
                         ["symbolic link"], "special-file"),
    "link to a folder above": ({"services/loop": Symlink("..")}, "services/loop", r"\(file name\)",
                               ["symbolic link"], "special-file"),
    "link among the logos": ({"organisations/logos/passwd.png": Symlink("/etc/passwd")},
                             "organisations/logos/passwd.png", r"\(file name\)", ["symbolic link"], "special-file"),
    "link as a page": ({"pages/linked.md": Symlink("/etc/hostname")}, "pages/linked.md", r"\(file name\)",
                       ["symbolic link"], "special-file"),
    "named pipe": ({"services/pipe.yaml": Fifo()}, "services/pipe.yaml", r"\(file name\)",
                   ["not an ordinary file"], "special-file"),
    # -- values that would forge, colour or flood the report --------------------------------------
    "newline forging a second problem line": (
        {"organisations/forge.yaml": _org(**{"sector: housing": 'sector: "housin\\ncontent/organisations/alpha-trust.yaml:1:1: '
                                                                 'name: forged [vocabulary]"'})},
        "organisations/forge.yaml", "sector", ["'housin\\ncontent/organisations/alpha-trust.yaml:1:1: name: forged"],
        "bad-format"),
    "terminal escape codes in a value": ({"organisations/colour.yaml": _org(**{"sector: housing": 'sector: "\\e[2J\\e[31mhousing"'})},
                                         "organisations/colour.yaml", "sector", ["U+001B, escape"], "control-character"),
    "300,000-character value": ({"organisations/flood.yaml": ORG + "website: " + "h" * 300_000 + "\n"},
                                "organisations/flood.yaml", "website", ["'hhhh", "…' is not in the right form"], "bad-format"),
    "300,000-character field name": ({"organisations/flood-key.yaml": ORG + "? " + "k" * 300_000 + "\n: x\n"},
                                     "organisations/flood-key.yaml", "'k+…'", ["unknown field 'kkk", "…'"], "unknown-field"),
    # -- text with nothing to read, numbers that are not numbers, control characters -------------
    "name of spaces only": ({"organisations/blank-name.yaml": _org(**{"name: Corpus Test Organisation": 'name: "   "'})},
                            "organisations/blank-name.yaml", "name", ["only spaces"], "empty-value"),
    "summary of invisible characters": ({"services/blank-summary.yaml": SERVICE.replace(
        "summary: A service written by the corpus tests.", 'summary: "\\u200b\\u00a0 "')},
        "services/blank-summary.yaml", "summary", ["only spaces or invisible characters"], "empty-value"),
    "pledge text of spaces only": ({"pledges/blank-pledge-2024.md": COMMITMENT.replace("text: We pledge something useful", "text: '  '")},
                                   "pledges/blank-pledge-2024.md", r"pledges\[0\]\.text", ["only spaces"], "empty-value"),
    "measure of spaces only": ({"pledges/blank-measure-2024.md": COMMITMENT.replace("measure: Count it", "measure: ' '")},
                               "pledges/blank-measure-2024.md", r"actions\[0\]\.measure", ["only spaces"], "empty-value"),
    "lead of spaces only": ({"pledges/blank-lead-2024.md": COMMITMENT.replace("measure: Count it", "measure: Count it\n    lead: '\t'")},
                            "pledges/blank-lead-2024.md", r"actions\[0\]\.lead", ["only spaces"], "empty-value"),
    "latitude .nan": ({"services/nan.yaml": SERVICE + "locations:\n  - address: [1 Road]\n    town: Birmingham\n"
                       "    postcode: B1 1AA\n    lat: .nan\n    lon: -1.9\n"},
                      "services/nan.yaml", r"locations\[0\]\.lat", [".nan is YAML for 'not a number'", "52.48"], "not-a-number"),
    "participants .inf": ({"pledges/infinite-2024.md": COMMITMENT.replace("approach: roundtable", "approach: roundtable\nparticipants: .inf")},
                          "pledges/infinite-2024.md", "participants", [".inf is YAML for 'not a number' or infinity"], "not-a-number"),
    "NUL written as an escape": ({"organisations/nul-escape.yaml": _org(**{"summary: An organisation written by the corpus tests.": 'summary: "An\\0 organisation"'})},
                                 "organisations/nul-escape.yaml", "summary", ["U+0000"], "control-character"),
    "control character typed into a file": ({"organisations/bell.yaml": _org(**{"corpus tests.": "corpus\x07 tests."})},
                                            "organisations/bell.yaml", r"\(file\)", ["U+0007, bell", "at column 47"], "control-character"),
    "line separator typed into a file": ({"pledges/separator-2024.md": COMMITMENT.replace("What we learnt.", "What\u2028we learnt.")},
                                         "pledges/separator-2024.md", r"\(file\)", ["U+2028, line separator"], "control-character"),
    # -- messages that used to leak Python --------------------------------------------------------
    "status with no value": ({"organisations/no-status.yaml": _org(**{"status: pledged": "status:"})},
                             "organisations/no-status.yaml", r"c2c\.status", ["an empty value is not allowed here"], "not-allowed-value"),
    "status that is a set of fields": ({"organisations/map-status.yaml": _org(**{"status: pledged": "status: {x: 1}"})},
                                       "organisations/map-status.yaml", r"c2c\.status", ["a set of fields is not allowed"], "not-allowed-value"),
    "a list as a field name": ({"organisations/list-key.yaml": ORG + "? [a]\n: b\n"}, "organisations/list-key.yaml",
                               r"\(file\)", ["field names must be words, but this one is a list"], "field-name"),
    "an empty field name": ({"organisations/null-key.yaml": ORG + "~: b\n"}, "organisations/null-key.yaml",
                            r"\(file\)", ["is read as an empty value"], "field-name"),
    "service without a summary": ({"services/no-summary.yaml": SERVICE.replace("summary: A service written by the corpus tests.\n", "")},
                                  "services/no-summary.yaml", "summary", ["required field is missing: add `summary:`"], "required-field"),
    "mistyped collaborator": ({"pledges/collab-2024.md": COMMITMENT.replace("approach: roundtable", "approach: roundtable\ncollaborators: [alpha-trsut]")},
                              "pledges/collab-2024.md", r"collaborators\[0\]", ["did you mean 'alpha-trust'?", "write its name in words"],
                              "organisation-reference"),
    # -- pages in content/pages/ -----------------------------------------------------------------
    "page date Pelican cannot read": ({"pages/bad-date.md": "Title: Dates\nDate: 31/02/2024\n\nText.\n"}, "pages/bad-date.md",
                                      "Date", ["'31/02/2024' is not a date written YYYY-MM-DD"], "bad-format"),
    "page date read month first": ({"pages/us-date.md": "Title: Dates\nDate: 03/04/2024\n\nText.\n"}, "pages/us-date.md",
                                   "Date", ["read month first"], "bad-format"),
    "page named like a site folder": ({"pages/directory.md": "Title: Our directory\n\nText.\n"}, "pages/directory.md",
                                      r"\(file name\)", ["address of one of the site's own pages (/directory/)"], "reserved-slug"),
    "page slug of a site folder": ({"pages/orgs.md": "Title: Organisations\nSlug: organisations\n\nText.\n"}, "pages/orgs.md",
                                   "Slug", ["(/organisations/)"], "reserved-slug"),
    "page slug another page has": ({"pages/who-we-are.md": "Title: Who we are\nSlug: about\n\nText.\n"}, "pages/who-we-are.md",
                                   "Slug", ["another page has the address /about/", "content/pages/about.md"], "duplicate-slug"),
    "page that would overwrite the home page": ({"pages/home.md": "Title: Home\nSave_as: index.html\n\nText.\n"},
                                                "pages/home.md", "Save_as", ["unknown field 'Save_as'"], "unknown-field"),
    "page without a title": ({"pages/untitled.md": "Slug: untitled\n\nText.\n"}, "pages/untitled.md", "Title",
                             ["no Title: line"], "required-field"),
    "page title of spaces": ({"pages/blank-title.md": "Title:    \nSlug: blank-title\n\nText.\n"}, "pages/blank-title.md",
                             "Title", ["this is empty"], "empty-value"),
    "page as a draft": ({"pages/draft.md": "Title: Draft\nStatus: draft\n\nText.\n"}, "pages/draft.md", "Status",
                        ["use one of: published, hidden", "drafts/"], "not-allowed-value"),
    "page field twice": ({"pages/twice.md": "Title: One\nTitle: Two\n\nText.\n"}, "pages/twice.md", "Title",
                         ["appears twice (first on line 1)"], "duplicate-key"),
    "page slug that is not an address": ({"pages/spaced.md": "Title: Spaced\nSlug: Our Work\n\nText.\n"}, "pages/spaced.md",
                                         "Slug", ["cannot be a web address", "our-work"], "bad-format"),
    "page in another format": ({"pages/notes.html": "<p>hello</p>"}, "pages/notes.html", r"\(file name\)",
                               ["only .md files"], "stray-file"),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    """The tiny site, checked valid once; each case copies it."""
    content = tmp_path_factory.mktemp("base") / "content"
    shutil.copytree(TINY, content)
    result = run_cli(["validate", "--content", str(content)], TIME_LIMIT)
    assert result.returncode == 0, result.output
    return content


@pytest.mark.parametrize("case", CASES)
def test_defect_is_refused_in_bounded_time_naming_the_file(base, tmp_path, case):
    files, blamed, field, words, rule = CASES[case]
    content = tmp_path / "content"
    shutil.copytree(base, content)
    marker = tmp_path / "command-ran"
    write_files(content, {rel: (data.replace("{marker}", str(marker)) if isinstance(data, str) else data)
                          for rel, data in files.items()})

    result = run_cli(["validate", "--content", str(content)], TIME_LIMIT)

    assert result.returncode == 1, f"exit {result.returncode} (want 1) after {result.seconds:.1f} s:\n{result.output[:3000]}"
    assert result.seconds < TIME_LIMIT
    problems = [m.groupdict() for m in PROBLEM_LINE.finditer(result.output)]
    assert problems, f"no `path:line:col: field: message [rule]` line in:\n{result.output[:2000]}"
    blamed_path = f"content/{blamed}"
    blamed_files = {p["path"] for p in problems}
    assert blamed_files == {blamed_path}, f"want only {blamed_path} blamed, got {blamed_files}:\n{result.output[:2000]}"
    ours = [p for p in problems if re.fullmatch(field, p["field"])]
    assert ours, f"no problem on field {field!r}:\n{result.output[:2000]}"
    assert any(all(w in p["message"] for w in words) for p in ours), (
        f"the message should say {words}:\n{result.output[:2000]}")
    assert any(all(w in p["message"] for w in words) and p["rule"] == rule for p in ours), (
        f"the message should name the rule [{rule}]:\n{result.output[:2000]}")
    assert all(int(p["line"]) >= 1 and int(p["col"]) >= 1 for p in problems)
    assert re.search(r"^\d+ problems? in 1 file\. Nothing was built", result.output, re.M), result.output[-500:]
    assert not marker.exists(), "a YAML tag ran a command"
    # One message per bad value, in plain words, one line each, and nothing read from outside content/.
    assert len(problems) == 1, f"one defect, {len(problems)} problems:\n{result.output[:3000]}"
    for p in problems:
        assert not internals(p["message"]), f"Python or parser internals in: {p['message'][:500]}"
    lines = result.output.splitlines()
    assert all(PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line) for line in lines), result.output[:3000]
    assert all(len(line) < MAX_LINE for line in lines), max(lines, key=len)[:300]
    assert "root:" not in result.output and "\x1b" not in result.output


def test_the_installed_command_refuses_the_whole_corpus_at_once(base, tmp_path):
    """The real `c2c` script over every defect together (each in its own file): exit 1,
    every broken file named, one summary line, and well inside the time bound."""
    content = tmp_path / "content"
    shutil.copytree(base, content)
    for files, *_ in CASES.values():
        write_files(content, {rel: (d.replace("{marker}", str(tmp_path / "ran")) if isinstance(d, str) else d)
                              for rel, d in files.items()})
    result = subprocess.run([*C2C, "validate", "--content", str(content),
                            "--build-date", BUILD_DATE],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120,
                            env={"PATH": "/usr/bin:/bin", "GITHUB_ACTIONS": "true",  # and PYTHONPATH, which
                                 # a git worktree sharing another checkout's .venv needs to test its own code
                                 **{k: v for k, v in os.environ.items() if k == "PYTHONPATH"}})
    assert result.returncode == 1, result.stdout + result.stderr
    named = {m.group("path") for m in PROBLEM_LINE.finditer(result.stdout)}
    # The duplicate-slug and alpha-trust cases blame the newer file; the image cases share one file.
    expected = {f"content/{blamed}" for _, blamed, *_ in CASES.values()}
    assert expected <= named, f"not named: {sorted(expected - named)}"
    assert "::error file=content/organisations/laughs.yaml,line=" in result.stdout
    problems = list(PROBLEM_LINE.finditer(result.stdout))
    assert not [m["message"] for m in problems if internals(m["message"])]
    assert all(PROBLEM_LINE.match(line) or SUMMARY_LINE.match(line) or line.startswith("::error ")
               for line in result.stdout.splitlines()), result.stdout[:3000]
    assert "root:" not in result.stdout and result.stderr == ""
    assert result.stdout.rstrip().endswith("Nothing was built; fix these and run `c2c validate` again.")
    assert not (tmp_path / "ran").exists()
