"""Valid content that looks odd must be accepted and published, nothing lost: a byte-order
mark, Windows and old-Mac line endings, names in any script (accents, Arabic, Chinese,
emoji), opening hours past midnight, `.yml`, an explicit `---` document start, the
Norwegian language code written "no" in quotes, a leap day, a commitment with no
actions yet, a service with no address, a file just under the size limit, and fields
exactly at their length limits.

Each case is validated on its own (exit 0); then all of them are built into one site and
each one's page is checked for what it must show.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest

from support.content_corpus import COMMITMENT, ORG, SERVICE, write_files
from support.forked_cli import run_cli
from support.page_kinds import parse
from support.project import TINY, build_site

UNICODE_NAME = "Café Ñandú — Zoë’s Trust 東京 مرکز 🏠"

# case -> (files, page that must exist, texts that must be on it (whitespace-normalised;
# "re:" marks a regular expression))
CASES: dict[str, tuple[dict, str, list[str]]] = {
    "byte-order mark": ({"organisations/bom.yaml": b"\xef\xbb\xbf" + ORG.replace("Corpus Test Organisation", "BOM Trust").encode()},
                        "organisations/bom/index.html", ["BOM Trust"]),
    "CRLF line endings": ({"pledges/beta-housing-2024.md": COMMITMENT.replace("Corpus roundtable", "CRLF roundtable").replace("\n", "\r\n").encode()},
                          "pledges/beta-housing-2024/index.html", ["CRLF roundtable", "What we learnt."]),
    "old Mac line endings": ({"organisations/cr-only.yaml": ORG.replace("Corpus Test Organisation", "CR Trust").replace("\n", "\r").encode()},
                             "organisations/cr-only/index.html", ["CR Trust"]),
    "Unicode names": ({"organisations/unicode.yaml": ORG.replace("Corpus Test Organisation", f'"{UNICODE_NAME}"')
                       + "description: |\n  Ünïcödé **bold** and emoji 🎉 and right-to-left نص عربي.\n"},
                      "organisations/unicode/index.html", [UNICODE_NAME, "Ünïcödé bold and emoji 🎉 and right-to-left نص عربي."]),
    "Unicode service": ({"services/unicode-service.yaml": SERVICE.replace("Corpus Test Service", f'"{UNICODE_NAME} service"')
                         .replace("Corpus Charity", "Łódź Dobroczynność")},
                        "directory/unicode-service/index.html", [f"{UNICODE_NAME} service", "Łódź Dobroczynność"]),
    "overnight hours": ({"services/overnight.yaml": SERVICE.replace('opens: "09:00"', 'opens: "19:00"')
                         .replace('closes: "17:00"', 'closes: "08:00"')},
                        "directory/overnight/index.html", ["7pm to 8am the next day"]),
    "closing at midnight": ({"services/midnight.yaml": SERVICE.replace('closes: "17:00"', 'closes: "00:00"')},
                            "directory/midnight/index.html", ["9am to midnight"]),
    ".yml extension": ({"organisations/short-ext.yml": ORG.replace("Corpus Test Organisation", "YML Trust")},
                       "organisations/short-ext/index.html", ["YML Trust"]),
    "explicit document start": ({"organisations/doc-start.yaml": "---\n" + ORG.replace("Corpus Test Organisation", "Doc Start Trust")},
                                "organisations/doc-start/index.html", ["Doc Start Trust"]),
    "'no' in quotes is Norwegian": ({"services/norsk.yaml": SERVICE.replace("languages: [en]", 'languages: [en, "no"]')},
                                    "directory/norsk/index.html", [r"re:English, (no|Norwegian)\b"]),
    "leap day": ({"pledges/beta-housing-2020.md": COMMITMENT.replace("held: 2024-01-10", "held: 2024-02-29")
                  .replace("approved: 2024-02-01", "approved: 2024-02-29").replace("Corpus roundtable", "Leap day roundtable")
                  .replace("date: 2024-03-01", "date: 2024-03-02")},
                 "pledges/beta-housing-2020/index.html", ["29 February 2024"]),
    "no actions yet": ({"pledges/beta-housing-2019.md": COMMITMENT.split("actions:")[0] + "actions: []\n---\n"},
                       "pledges/beta-housing-2019/index.html", ["We pledge something useful"]),
    "service with no address": ({"services/phone-only.yaml": SERVICE.replace("Corpus Test Service", "Phone Only Line")},
                                "directory/phone-only/index.html", ["Phone Only Line", "0121 496 0999"]),
    "file just under the size limit": ({"organisations/big-comment.yaml": ORG.replace("Corpus Test Organisation", "Big Comment Trust")
                                        + "# " + "x" * 990_000 + "\n"},
                                       "organisations/big-comment/index.html", ["Big Comment Trust"]),
    "fields at their length limits": ({"organisations/limits.yaml": ORG.replace(
        "summary: An organisation written by the corpus tests.", "summary: " + "s" * 299 + "E")
        + "description: |\n  " + "d" * 19_988 + " end-of-20k\n"},  # 20,000 with the newline
        "organisations/limits/index.html", ["s" * 299 + "E", "end-of-20k"]),
    "commitment text at its limit": ({"pledges/beta-housing-2018.md": COMMITMENT.replace("What we learnt.", "w" * 19_990 + " body-end")},
                                     "pledges/beta-housing-2018/index.html", ["body-end"]),
    "Markdown links of every allowed kind": ({"organisations/links.yaml": ORG.replace("Corpus Test Organisation", "Links Trust")
                                              + "description: '[web](https://example.org) [mail](mailto:help@example.org) "
                                                "[phone](tel:+441214960000) [here](/pledges/)'\n"},
                                             "organisations/links/index.html", ["web mail phone here"]),
}


@pytest.mark.parametrize("case", CASES)
def test_each_edge_case_is_valid_on_its_own(tmp_path, case):
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    write_files(content, CASES[case][0])
    result = run_cli(["validate", "--content", str(content)], 30)
    assert result.returncode == 0, result.output


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("edge")
    content = root / "content"
    shutil.copytree(TINY, content)
    for files, _, _ in CASES.values():
        write_files(content, files)
    result = build_site(content, root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def _text(file) -> str:
    return " ".join("".join(parse(file).find(".//body").itertext()).split())


@pytest.mark.parametrize("case", CASES)
def test_each_edge_case_is_published(edge_site, case):
    _, page, texts = CASES[case]
    file = edge_site / page
    assert file.is_file(), f"{page} was not built"
    raw = file.read_text("utf-8")
    assert "\ufeff" not in raw and "\r" not in raw.replace("\r\n", ""), "a BOM or stray CR leaked into the page"
    text = _text(file)
    for expected in texts:
        if expected.startswith("re:"):
            assert re.search(expected[3:], text), f"{expected[3:]!r} does not match the text of {page}"
        else:
            assert " ".join(expected.split()) in text, f"{expected[:80]!r} is not on {page}"


def test_links_of_every_allowed_kind_survive(edge_site):
    hrefs = [a.get("href") for a in parse(edge_site / "organisations/links/index.html").iter("a")]
    for href in ("https://example.org", "mailto:help@example.org", "tel:+441214960000", "/pledges/"):
        assert href in hrefs, f"{href} was dropped"


def test_unicode_survives_into_the_data_files(edge_site):
    data = (edge_site / "directory" / "services.json")
    if data.is_file():
        names = [s.get("name") for s in json.loads(data.read_text("utf-8"))["services"]]
        assert f"{UNICODE_NAME} service" in names
