"""The child's page: the child, their visits, words, oversight, direct work and how the
Wandsworth 5 standards stand today; and the chronology as the page lists it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wvisit.domain import Child, ChronologyEvent, Oversight, Sitting, Strike, Visit, VoiceEntry
from wvisit.domain.people import People
from wvisit.domain.policy import Policy
from wvisit.domain.timeliness import Standard, wandsworth5

if TYPE_CHECKING:
    from wvisit.store import Store


@dataclass
class ChildView:
    child: Child
    child_version: int  # the base for an edit of this page's child (a stale edit is merged, never saved over)
    visits: list[Visit]
    voice: list[VoiceEntry]
    oversight: list[Oversight]
    standards: list[Standard]
    sittings: list[Sitting]
    people: People  # who wrote the oversight, by name


def load_child(store: Store, child_id: str, policy: Policy, today: date) -> ChildView:
    (child, version), visits = store.children.get_versioned(child_id), store.visits.for_child(child_id)
    oversight = store.oversight.for_child(child_id)
    standards = wandsworth5(child, visits, oversight, policy, today)
    kept = {visit.id for visit in visits}  # a discarded visit's words and direct work go with it
    voice = [entry for entry in store.visits.voice_for_child(child_id) if entry.visit_id in kept]
    sittings = [sitting for sitting in store.sittings.for_child(child_id) if sitting.visit_id in kept]
    return ChildView(child, version, visits, voice, oversight, standards, sittings, store.people.read())


@dataclass(frozen=True)
class ChronologyLine:
    on: date
    what: str
    event: ChronologyEvent | None = None  # the entry itself (None: a visit), to correct or strike through

    @property
    def struck(self) -> Strike | None:
        return self.event.struck if self.event is not None else None


def chronology(view: ChildView) -> list[ChronologyLine]:
    """Visits and significant events in date order, newest first; struck entries stay, marked."""
    entries = [ChronologyLine(e.on, e.what, e) for e in view.child.events]
    for visit in view.visits:
        if visit.started_at:
            state = "finalised" if visit.is_final else "draft"
            entries.append(ChronologyLine(visit.started_at.date(), f"Visit ({visit.visit_type.value}, {state})"))
    return sorted(entries, key=lambda e: e.on, reverse=True)
