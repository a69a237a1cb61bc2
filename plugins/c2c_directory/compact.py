"""Writes the directory's compact filter data and card chunks (c2c_views.compact)."""

from __future__ import annotations

import json
from pathlib import Path

from c2c_views.compact import filter_files


def write_filter_data(out: Path, views, render_cards) -> None:
    """The split filter files, then the cards of each page of /directory/ (their HTML in
    JSON: a fragment, not a page, so nothing takes it for one)."""
    directory, urls = views.directory, views.urls
    order = {"stage": list(views.vocab["stages"]), "area": list(views.vocab["areas"]),
             "group": list(views.vocab["client-groups"]), "access": list(views.vocab.get("access", {})),
             "referral": ["self", "professional"]}
    files = filter_files(directory.listed, list(views.vocab["areas"]), order, directory.window, directory.page_size)
    for (kind, scope), data in files.items():
        path = out / urls.directory_data(kind, scope)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    for page in directory.pages:
        cards = {"cards": render_cards(page.items)}
        (out / urls.directory_cards(page.number)).write_text(
            json.dumps(cards, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
