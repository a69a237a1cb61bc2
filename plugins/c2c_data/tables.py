"""The register and the directory as tables: one row per item, fixed column order.

Each table is a list of `Field`s (name, type, description, how to read it from a record)
so the CSV, the JSON, the Frictionless schema and the /data/ page's field lists all come
from one definition and cannot disagree. Derived columns (overdue, due soon, award state)
use the rules in `c2c_registry.derive` with the build's date and settings.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from c2c_registry import derive

from .hsds import service_id

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Field:
    name: str
    type: str  # string | integer | boolean | date | list (a list is "; "-separated text in CSV)
    description: str
    get: Callable[[Any], Any]


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]


@dataclass(frozen=True)
class Context:
    """What derived columns need: the build date, settings and the URL map."""

    today: date
    due_soon_days: int
    grace_days: int
    stale_days: int
    page: Callable[[Any], str]  # record -> absolute page address


def tables(ctx: Context) -> list[Table]:
    page = ctx.page
    return [
        Table("organisations", "Organisations", "Every organisation in the register.", (
            Field("slug", "string", "Identifier: the organisation's file name and web address", lambda o: o.slug),
            Field("name", "string", "Name", lambda o: o.name),
            Field("short_name", "string", "Short name, if any", lambda o: o.short_name),
            Field("sector", "string", "Sector id (schemas/vocabularies/sectors.yaml)", lambda o: o.sector),
            Field("areas", "list", "Area ids it works in", lambda o: o.areas),
            Field("summary", "string", "What it does", lambda o: o.summary),
            Field("c2c_status", "string", "C2C status as recorded", lambda o: o.c2c_status),
            Field("award_state", "string", "Award state on the build date (renewal-overdue is derived)",
                  lambda o: derive.award_state(o, ctx.today, ctx.grace_days)),
            Field("awarded", "date", "Date the C2C logo was awarded", lambda o: o.awarded),
            Field("renewal_due", "date", "Date the award is due for renewal", lambda o: o.renewal_due),
            Field("website", "string", "Web address", lambda o: o.website),
            Field("partners", "list", "Slugs of partner organisations", lambda o: o.partners),
            Field("commitments", "integer", "Number of commitments", lambda o: len(o.commitments)),
            Field("page", "string", "Its page on this site", page),
        ), ("slug",)),
        Table("commitments", "Commitments", "Every commitment: one roundtable or case-study session.", (
            Field("slug", "string", "Identifier: the commitment's file name and web address", lambda c: c.slug),
            Field("organisation", "string", "Slug of the organisation", lambda c: c.organisation.slug),
            Field("title", "string", "Title", lambda c: c.display_title),
            Field("held", "date", "Date the session was held", lambda c: c.held),
            Field("approach", "string", "roundtable or case-study", lambda c: c.approach),
            Field("approved", "date", "Date WMCA approved the plan", lambda c: c.approved),
            Field("held_as_written", "string", "When the session was held as written: YYYY-MM-DD, or YYYY-MM when "
                  "only the month is known (then held is that month's first day)",
                  lambda c: c.held_when.isoformat() if c.held_when else c.held),
            Field("closed", "date", "Date the plan ended, if it has", lambda c: c.closed),
            Field("participants", "integer", "People who took part", lambda c: c.participants),
            Field("collaborators", "list", "Organisations that took part (slugs or names)", lambda c: c.collaborators),
            Field("review_due", "date", "Date the plan is due for review", lambda c: c.review_due),
            Field("review_overdue", "boolean", "Review date has passed on the build date",
                  lambda c: derive.is_due_for_review(c, ctx.today)),
            Field("pledges", "integer", "Number of pledges", lambda c: len(c.pledges)),
            Field("actions", "integer", "Number of actions", lambda c: len(c.actions)),
            Field("page", "string", "Its page on this site", page),
        ), ("slug",)),
        Table("pledges", "Pledges", "Every pledge, one row each, in the order of its commitment.", (
            Field("commitment", "string", "Slug of the commitment", lambda p: p.commitment.slug),
            Field("id", "string", "Pledge id, unique within its commitment", lambda p: p.id),
            Field("stage", "string", "Pathway stage id", lambda p: p.stage),
            Field("themes", "list", "Theme ids", lambda p: p.themes),
            Field("text", "string", "The pledge", lambda p: p.text),
            Field("ref", "string", "Its label in the source plan, if any", lambda p: p.ref),
            Field("outcome", "string", "The outcome it serves, if any", lambda p: p.outcome.text if p.outcome else ""),
            Field("client_groups", "list", "Client group ids", lambda p: p.client_groups),
            Field("lead", "list", "Who leads it (initials or roles; several for joint leads)", lambda p: p.leads),
            Field("due", "string", "Target: a date YYYY-MM-DD, a month YYYY-MM or ongoing",
                  lambda p: p.due.isoformat() if p.due else ""),
            Field("measure", "string", "The target: how success is measured", lambda p: p.measure),
            Field("milestones", "integer", "Number of dated milestones", lambda p: len(p.milestones)),
            Field("page", "string", "Its place on this site", page),
        ), ("commitment", "id")),
        Table("actions", "Actions", "Every action of every SMART action plan, with its state on the build date.", (
            Field("commitment", "string", "Slug of the commitment", lambda a: a.commitment.slug),
            Field("number", "integer", "Position in the plan, from 1", lambda a: a.number),
            Field("pledge", "string", "Id of the pledge it delivers", lambda a: a.pledge.id),
            Field("stage", "string", "Pathway stage id", lambda a: a.stage),
            Field("text", "string", "The action", lambda a: a.text),
            Field("lead", "string", "Who leads it (joint leads joined with 'and')", lambda a: a.lead),
            Field("due", "string", "When it is due: a date YYYY-MM-DD, a month YYYY-MM (due by its end) or ongoing",
                  lambda a: a.due.isoformat()),
            Field("measure", "string", "How success is measured", lambda a: a.measure),
            Field("status", "string", "planned, in-progress, done or dropped", lambda a: a.status),
            Field("overdue", "boolean", "Open and past its due date on the build date",
                  lambda a: derive.is_overdue(a, ctx.today)),
            Field("due_soon", "boolean", f"Open and due within {ctx.due_soon_days} days of the build date",
                  lambda a: derive.is_due_soon(a, ctx.today, ctx.due_soon_days)),
            Field("latest_update_date", "date", "Date of the latest progress update",
                  lambda a: a.latest_update.date if a.latest_update else None),
            Field("latest_update", "string", "The latest progress update",
                  lambda a: a.latest_update.note if a.latest_update else ""),
            Field("not_completed", "boolean", "Still open when its plan closed (never counted overdue)",
                  lambda a: derive.not_completed(a, ctx.today)),
            Field("page", "string", "Its place on this site", page),
        ), ("commitment", "number")),
        Table("discussion", "Discussion items", "What each session found in place, the gaps and the opportunities.", (
            Field("commitment", "string", "Slug of the commitment", lambda d: d[1].commitment.slug),
            Field("number", "integer", "Position in the commitment's discussion log, from 1", lambda d: d[0]),
            Field("section", "string", "in_place, gaps or opportunities", lambda d: d[1].section),
            Field("stages", "list", "Pathway stage ids", lambda d: d[1].stages),
            Field("text", "string", "The item", lambda d: d[1].text),
        ), ("commitment", "number")),
        Table("services", "Services", "Every service in the directory, including closed ones.", (
            Field("slug", "string", "Identifier: the service's file name and web address", lambda s: s.slug),
            Field("hsds_id", "string", "Its id in the Open Referral files (a UUID)", lambda s: service_id(s.slug)),
            Field("name", "string", "Name", lambda s: s.name),
            Field("organisation", "string", "Slug of the registry organisation that runs it, if any",
                  lambda s: s.organisation.slug if s.organisation else ""),
            Field("provider", "string", "Name of whoever runs it", lambda s: s.provider_name),
            Field("summary", "string", "What it does", lambda s: s.summary),
            Field("stages", "list", "Pathway stage ids", lambda s: s.stages),
            Field("themes", "list", "Theme ids", lambda s: s.themes),
            Field("client_groups", "list", "Client group ids", lambda s: s.client_groups),
            Field("areas", "list", "Area ids", lambda s: s.areas),
            Field("eligibility", "string", "Who can use it", lambda s: s.eligibility),
            Field("phone", "string", "Phone number", lambda s: s.phone),
            Field("email", "string", "Email address", lambda s: s.email),
            Field("website", "string", "Web address", lambda s: s.website),
            Field("referral", "string", "self, professional or both", lambda s: s.referral),
            Field("cost", "string", "free or charge", lambda s: s.cost),
            Field("languages", "list", "Languages spoken (ISO 639-1)", lambda s: s.languages),
            Field("always_open", "boolean", "Open 24 hours every day", lambda s: s.always_open),
            Field("last_verified", "date", "Date the listing was last checked", lambda s: s.last_verified),
            Field("stale", "boolean", f"Not checked for over {ctx.stale_days} days on the build date",
                  lambda s: derive.is_stale(s, ctx.today, ctx.stale_days)),
            Field("status", "string", "active, temporarily-closed or closed", lambda s: s.status),
            Field("page", "string", "Its page on this site", page),
        ), ("slug",)),
    ]


def records(organisations: list, commitments: list, services: list) -> dict[str, list]:
    """The items of each table, in a stable order."""
    return {
        "organisations": sorted(organisations, key=lambda o: o.slug),
        "commitments": commitments,
        "pledges": [p for c in commitments for p in c.pledges],
        "actions": [a for c in commitments for a in c.actions],
        "discussion": [(i, d) for c in commitments for i, d in enumerate(c.discussion, 1)],
        "services": sorted(services, key=lambda s: s.slug),
    }


def rows(table: Table, items: list) -> list[dict[str, Any]]:
    """JSON-ready rows: dates as YYYY-MM-DD, missing values as null, lists as arrays."""
    def value(field: Field, item) -> Any:
        v = field.get(item)
        if isinstance(v, date):
            return v.isoformat()
        if field.type == "list":
            return list(v or [])
        return None if v == "" else v
    return [{f.name: value(f, item) for f in table.fields} for item in items]


def to_json(data: list[dict[str, Any]]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def csv_header(table: Table) -> str:
    return _csv_line([f.name for f in table.fields])


def encoded_rows(table: Table, items: list) -> list[tuple[str, str]]:
    """Each item's CSV line and JSON object (indent 1): the pieces `to_csv` and `to_json`
    put together, apart, so a table's can be kept and joined."""
    return [(csv_row(table, row), json.dumps(row, ensure_ascii=False, indent=1)) for row in rows(table, items)]


