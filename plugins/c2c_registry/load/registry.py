"""Load the whole registry: read every file, check everything, then build the model.

`load_registry` is the only parser of content. Every plugin reads the Registry it
returns; nothing else opens a content file.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..markup import render_markdown
from ..model import (
    Action,
    Alert,
    Commitment,
    DiscussionItem,
    Helpline,
    Hours,
    HoursException,
    Location,
    Milestone,
    Organisation,
    Outcome,
    Pledge,
    Registry,
    Service,
    Session,
    Term,
    Update,
)
from ..package_data import schema_dir
from ..rules.checks import run_checks
from ..rules.corpus import Corpus
from ..rules.problems import Problem, checker_failed
from ..when import when
from .cache import ParseCache
from .files import ContentFile, discover, display_path, read_content_file, read_vocabulary
from .pages import read_page

VOCABULARIES = ("stages", "stage-groups", "themes", "areas", "sectors", "client-groups", "access")
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


def load_registry(content_dir: Path, vocab_dir: Path | None = None,
                  cache_dir: Path | None = None) -> tuple[Registry | None, list[Problem]]:
    """The registry, or None with every problem found in every file. Never raises for
    anything a file holds: if the checker itself fails, that is a problem naming the
    file (rule checker-failed), and `c2c validate` exits 2 rather than 1. With
    `cache_dir`, files whose text is unchanged since the last run are not parsed again."""
    content_dir = Path(content_dir)
    cache = ParseCache(cache_dir, content_dir) if cache_dir else None
    vocab, problems = load_vocabularies(vocab_dir or schema_dir() / "vocabularies")
    found, stray = discover(content_dir)
    problems += stray
    files: dict[str, list[ContentFile]] = {}
    for kind, path in found:
        record = _read(kind, path, content_dir, cache)
        files.setdefault(kind, []).append(record)
        problems += record.problems
    if cache:
        cache.save()  # before the cross-file checks, which only read the records
    problems += run_checks(Corpus(files, vocab, content_dir))
    if problems:
        return None, sorted(set(problems))
    trail: list[ContentFile] = []
    try:
        return build_registry(files, vocab, trail), []
    except Exception:  # a check missed something: name the file being built
        blamed = trail[-1].path if trail else display_path(content_dir, content_dir)
        return None, [checker_failed(blamed)]


def _read(kind: str, path: Path, content_dir: Path, cache: ParseCache | None = None) -> ContentFile:
    """One file, read and checked; whatever goes wrong is a problem naming it."""
    try:
        if kind == "page":
            return read_page(path, ContentFile(kind="page", slug=path.stem, path=display_path(path, content_dir)))
        return read_content_file(kind, path, content_dir, cache)
    except Exception:
        shown_path = display_path(path, content_dir)
        return ContentFile(kind=kind, slug=path.stem, path=shown_path, problems=[checker_failed(shown_path)])


def build_registry(files: dict[str, list[ContentFile]], vocab: dict[str, dict[str, Term]],
                   trail: list[ContentFile] | None = None) -> Registry:
    """Typed records from files that passed every check; each file is added to `trail`
    as it is built, so a failure can name it."""
    trail = [] if trail is None else trail

    def each(kind: str):
        for f in sorted(files.get(kind, []), key=lambda f: f.slug):
            trail.append(f)
            yield f

    orgs = {f.slug: _organisation(f) for f in each("organisation")}
    commitments = {}
    for f in each("commitment"):
        commitment = _commitment(f, orgs, vocab)
        commitments[f.slug] = commitment
        commitment.organisation.commitments.append(commitment)
    services = {}
    for f in each("service"):
        service = _service(f, orgs)
        services[f.slug] = service
        if service.organisation:
            service.organisation.services.append(service)
    for org in orgs.values():
        org.commitments.sort(key=lambda c: (c.held, c.slug), reverse=True)
    alerts = {f.slug: _alert(f) for f in each("alert")}
    helplines = [_helpline(h, services) for f in each("helplines") for h in f.data["helplines"]]
    trail.clear()
    sources = {f.path: f for kind in files for f in files[kind]}
    return Registry(vocab=vocab, organisations=orgs, commitments=commitments, services=services, alerts=alerts,
                    helplines=helplines, sources=sources)


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


def _leads(value: str | list[str] | None) -> list[str]:
    """One lead or joint leads, always as a list."""
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def _milestones(items: list[dict]) -> list[Milestone]:
    return [Milestone(m["text"], when(m["due"]), _date(m.get("done"))) for m in items]


def _commitment(f: ContentFile, orgs: dict[str, Organisation], vocab: dict) -> Commitment:
    d = f.data
    held, approved = when(d["held"]), when(d["approved"])
    c = Commitment(
        slug=f.slug, source=f.path, organisation=orgs[d["organisation"]],
        held=held.first or date.min, approach=d["approach"],
        approved=approved.first or date.min, title=d.get("title", ""),
        participants=d.get("participants"), collaborators=d.get("collaborators", []),
        review_due=_date(d.get("review_due")), body_html=render_markdown(f.body),
        held_when=held, approved_when=approved, closed=_date(d.get("closed")),
        outcomes=[Outcome(o["id"], o["text"]) for o in d.get("outcomes", [])],
    )
    outcomes = {o.id: o for o in c.outcomes}
    stage_order = list(vocab["stages"])
    pledges = {p["id"]: Pledge(
        p["id"], p["text"], p["stage"], p.get("themes", []), c, ref=p.get("ref", ""),
        outcome=outcomes.get(p.get("outcome", "")), client_groups=p.get("client_groups", []),
        leads=_leads(p.get("lead")), due=when(p["due"]) if "due" in p else None,
        measure=p.get("measure", ""), resources=p.get("resources", ""), partners=p.get("partners", []),
        milestones=_milestones(p.get("milestones", [])),
    ) for p in d["pledges"]}
    c.pledges = sorted(pledges.values(), key=lambda p: stage_order.index(p.stage))
    raw = {p["id"]: p for p in d["pledges"]}
    for n, a in enumerate(d.get("actions", []), start=1):
        pledge = pledges[a["pledge"]]
        given = raw[a["pledge"]]
        inherited = frozenset(k for k in ("lead", "due", "measure") if k not in a and k in given)
        due = when(a["due"]) if "due" in a else pledge.due
        assert due is not None  # checks.check_inherited requires one
        c.actions.append(Action(
            number=n, pledge=pledge, text=a["text"], stage=a.get("stage", pledge.stage),
            due=due, measure=a.get("measure", pledge.measure),
            status=a.get("status", "planned"), leads=_leads(a.get("lead")) or pledge.leads,
            updates=[Update(date.fromisoformat(u["date"]), u["note"]) for u in a.get("updates", [])],
            resources=a.get("resources", ""), partners=a.get("partners", []),
            milestones=_milestones(a.get("milestones", [])), inherited=inherited,
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
        hours=[Hours(h["days"], h["opens"], h["closes"], h.get("last_entry", "")) for h in d.get("hours", [])],
        hours_note=d.get("hours_note", ""), always_open=d.get("always_open", False),
        referral=d.get("referral", ""), referral_details=d.get("referral_details", ""),
        cost=d.get("cost", ""), languages=d.get("languages", []), status=d.get("status", "active"),
        access=d.get("access", []), bank_holidays=d.get("bank_holidays", "as-usual"),
        exceptions=[HoursException(
            first=date.fromisoformat(e.get("date", e.get("from"))),
            last=date.fromisoformat(e.get("date", e.get("to"))),
            closed=e.get("closed", False), opens=e.get("opens", ""), closes=e.get("closes", ""),
            note=e.get("note", ""),
        ) for e in d.get("exceptions", [])],
        sessions=[Session(s["monthly"], s["day"], s["opens"], s["closes"]) for s in d.get("sessions", [])],
    )


def _alert(f: ContentFile) -> Alert:
    d = f.data
    return Alert(
        slug=f.slug, source=f.path, title=d["title"], message_html=render_markdown(d["message"]),
        level=d.get("level", "info"), areas=d.get("areas", []),
        active_from=date.fromisoformat(d["active_from"]),
        active_until=date.fromisoformat(d["active_until"]),
        services={s["service"]: [Hours(h["days"], h["opens"], h["closes"]) for h in s.get("hours", [])]
                  for s in d.get("services", [])},
    )


def _helpline(h: dict, services: dict[str, Service]) -> Helpline:
    """One helpline; what it leaves out comes from the directory service it names."""
    service = services.get(h.get("service", ""))
    return Helpline(
        name=h.get("name") or (service.name if service else ""), for_whom=h["for"],
        phone=h.get("phone") or (service.phone if service else ""),
        website=h.get("website") or (service.website if service else ""),
        hours=h.get("hours", ""), service=service,
    )
