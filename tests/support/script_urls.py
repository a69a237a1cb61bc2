"""What a browser would run as script from a link: the hostile-content tests hold both the
sanitiser's output and the built pages to it."""

from __future__ import annotations

import re

SCRIPT_URL = re.compile(r"^(javascript|vbscript|data|livescript|mocha):", re.I)
IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")  # what a browser drops from a URL's scheme


def runs_script(url: str) -> bool:
    """True for `javascript:` and its kin, however spaced or cased."""
    return bool(SCRIPT_URL.match(IGNORED_IN_SCHEME.sub("", url)))
