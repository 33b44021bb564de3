"""A visit record, and the rule for when it is complete enough to finalise.

The rule lives here, not in the editor, so the CLI, the UI and the central service all
refuse the same incomplete record with the same words.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from wvisit.domain.child import Child, LegalStatus, PlanItem
from wvisit.domain.dates import aware
from wvisit.domain.policy import Policy
from wvisit.domain.voice import VoiceEntry
from wvisit.errors import InvalidValue


class VisitType(StrEnum):
    STATUTORY = "statutory"
    ANNOUNCED = "announced"
    UNANNOUNCED = "unannounced"


class Location(StrEnum):
    HOME = "home"
    SCHOOL = "school"
    CONTACT_CENTRE = "contact centre"
    OTHER = "other"


class VisitStatus(StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    DISCARDED = "discarded"  # a draft started in error: kept (audit, central record), shown in no list


@dataclass
class Visit:
    child_id: str
    author: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    visit_type: VisitType = VisitType.STATUTORY
    started_at: datetime | None = None
    ended_at: datetime | None = None
    location: Location | None = None
    present: str = ""
    child_seen: bool | None = None
    not_seen_reason: str = ""
    seen_alone: bool | None = None
    not_seen_alone_reason: str = ""
    bedroom_seen: bool | None = None
    bedroom_not_seen_reason: str = ""
    what_i_saw: str = ""
    parents_views: str = ""
    domestic_abuse: str = ""
    mental_health: str = ""
    substance_misuse: str = ""
    analysis: str = ""
    actions: str = ""  # anything else agreed, in words (and a record's actions from before they were rows)
    agreed_actions: list[PlanItem] = field(default_factory=list)  # what, who, by when: join the plan on finalise
    next_visit: date | None = None
    next_visit_reason: str = ""  # why the next visit is later than the visit-frequency policy allows
    status: VisitStatus = VisitStatus.DRAFT
    finalised_at: datetime | None = None
    discarded_at: datetime | None = None
    discarded_why: str = ""  # the worker's reason, e.g. "started on the wrong child"
    # Text fields holding dictated words the worker has not yet reviewed (speech to text can mishear):
    # dictation adds a field's name, the worker's "Reviewed" takes it out, and finalising waits for none.
    dictated: list[str] = field(default_factory=list)

    @property
    def is_final(self) -> bool:
        return self.status is VisitStatus.FINAL

    @property
    def is_discarded(self) -> bool:
        return self.status is VisitStatus.DISCARDED

    @property
    def is_draft(self) -> bool:
        """Only a draft changes: a finalised visit is corrected by addenda, a discarded one stays as it was."""
        return self.status is VisitStatus.DRAFT


# Fields nobody types: whose visit it is, who wrote it, and the state only finalising sets.
STAMPED_FIELDS = frozenset(
    {"id", "child_id", "author", "status", "finalised_at", "discarded_at", "discarded_why", "dictated"}
)

# Fields a person fills in: what the search looks through and what an export prints.
TEXT_FIELDS = (
    "present",
    "not_seen_reason",
    "not_seen_alone_reason",
    "bedroom_not_seen_reason",
    "what_i_saw",
    "parents_views",
    "domestic_abuse",
    "mental_health",
    "substance_misuse",
    "analysis",
    "actions",
    "next_visit_reason",
)

# Each text field in the worker's words, for "your review of the words dictated into what I saw".
SECTION_WORDS = {
    "present": "who was present",
    "not_seen_reason": "why the child was not seen",
    "not_seen_alone_reason": "why the child was not seen alone",
    "bedroom_not_seen_reason": "why the bedroom was not seen",
    "what_i_saw": "what I saw",
    "parents_views": "parents' and carers' views",
    "domestic_abuse": "domestic abuse",
    "mental_health": "parental mental health",
    "substance_misuse": "parental substance misuse",
    "analysis": "analysis",
    "actions": "actions agreed",
    "next_visit_reason": "why the next visit is later",
}

MAX_DISCARD_WHY = 1000


def discarded(visit: Visit, why: str, now: datetime) -> Visit:
    """The draft set aside as started in error, with the worker's reason (required)."""
    why = why.strip()
    if not why:
        raise InvalidValue("Say why this visit is being discarded (for example: started on the wrong child).")
    if len(why) > MAX_DISCARD_WHY:
        raise InvalidValue(f"Keep the reason to {MAX_DISCARD_WHY} characters or fewer.")
    return replace(visit, status=VisitStatus.DISCARDED, discarded_at=now, discarded_why=why)


