"""The directory's data files: services.json (the shortlist's data, and the whole
directory for anyone who wants it), the compact filter files and the card chunks the
filters fetch. What they hold is computed by the views (c2c_views.directory: `as_json`,
`compact`); this module only writes it, from the same views the pages were rendered
from, so a page and a file cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from c2c_views.directory.compact import filter_files
from c2c_views.directory.services import ServiceView, as_json
from c2c_views.views import SiteViews
from c2c_views.writing import FileWrite


def write_json(write: FileWrite, url: str, data: Any) -> None:
    """Compact UTF-8 JSON, one line and a newline."""
    write(url, (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))


def write_data(write: FileWrite, views: SiteViews, render_cards: Callable[[list[ServiceView]], str]) -> None:
    """services.json in directory order, the split filter files, then the cards of each
    page of /directory/ (their HTML in JSON: a fragment, not a page, so nothing takes it
    for one)."""
    directory, urls = views.directory, views.urls
    write_json(write, urls.services_json(), {"build_date": views.today.isoformat(), "window": list(directory.window),
                                            "services": [as_json(v) for v in directory.services]})
    for (kind, scope), data in filter_files(directory, views.vocab).items():
        write_json(write, urls.directory_data(kind, scope), data)
    for page in directory.pages:
        write_json(write, urls.directory_cards(page.number), {"cards": render_cards(list(page.items))})
