"""Where the project's schemas/ folder is: the JSON Schemas, the vocabularies and the
search glossary.

It is installed as the package `c2c_schemas` (setup.py maps it to schemas/), so `c2c`
finds it from any folder, installed from a wheel or from a checkout (an editable install
points at the checkout's own schemas/, so an edit there counts at once). Everything that
reads a schema, a vocabulary or the glossary asks this function.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path


@cache
def schema_dir() -> Path:
    folder = files("c2c_schemas")
    if not isinstance(folder, Path):  # a zipped install; the validators need real files
        raise RuntimeError(f"the schemas are not in a folder ({folder}); install c2c-registry unzipped")
    return folder