def csv_row(table: Table, row: dict[str, Any]) -> str:
    return _csv_line([spreadsheet_safe(_cell(row[f.name])) for f in table.fields])


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerow(cells)
    return out.getvalue()


def to_csv(table: Table, data: list[dict[str, Any]]) -> str:
    """RFC 4180 CSV: a header row, then one row per item; lists joined by '; ', and
    every cell made safe to open in a spreadsheet (`spreadsheet_safe`)."""
    return csv_header(table) + "".join(csv_row(table, row) for row in data)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return str(value)


# What makes a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula:
# OWASP's "CSV injection" list.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(cell: str) -> str:
    """A cell that would start a formula, with a single quote put in front, as OWASP
    advises: a spreadsheet then shows it as text and never runs it. Only the CSV does
    this; the JSON keeps every value as written."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


FRICTIONLESS_TYPES = {"list": "string"}


def table_schema(table: Table) -> dict[str, Any]:
    """The Frictionless Table Schema of a table's CSV."""
    fields = []
    for f in table.fields:
        entry: dict[str, Any] = {"name": f.name, "type": FRICTIONLESS_TYPES.get(f.type, f.type),
                                 "description": f.description + ("; several are separated by '; '"
                                                                 if f.type == "list" else "")}
        if f.type == "boolean":
            entry.update(trueValues=["true"], falseValues=["false"])
        fields.append(entry)
    return {"fields": fields, "primaryKey": list(table.primary_key), "missingValues": [""]}
