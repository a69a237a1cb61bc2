"""The files the watch's warm process keeps read (c2c_registry/held.py): a held file is
given only while it is the very file that was read; a file written since, as every
writer of these files writes (a new file renamed over the old), is read again."""

from __future__ import annotations

import os
import pickle

import pytest

from c2c_registry import held
from c2c_registry.load.cache import ParseCache, code_digest


@pytest.fixture(autouse=True)
def nothing_held():
    held.hold([])
    yield
    held.hold([])


def write(path, value) -> None:
    """As the parse cache and the page records are written: whole, then renamed."""
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(pickle.dumps(value))
    os.replace(partial, path)


def test_a_held_file_is_given_as_read_until_it_is_written_again(tmp_path):
    path = tmp_path / "records.pickle"
    write(path, {"pages": 1})
    held.hold([path])
    first = held.read_pickle(path)
    assert first == {"pages": 1} and held.read_pickle(path) is first  # not read again

    write(path, {"pages": 2})
    assert held.read_pickle(path) == {"pages": 2}  # the new file, although the old is still held
    held.hold([path])
    assert held.read_pickle(path) is held.read_pickle(path) == {"pages": 2}


def test_a_file_gone_or_damaged_is_not_held(tmp_path):
    path = tmp_path / "records.pickle"
    write(path, [1])
    held.hold([path])
    path.unlink()
    with pytest.raises(FileNotFoundError):
        held.read_pickle(path)
    path.write_bytes(b"not a pickle")
    held.hold([path])
    with pytest.raises(pickle.UnpicklingError):
        held.read_pickle(path)


def test_without_holding_nothing_is_kept(tmp_path):
    path = tmp_path / "records.pickle"
    write(path, [1])
    assert held.read_pickle(path) is not held.read_pickle(path)  # every other process reads each time


def test_the_parse_cache_reads_what_is_held_and_notices_a_new_cache(tmp_path):
    content, folder = tmp_path / "content", tmp_path / "cache"
    content.mkdir()
    folder.mkdir()
    base, delta = ParseCache.files(folder, content)
    write(base, (code_digest(), "first", {"services/a.yaml": "record a"}))
    held.hold([base, delta])
    assert ParseCache(folder, content).old == {"services/a.yaml": "record a"}
    write(base, (code_digest(), "second", {"services/b.yaml": "record b"}))  # another run wrote it
    assert ParseCache(folder, content).old == {"services/b.yaml": "record b"}
