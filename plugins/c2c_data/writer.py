"""The open-data plugin's Pelican side: the generator that writes /data/ and the feed
from the views (see the package's docstring). Loaded by `register`, so the import
command (`c2c import-hsds`, in this package too) never loads Pelican."""


from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from pelican.generators import Generator

from c2c_registry.package_data import schema_dir
from c2c_registry.pipeline import build_state
from c2c_views.writing import file_writer, page_writer

from .feed import commitments_feed
from .hsds import api_page, to_hsds
from .tables import Context, Table, csv_header, encoded_rows, records, table_schema, tables


@dataclass(frozen=True)
class Download:
    title: str
    url: str
    format: str
    description: str
    size: int
    table: Table | None = None


def _text_writer(settings: dict) -> Callable[[str, str], int]:
    """`write(url, text)`: as UTF-8, through the build's one file writer; the bytes written."""
    write = file_writer(settings)
    return lambda url, text: write(url, text.encode("utf-8"))


def _json(value) -> str:
    return _dumps(value) + "\n"


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1)


def _json_array(texts: list[str], depth: int = 0) -> str:
    """What `_dumps(items)` gives at nesting `depth`, from each item's own `_dumps`: each
    service is encoded once, not three times (with an indent, json encodes in Python)."""
    if not texts:
        return "[]"
    inner = "\n" + " " * (depth + 1)
    return "[" + inner + ("," + inner).join(t.replace("\n", inner) for t in texts) + "\n" + " " * depth + "]"


_CONTENTS = "\0contents\0"  # stands in for a page's services until they are put in


def _hsds_text(service, vocab) -> tuple[str, str]:
    """A service's HSDS id and its object as JSON text."""
    hsds = to_hsds(service, vocab)
    return hsds["id"], _dumps(hsds)


class DataGenerator(Generator):
    """Writes the data files, then /data/ with their sizes."""

    def generate_output(self, writer) -> None:
        views, settings = build_state(self.settings).views, self.settings
        urls, write = views.urls, _text_writer(settings)
        licence = settings["C2C_DATA_LICENCE"]
        ctx = Context(views.today, settings["C2C_DUE_SOON_DAYS"], settings["C2C_RENEWAL_GRACE_DAYS"],
                      settings["C2C_STALE_AFTER_DAYS"], lambda r: urls.absolute(urls.record(r)))
        services = sorted((v.service for v in views.directory.services), key=lambda s: s.slug)
        items = records(views.organisations, sorted(views.commitments, key=lambda c: c.slug), services)
        downloads: list[Download] = []
        resources = []
        memo = build_state(settings).reuse.memo
        for table in tables(ctx):
            # Each row's CSV line and JSON text, the table's kept from the last build when
            # none of its records changed (c2c_views/reuse.py), then put together.
            encoded = memo(f"data-table-{table.name}", items[table.name], partial(encoded_rows, table,
                                                                                  items[table.name]))
            csv_url, json_url = urls.data_table(table.name, "csv"), urls.data_table(table.name, "json")
            csv_size = write(csv_url, csv_header(table) + "".join(line for line, _ in encoded))
            downloads.append(Download(table.title, csv_url, "CSV", table.description, csv_size, table))
            downloads.append(Download(table.title, json_url, "JSON", "The same rows as JSON: lists as arrays, "
                                      "missing values as null.",
                                      write(json_url, _json_array([text for _, text in encoded]) + "\n")))
            resources.append({"name": table.name, "title": table.title, "description": table.description,
                              "path": Path(csv_url).name, "format": "csv", "mediatype": "text/csv",
                              "encoding": "utf-8", "bytes": csv_size, "schema": table_schema(table)})
        package = {"name": "c2c-registry", "title": f"{settings['SITENAME']}: the register and the directory",
                   "description": f"Organisations, commitments, pledges, actions, discussion items and services, "
                                  f"as of {views.today.isoformat()}.",
                   "homepage": urls.absolute(urls.data()), "version": views.today.isoformat(),
                   "licenses": [licence], "resources": resources}
        downloads.insert(0, Download("Data package", urls.datapackage(), "JSON",
                                     "Frictionless data package: the tables, their fields and types.",
                                     write(urls.datapackage(), _json(package))))
        downloads += self._hsds(write, views, services)
        downloads += self._schemas(write, urls, views.vocab)
        feed_url = urls.absolute(urls.feed())
        downloads.append(Download("Commitments feed", urls.feed(), "Atom",
                                  "New and updated commitments, newest first, for a feed reader.",
                                  write(urls.feed(), commitments_feed(views, settings["SITENAME"], feed_url))))
        page_writer(self, writer)(urls.data(), "data", downloads=downloads, licence=licence, page_title="Open data")

    def _hsds(self, write: Callable[[str, str], int], views, by_slug: list) -> list[Download]:
        urls = views.urls
        memo = build_state(self.settings).reuse.memo
        encoded = [memo("hsds", (s, views.vocab), partial(_hsds_text, s, views.vocab)) for s in by_slug]
        services = [{"id": id_} for id_, _ in encoded]  # what api_page counts and pages
        texts = [text for _, text in encoded]
        size = self.settings["C2C_HSDS_PAGE_SIZE"]
        each = sum(write(urls.hsds_service(s["id"]), text + "\n") for s, text in zip(services, texts, strict=True))
        pages = api_page(services, 1, size)["total_pages"]
        paged = 0
        for n in range(1, pages + 1):
            page = _dumps({**api_page(services, n, size), "contents": _CONTENTS})
            contents = _json_array(texts[(n - 1) * size: n * size], 1)
            paged += write(urls.hsds_page(n), page.replace(_dumps(_CONTENTS), contents) + "\n")
        return [
            Download("Services, Open Referral", urls.hsds_services(), "JSON (HSDS 3.0, ORUK)",
                     "Every service as one array of HSDS 3.0 service objects, valid under the Open Referral UK "
                     "profile.", write(urls.hsds_services(), _json_array(texts) + "\n")),
            Download("Services, Open Referral, in pages", urls.hsds_page(1), "JSON (HSDS API page)",
                     f"The same services {size} to a page, shaped like the HSDS API's /services "
                     f"(pages 1 to {pages}, changing the number in the address).", paged),
            Download("One service, Open Referral", urls.hsds_service(services[0]["id"]) if services else urls.data(),
                     "JSON (HSDS 3.0, ORUK)", "One file per service, named by its id (hsds_id in the services "
                     "table). The size is of all of them together.", each),
        ]

    def _schemas(self, write: Callable[[str, str], int], urls, vocab) -> list[Download]:
        found = []
        for path in sorted(schema_dir().glob("*.schema.json")):
            url = urls.data_schema(path.name)
            found.append(Download(f"Schema: {path.name}", url, "JSON Schema", "What a content file may contain "
                                  "(Draft 2020-12).", write(url, path.read_text("utf-8"))))
        for name, terms in vocab.items():
            url = urls.data_schema(f"vocabularies/{name}.json")
            entries = [{k: v for k, v in vars(t).items() if v not in ("", False)} for t in terms.values()]
            found.append(Download(f"Vocabulary: {name}", url, "JSON", "A controlled list: ids and names.",
                                  write(url, _json(entries))))
        return found


def get_generators(pelican):
    return DataGenerator