def check_closing(visit: Visit) -> None:
    """What every visit body must say of how it was closed (the registry of kinds asks this)."""
    if visit.is_discarded and (visit.discarded_at is None or not visit.discarded_why.strip()):
        raise InvalidValue("A discarded visit record says when and why it was discarded.")
    if visit.is_final and visit.finalised_at is None:
        raise InvalidValue("A finalised visit record says when it was finalised.")


# A clock more than this far ahead of the visit date is more likely wrong than the visit.
CLOCK_SLACK = timedelta(hours=12)


def latest_next_visit(visit: Visit, child: Child, policy: Policy, today: date) -> date:
    """The latest date the visit-frequency policy allows for the child's next visit, counted from
    this visit's day (e.g. 10 working days for a child protection plan)."""
    started = visit.started_at.astimezone().date() if visit.started_at is not None else today
    return policy.next_due(child, started, today)


@dataclass(frozen=True)
class Needed:
    """One thing a visit needs before it is finalised: the field to fill (or "voice" for the child's
    words, which have their own button) and the worker's words for it."""

    field: str
    sentence: str


def missing_for_finalise(
    visit: Visit,
    child: Child,
    voice: list[VoiceEntry],
    now: datetime | None = None,
    policy: Policy | None = None,
    heard_in_tools: Sequence[VoiceEntry] = (),
) -> list[str]:
    """The sentences of `needed_to_finalise`: what the store, the CLI and the central service say."""
    return [needed.sentence for needed in needed_to_finalise(visit, child, voice, now, policy, heard_in_tools)]


def needed_to_finalise(
    visit: Visit,
    child: Child,
    voice: list[VoiceEntry],
    now: datetime | None = None,
    policy: Policy | None = None,
    heard_in_tools: Sequence[VoiceEntry] = (),
) -> list[Needed]:
    """Name, in the worker's words, each thing a statutory visit record still needs.

    An empty list means the visit may be finalised. Reasons are asked for wherever the
    answer is "no": a child not seen alone is recorded, not hidden. The child's voice is their
    words quoted in the visit, or `heard_in_tools`: words they typed or said in a direct-work tool
    (wvisit.tools.heard_in), which are theirs as much as a quote is.
    The next visit is never in the past; given the council's visit-frequency `policy`, a next
    visit later than it allows needs the worker's reason, which the supervisor reads.
    """
    now = now or datetime.now(UTC)
    missing: list[Needed] = []

    def need(condition: bool, sentence: str, field: str) -> None:
        if not condition:
            missing.append(Needed(field, sentence))

    need(visit.started_at is not None, "the date and time of the visit", "started_at")
    if visit.started_at is not None:
        need(
            aware(visit.started_at) <= now + CLOCK_SLACK,
            "a visit date that is not in the future (check the laptop's clock)",
            "started_at",
        )
    need(visit.location is not None, "where the visit took place", "location")
    need(bool(visit.present.strip()), "who was present", "present")
    need(visit.child_seen is not None, "whether the child was seen", "child_seen")
    if visit.child_seen is False:
        need(bool(visit.not_seen_reason.strip()), "why the child was not seen", "not_seen_reason")
    if visit.child_seen:
        need(visit.seen_alone is not None, "whether the child was seen alone", "seen_alone")
        if visit.seen_alone is False:
            need(bool(visit.not_seen_alone_reason.strip()), "why the child was not seen alone", "not_seen_alone_reason")
        need(bool(voice) or bool(heard_in_tools), "the child's voice, in their own words", "voice")
    if child.legal_status is LegalStatus.CLA:
        need(visit.bedroom_seen is not None, "whether the child's bedroom was seen", "bedroom_seen")
        if visit.bedroom_seen is False:
            need(bool(visit.bedroom_not_seen_reason.strip()), "why the bedroom was not seen", "bedroom_not_seen_reason")
    need(bool(visit.what_i_saw.strip()), "what I saw", "what_i_saw")
    need(bool(visit.analysis.strip()), "analysis", "analysis")
    for number, action in enumerate(visit.agreed_actions, start=1):
        if not action.owner.strip() or action.due is None:
            missing_part = "who will do it" if not action.owner.strip() else "by when"
            need(False, f"action {number}: {missing_part}", "agreed_actions")
    need(visit.next_visit is not None, "the next visit date", "next_visit")
    if visit.next_visit is not None:
        today = now.astimezone().date()
        need(visit.next_visit >= today, "a next visit date that is not in the past", "next_visit")
        if policy is not None and visit.next_visit > latest_next_visit(visit, child, policy, today):
            need(
                bool(visit.next_visit_reason.strip()),
                "why the next visit is later than the policy allows",
                "next_visit_reason",
            )
    for name in visit.dictated:  # speech to text can mishear: the worker reads it before it is final
        need(False, f"your review of the words dictated into {SECTION_WORDS.get(name, name)}", name)
    return missing
