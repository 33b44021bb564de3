"""The child: who they are, their legal status, the people who matter to them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from wvisit.errors import InvalidValue


class LegalStatus(StrEnum):
    """Why the council is involved; it sets how often the child must be visited."""

    CIN = "CIN"
    CP = "CP"
    CLA = "CLA"
    CL = "CL"

    @property
    def label(self) -> str:
        return {
            "CIN": "Child in need",
            "CP": "Child protection plan",
            "CLA": "Child in care",
            "CL": "Care leaver",
        }[self.value]


class Category(StrEnum):
    """What kind of event a chronology line records, so a reader can follow one thread (every move,
    every police call-out) through the child's life. A line from before categories were kept is "other"."""

    INCIDENT = "incident"
    MOVE = "move"
    HEALTH = "health"
    EDUCATION = "education"
    POLICE = "police"
    MEETING = "meeting"
    CONTACT = "contact"
    VISIT = "visit"
    ADDENDUM = "addendum"
    OVERSIGHT = "oversight"
    SUPERVISION = "supervision"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def typed(self) -> bool:
        """Whether a worker files a line under it; the others are the records' own (a visit, oversight)."""
        return self not in (Category.VISIT, Category.ADDENDUM, Category.OVERSIGHT, Category.SUPERVISION)


class PlanCategory(StrEnum):
    """The category of a child protection plan, as the initial child protection conference set it."""

    NEGLECT = "neglect"
    EMOTIONAL = "emotional abuse"
    PHYSICAL = "physical abuse"
    SEXUAL = "sexual abuse"
    MULTIPLE = "multiple"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass
class KeyPerson:
    """Someone who matters to the child: family, carer, teacher, friend."""

    name: str
    relationship: str = ""


@dataclass
class Strike:
    """A line of the plan or the chronology struck through: never deleted, it stays on the record
    with who struck it, when and why. A correction strikes the old line and adds the right one."""

    by: str
    at: datetime
    why: str


@dataclass
class PlanItem:
    """One SMART action of the child's plan: what, who, by when."""

    action: str
    owner: str = ""
    due: date | None = None
    done: bool = False
    struck: Strike | None = None


@dataclass
class ChronologyEvent:
    """A significant event for the chronology, beside the visits (a move, a meeting, an incident):
    what kind of event, who told us (the source) and what it meant for the child (the impact)."""

    on: date
    what: str
    struck: Strike | None = None
    category: Category = Category.OTHER
    source: str = ""  # who or what the worker learnt it from: "school", "police notification"
    impact: str = ""  # the impact on the child, in plain words


@dataclass
class Child:
    name: str
    date_of_birth: date
    legal_status: LegalStatus
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    summary: str = ""
    identity_notes: str = ""
    language_notes: str = ""
    address: str = ""
    key_people: list[KeyPerson] = field(default_factory=list)
    plan: list[PlanItem] = field(default_factory=list)
    events: list[ChronologyEvent] = field(default_factory=list)
    status_since: date | None = None  # when the current legal status began (a plan, a placement)
    placement_start: date | None = None  # a child in care: when the current placement began
    summary_updated: date | None = None
    plan_updated: date | None = None
    # A child protection plan (the plan's start is `status_since`, when the CP status began):
    plan_category: PlanCategory | None = None
    next_conference: date | None = None  # the next review child protection conference
    next_core_group: date | None = None  # the next core group meeting
    household: list[KeyPerson] = field(default_factory=list)  # who lives in the child's home

    def validate(self, today: date) -> None:
        """Refuse a record no worker means to make; the sentence names the field only."""
        if not self.name.strip():
            raise InvalidValue("The child's name is needed.")
        if self.date_of_birth > today:
            raise InvalidValue("The date of birth is in the future. Check the date, and the laptop's clock.")
        if self.age(today) > 25:
            raise InvalidValue("The date of birth makes the child older than 25. Check the date.")
        lines: list[PlanItem | ChronologyEvent] = [*self.plan, *self.events]
        strikes = [line.struck for line in lines if line.struck is not None]
        if any(not strike.why.strip() or not strike.by for strike in strikes):
            raise InvalidValue("A line struck through says who struck it and why.")
        if any(not event.category.typed for event in self.events):
            raise InvalidValue("A chronology line of the child's record is filed under an event's category.")

    def age(self, on: date) -> int:
        had_birthday = (on.month, on.day) >= (self.date_of_birth.month, self.date_of_birth.day)
        return on.year - self.date_of_birth.year - (0 if had_birthday else 1)
