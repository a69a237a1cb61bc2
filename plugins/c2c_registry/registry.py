"""Load the whole registry: read every file, check everything, then build the model.

`load_registry` is the only parser of content. Every plugin reads the Registry it
returns; nothing else opens a content file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .checks import Corpus, run_checks
from .files import ContentFile, discover, display_path, read_content_file, read_vocabulary
from .markup import render_markdown
from .model import (
    Action,
    Alert,
    Commitment,
    DiscussionItem,
    Hours,
    Location,
    Organisation,
    Pledge,
    Registry,
    Service,
    Term,
    Update,
)
from .problems import Problem
from .schemas import SCHEMA_DIR

VOCABULARIES = ("stages", "stage-groups", "themes", "areas", "sectors", "client-groups")
DISCUSSION_SECTIONS = ("in_place", "gaps", "opportunities")


class InvalidContent(SystemExit):
    """Raised to stop a build. A SystemExit, so plain `pelican` prints the report and
    exits 1 instead of logging a traceback at the reviewer."""

    def __init__(self, problems: list[Problem], report_text: str):
        super().__init__(report_text)
        self.problems = problems


def load_vocabularies(vocab_dir: Path) -> tuple[dict[str, dict[str, Term]], list[Problem]]:
    vocab: dict[str, dict[str, Term]] = {}
    problems: list[Problem] = []
    for name in VOCABULARIES:
        path = vocab_dir / f"{name}.yaml"
        if not path.is_file():
            problems.append(Problem(display_path(path, vocab_dir.parent), 1, 1, "(file)",
                                    "this vocabulary file is missing", "missing-vocabulary"))
            continue
        record = read_vocabulary(path, vocab_dir.parent)
        problems += record.problems
        if record.valid:
            vocab[name] = {e["id"]: Term(**e) for e in record.data}
    return vocab, problems


def load_registry(content_dir: Path, vocab_dir: Path | None = None) -> tuple[Registry | None, list[Problem]]:
    """The registry, or None with every problem found in every file."""
    content_dir = Path(content_dir)
    vocab, problems = load_vocabularies(vocab_dir or SCHEMA_DIR / "vocabularies")
    found, stray = discover(content_dir)
    problems += stray
    files: dict[str, list[ContentFile]] = {}
    for kind, path in found:
        record = read_content_file(kind, path, content_dir)
        files.setdefault(kind, []).append(record)
        problems += record.problems
    problems += run_checks(Corpus(files, vocab, content_dir))
    if problems:
        return None, sorted(set(problems))
    return build_registry(files, vocab), []


def build_registry(files: dict[str, list[ContentFile]], vocab: dict[str, dict[str, Term]]) -> Registry:
    """Typed records from files that passed every check."""
    orgs = {f.slug: _organisation(f) for f in sorted(files.get("organisation", []), key=lambda f: f.slug)}
    commitments = {}
    for f in sorted(files.get("commitment", []), key=lambda f: f.slug):
        commitment = _commitment(f, orgs, vocab)
        commitments[f.slug] = commitment
        commitment.organisation.commitments.append(commitment)
    services = {}
    for f in sorted(files.get("service", []), key=lambda f: f.slug):
        service = _service(f, orgs)
        services[f.slug] = service
        if service.organisation:
            service.organisation.services.append(service)
    for org in orgs.values():
        org.commitments.sort(key=lambda c: (c.held, c.slug), reverse=True)
    alerts = {f.slug: _alert(f) for f in sorted(files.get("alert", []), key=lambda f: f.slug)}
    return Registry(vocab=vocab, organisations=orgs, commitments=commitments, services=services, alerts=alerts)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _organisation(f: ContentFile) -> Organisation:
    d = f.data
    return Organisation(
        slug=f.slug, source=f.path, name=d["name"], sector=d["sector"], areas=d["areas"],
        summary=d["summary"], c2c_status=d["c2c"]["status"], short_name=d.get("short_name", ""),
        website=d.get("website", ""), description_html=render_markdown(d.get("description", "")),
        logo=d.get("logo", ""), contact_email=d.get("contact_email", ""),
        awarded=_date(d["c2c"].get("awarded")), renewal_due=_date(d["c2c"].get("renewal_due")),
        partners=d.get("partners", []),
    )


def _commitment(f: ContentFile, orgs: dict[str, Organisation], vocab: dict) -> Commitment:
    d = f.data
    c = Commitment(
        slug=f.slug, source=f.path, organisation=orgs[d["organisation"]],
        held=date.fromisoformat(d["held"]), approach=d["approach"],
        approved=date.fromisoformat(d["approved"]), title=d.get("title", ""),
        participants=d.get("participants"), collaborators=d.get("collaborators", []),
        review_due=_date(d.get("review_due")), body_html=render_markdown(f.body),
    )
    stage_order = list(vocab["stages"])
    pledges = {p["id"]: Pledge(p["id"], p["text"], p["stage"], p.get("themes", []), c) for p in d["pledges"]}
    c.pledges = sorted(pledges.values(), key=lambda p: stage_order.index(p.stage))
    for n, a in enumerate(d.get("actions", []), start=1):
        pledge = pledges[a["pledge"]]
        c.actions.append(Action(
            number=n, pledge=pledge, text=a["text"], stage=a.get("stage", pledge.stage),
            due=date.fromisoformat(a["due"]), measure=a["measure"],
            status=a.get("status", "planned"), lead=a.get("lead", ""),
            updates=[Update(date.fromisoformat(u["date"]), u["note"]) for u in a.get("updates", [])],
        ))
    for section in DISCUSSION_SECTIONS:
        for item in d.get("discussion", {}).get(section, []):
            c.discussion.append(DiscussionItem(section, item["text"], item.get("stages", []), c))
    return c


def _service(f: ContentFile, orgs: dict[str, Organisation]) -> Service:
    d = f.data
    contact = d["contact"]
    return Service(
        slug=f.slug, source=f.path, name=d["name"], summary=d["summary"], stages=d["stages"],
        client_groups=d["client_groups"], areas=d["areas"],
        last_verified=date.fromisoformat(d["last_verified"]),
        organisation=orgs.get(d.get("organisation", "")), provider=d.get("provider", ""),
        description_html=render_markdown(d.get("description", "")), themes=d.get("themes", []),
        eligibility=d.get("eligibility", ""),
        locations=[Location(
            name=loc.get("name", ""), address=loc["address"], town=loc["town"],
            postcode=loc["postcode"], lat=loc.get("lat"), lon=loc.get("lon"),
            accessibility=loc.get("accessibility", ""),
        ) for loc in d.get("locations", [])],
        phone=contact.get("phone", ""), email=contact.get("email", ""),
        website=contact.get("website", ""),
        hours=[Hours(h["days"], h["opens"], h["closes"]) for h in d.get("hours", [])],
        hours_note=d.get("hours_note", ""), always_open=d.get("always_open", False),
        referral=d.get("referral", ""), referral_details=d.get("referral_details", ""),
        cost=d.get("cost", ""), languages=d.get("languages", []), status=d.get("status", "active"),
    )


def _alert(f: ContentFile) -> Alert:
    d = f.data
    return Alert(
        slug=f.slug, source=f.path, title=d["title"], message_html=render_markdown(d["message"]),
        level=d.get("level", "info"), areas=d.get("areas", []),
        active_from=date.fromisoformat(d["active_from"]),
        active_until=date.fromisoformat(d["active_until"]),
    )
