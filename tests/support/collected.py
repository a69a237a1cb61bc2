"""A pytest plugin for the suite-layout test: `-p support.collected` writes what pytest
collected (each test's id, whether it is marked `browser`, and the fixtures it uses) as
JSON to the file named by C2C_COLLECTED."""

from __future__ import annotations

import json
import os


def pytest_collection_finish(session) -> None:
    collected = {item.nodeid: {"browser": item.get_closest_marker("browser") is not None,
                               "fixtures": sorted(getattr(item, "fixturenames", ()))}
                 for item in session.items}
    with open(os.environ["C2C_COLLECTED"], "w", encoding="utf-8") as out:
        json.dump(collected, out)
