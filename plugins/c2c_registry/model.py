"""The registry in memory: typed records built from validated files.

Records hold what the files say plus links resolved once at load time. Derived state
that depends on the build date (overdue, due for review, stale) is computed by the
functions in `derive`, never stored here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .when import When


@dataclass(frozen=True)
class Term:
    """An entry of a controlled vocabulary (stage, theme, area, sector, client group)."""

    id: str
    name: str
    description: str = ""
    group: str = ""
    gss: str = ""
    constituent: bool = False
    tier: str = ""  # areas outside the seven constituent members: county, unitary or district


@dataclass
class Organisation:
    slug: str
    source: str
    name: str
    sector: str
    areas: list[str]
    summary: str
    c2c_status: str
    short_name: str = ""
    website: str = ""
    description_html: str = ""
    logo: str = ""
    contact_email: str = ""
    awarded: date | None = None
    renewal_due: date | None = None
    partners: list[str] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    services: list[Service] = field(default_factory=list)


@dataclass
class Milestone:
    """A dated indicator of progress: met on `done`, or still to be met."""

    text: str
    due: When
    done: date | None = None


@dataclass
class Outcome:
    id: str
    text: str


@dataclass
class Pledge:
    id: str
    text: str
    stage: str
    themes: list[str]
    commitment: Commitment = field(repr=False, compare=False)
    ref: str = ""
    outcome: Outcome | None = None
    client_groups: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    due: When | None = None
    measure: str = ""
    resources: str = ""
    partners: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)

    @property
    def lead(self) -> str:
        return " and ".join(self.leads)

    @property
    def anchor(self) -> str:
        return f"pledge-{self.id}"


@dataclass
class Update:
    date: date
    note: str


@dataclass
class Action:
    number: int  # 1-based position in the plan, for anchors and tables
    pledge: Pledge
    text: str
    stage: str
    due: When
    measure: str
    status: str
    leads: list[str] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    resources: str = ""
    partners: list[str] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    inherited: frozenset[str] = frozenset()  # lead, due, measure taken from the pledge

    @property
    def lead(self) -> str:
        """Joint leads in one phrase: 'JC (Solihull MBC) and TR'."""
        return " and ".join(self.leads)

    @property
    def commitment(self) -> Commitment:
        return self.pledge.commitment

    @property
    def anchor(self) -> str:
        return f"action-{self.number}"

    @property
    def latest_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None


@dataclass
class DiscussionItem:
    section: str  # in_place | gaps | opportunities
    text: str
    stages: list[str]
    commitment: Commitment = field(repr=False, compare=False)


@dataclass
class Commitment:
    slug: str
    source: str
    organisation: Organisation
    held: date  # the day, or the month's first day when only the month is known
    approach: str
    approved: date
    title: str = ""
    participants: int | None = None
    collaborators: list[str] = field(default_factory=list)
    review_due: date | None = None
    body_html: str = ""
    held_when: When | None = None  # held and approved as written (a month shows as a month)
    approved_when: When | None = None
    closed: date | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    pledges: list[Pledge] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    discussion: list[DiscussionItem] = field(default_factory=list)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.organisation.name} {self.approach.replace('-', ' ')} {self.held.year}"

    def pledges_in(self, stage: str) -> list[Pledge]:
        return [p for p in self.pledges if p.stage == stage]


@dataclass
class Location:
    name: str
    address: list[str]
    town: str
    postcode: str
    lat: float | None = None
    lon: float | None = None
    accessibility: str = ""


@dataclass
class Hours:
    days: list[str]
    opens: str
    closes: str
    last_entry: str = ""  # the latest time people are let in, when earlier than closing


@dataclass
class HoursException:
    """A dated change to the weekly hours: closed all day, or these hours instead."""

    first: date
    last: date  # inclusive; the same as first for a single day
    closed: bool
    opens: str = ""
    closes: str = ""
    note: str = ""


@dataclass
class Session:
    """A monthly session: `weeks` of the month (1 to 4, -1 the last) on `day`."""

    weeks: list[int]
    day: str
    opens: str
    closes: str


@dataclass
class Service:
    slug: str
    source: str
    name: str
    summary: str
    stages: list[str]
    client_groups: list[str]
    areas: list[str]
    last_verified: date
    organisation: Organisation | None = None
    provider: str = ""
    description_html: str = ""
    themes: list[str] = field(default_factory=list)
    eligibility: str = ""
    locations: list[Location] = field(default_factory=list)
    phone: str = ""
    email: str = ""
    website: str = ""
    hours: list[Hours] = field(default_factory=list)
    hours_note: str = ""
    always_open: bool = False
    referral: str = ""
    referral_details: str = ""
    cost: str = ""
    languages: list[str] = field(default_factory=list)
    status: str = "active"
    access: list[str] = field(default_factory=list)
    bank_holidays: str = "as-usual"  # closed | open | as-usual
    exceptions: list[HoursException] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)

    @property
    def provider_name(self) -> str:
        return self.organisation.name if self.organisation else self.provider


@dataclass
class Alert:
    slug: str
    source: str
    title: str
    message_html: str
    level: str
    areas: list[str]
    active_from: date
    active_until: date
    services: dict[str, list[Hours]] = field(default_factory=dict)  # service slug -> extra hours


@dataclass
class Helpline:
    """A number for the "Get help now" control on every page (content/helplines.yaml);
    a helpline that is a directory service takes its details from that service."""

    name: str
    for_whom: str  # when to call it: "In immediate danger"
    phone: str = ""
    website: str = ""
    hours: str = ""
    service: Service | None = None


@dataclass
class Registry:
    """Everything the site is built from. Lists are sorted so output is deterministic."""

    vocab: dict[str, dict[str, Term]]
    organisations: dict[str, Organisation]
    commitments: dict[str, Commitment]
    services: dict[str, Service]
    alerts: dict[str, Alert] = field(default_factory=dict)
    helplines: list[Helpline] = field(default_factory=list)  # in the file's order
    # Each file as read (data and where each value was), by path: warnings name the line.
    sources: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def stages(self) -> list[Term]:
        return list(self.vocab["stages"].values())

    @property
    def pledges(self) -> list[Pledge]:
        return [p for c in self.commitments.values() for p in c.pledges]

    @property
    def actions(self) -> list[Action]:
        return [a for c in self.commitments.values() for a in c.actions]

    @property
    def discussion(self) -> list[DiscussionItem]:
        return [d for c in self.commitments.values() for d in c.discussion]
