"""Reading a file and its YAML: positions, and everything a registry file must not contain."""

import os
import time
from pathlib import Path

import pytest

from c2c_registry.load.positions import SourceError, dotted
from c2c_registry.load.reading import read_text
from c2c_registry.load.source import parse_yaml, split_front_matter


def test_positions_are_kept_for_keys_and_values():
    data, smap = parse_yaml("name: A\nc2c:\n  status: awarded\nareas:\n  - birmingham\n  - coventry\n")
    assert data == {"name": "A", "c2c": {"status": "awarded"}, "areas": ["birmingham", "coventry"]}
    assert (smap.value(("c2c", "status")).line, smap.value(("c2c", "status")).column) == (3, 11)
    assert smap.key(("c2c", "status")).column == 3
    assert smap.value(("areas", 1)).line == 6
    # a path that does not exist falls back to its nearest parent
    assert smap.value(("c2c", "missing")).line == 3


def test_dates_stay_text_so_the_schema_checks_them():
    data, _ = parse_yaml("held: 2021-05-12\nbad: 2021-02-30\n")
    assert data == {"held": "2021-05-12", "bad": "2021-02-30"}


def test_yaml_1_1_surprises_are_visible_as_non_strings():
    data, smap = parse_yaml("a: no\nb: 17:00\nc: '17:00'\n")
    assert data["a"] is False and data["b"] == 1020 and data["c"] == "17:00"
    assert smap.raw[("b",)] == "17:00"  # the author's text, for the error message


# YAML text, words in the message, the rule it breaks
REJECTED = [
    ("name: A\nname: B\n", "appears twice (first on line 1)", "duplicate-key"),
    ("a: &x [1, 2]\nb: *x\n", "aliases", "yaml-alias"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "merge keys", "yaml-alias"),
    ("a: !!python/object:os.system ls\n", "custom YAML tags", "yaml-tag"),
    ("a: !custom 1\n", "custom YAML tags", "yaml-tag"),
    ("1: one\n", "field names must be words", "field-name"),
    ("a: [1, 2\n", "not valid YAML", "yaml-syntax"),
    ("a: 1\n\tb: 2\n", "indented with a tab", "yaml-syntax"),
    ("a: 1\n---\nb: 2\n", "more than one YAML document", "yaml-syntax"),
    ("a: " + "[" * 30 + "]" * 30 + "\n", "nested more than 20 levels", "nesting-depth"),
    ("a: [" + ", ".join(["1"] * 60_000) + "]\n", "more than 50000 values", "file-too-large"),
    ("", "empty", "empty-file"),
    ("# just a comment\n\n", "empty", "empty-file"),
    ("? [a]\n: b\n", "field names must be words, but this one is a list", "field-name"),
    ("~: b\n", "field names must be words, but '~' is read as an empty value", "field-name"),
    ("a: b: c\n", "Put text containing ': ' in quotes", "yaml-syntax"),
]


@pytest.mark.parametrize("text, expected, rule", REJECTED, ids=[r[0][:20] for r in REJECTED])
def test_rejected_yaml(text, expected, rule):
    with pytest.raises(SourceError) as err:
        parse_yaml(text)
    assert expected in err.value.message
    assert err.value.rule == rule


def test_duplicate_key_error_points_at_the_second_key():
    with pytest.raises(SourceError) as err:
        parse_yaml("name: A\nsummary: x\nname: B\n")
    assert (err.value.line, err.value.column, err.value.field, err.value.rule) == (3, 1, "name", "duplicate-key")


def test_alias_bomb_is_refused_quickly():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(SourceError, match="aliases"):
        parse_yaml("\n".join(lines) + "\n")


def test_read_text_accepts_bom_and_crlf(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"\xef\xbb\xbfname: Caf\xc3\xa9\r\nsector: health\r\n")
    data, smap = parse_yaml(read_text(path))
    assert data == {"name": "Café", "sector": "health"}
    assert smap.value(("sector",)).line == 2


def test_read_text_rejects_non_utf8_naming_the_line(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"name: ok\nsummary: caf\xe9\n")
    with pytest.raises(SourceError) as err:
        read_text(path)
    assert err.value.line == 2 and "UTF-8" in err.value.message
    assert err.value.rule == "not-utf8"


def test_read_text_rejects_oversized_files_without_parsing(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 1_200_000)
    with pytest.raises(SourceError, match="limit is 1 MB") as err:
        read_text(path)
    assert err.value.rule == "file-too-large"


def test_front_matter_split_and_line_offset():
    yaml_text, body, offset = split_front_matter("---\na: 1\n---\nBody\n")
    assert (yaml_text, body.strip(), offset) == ("a: 1", "Body", 1)
    with pytest.raises(SourceError, match="start with a line '---'") as err:
        split_front_matter("a: 1\n")
    assert err.value.rule == "front-matter"
    with pytest.raises(SourceError, match="no closing") as err:
        split_front_matter("---\na: 1\n")
    assert err.value.rule == "front-matter"


def test_a_raw_control_character_is_reported_at_its_line_and_column(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"name: A\nsummary: red \x1b[31m text\nmore: \x07\n")
    with pytest.raises(SourceError) as err:
        read_text(path)
    assert (err.value.line, err.value.column, err.value.rule) == (2, 14, "control-character")
    assert err.value.message == ("this line has an invisible control character (U+001B, escape) at column 14; delete "
                                 "it (it often comes with text copied from another program). The file has 1 more like it")


def test_a_nul_is_reported_at_its_line_and_column(tmp_path: Path):
    path = tmp_path / "a.yaml"
    path.write_bytes(b"name: A\nsum\x00mary: x\n")
    with pytest.raises(SourceError) as err:
        read_text(path)
    assert (err.value.line, err.value.column, err.value.rule) == (2, 4, "not-utf8")


def test_the_parser_never_speaks_python(tmp_path: Path):
    """Text that never went through read_text (a control character YAML refuses) still
    gets a plain message, without the parser's '<unicode string>' or a newline."""
    with pytest.raises(SourceError) as err:
        parse_yaml("name: a\x1bb\n")
    assert "<" not in err.value.message and "\n" not in err.value.message and "not valid YAML" in err.value.message


@pytest.mark.rule("special-file")
def test_links_devices_and_pipes_are_never_read(tmp_path: Path):
    (tmp_path / "outside.yaml").write_text("secret: yes\n")
    cases = {
        "link.yaml": lambda p: p.symlink_to(tmp_path / "outside.yaml"),
        "dangling.yaml": lambda p: p.symlink_to(tmp_path / "nowhere"),
        "loop.yaml": lambda p: p.symlink_to(p),
        "zero.yaml": lambda p: p.symlink_to("/dev/zero"),
        "pipe.yaml": os.mkfifo,
        "folder.yaml": os.mkdir,
    }
    for name, make in cases.items():
        make(tmp_path / name)
        start = time.monotonic()
        with pytest.raises(SourceError) as err:
            read_text(tmp_path / name)
        assert time.monotonic() - start < 1, name  # a pipe is not waited on
        assert err.value.rule == "special-file", name
        assert err.value.field == "(file name)" and "secret" not in err.value.message


def test_field_names_that_are_not_plain_words_are_quoted_and_shortened():
    assert dotted(("locations", 0, "lat")) == "locations[0].lat"
    assert dotted(("a\nb",)) == "'a\\nb'"
    assert dotted(("c2c", "x" * 1000)) == "c2c.'" + "x" * 39 + "…'"
