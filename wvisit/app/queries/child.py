"""The child's page: the child, their visits, words, oversight, direct work and how the
Wandsworth 5 standards stand today; and the chronology as the page lists it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from wvisit.domain import Addendum, Category, Child, ChronologyEvent, Oversight, Sitting, Strike, Visit, VoiceEntry
from wvisit.domain.contact import Contact
from wvisit.domain.people import People
from wvisit.domain.policy import Policy
from wvisit.domain.supervision import Supervision
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
    contacts: list[Contact] = field(default_factory=list)  # phone calls, meetings beside the visits, oldest first
    addenda: list[Addendum] = field(default_factory=list)  # to the child's finalised visits
    supervision: list[Supervision] = field(default_factory=list)  # case supervision records, as signed


def load_child(store: Store, child_id: str, policy: Policy, today: date) -> ChildView:
    (child, version), visits = store.children.get_versioned(child_id), store.visits.for_child(child_id)
    oversight = store.oversight.for_child(child_id)
    supervised = store.supervision.for_child(child_id)
    standards = wandsworth5(child, visits, supervised, policy, today)
    kept = {visit.id for visit in visits}  # a discarded visit's words and direct work go with it
    voice = [entry for entry in store.visits.voice_for_child(child_id) if entry.visit_id in kept]
    sittings = [sitting for sitting in store.sittings.for_child(child_id) if sitting.visit_id in kept]
    addenda = [addendum for visit in visits if visit.is_final for addendum in store.visits.addenda(visit.id)]
    return ChildView(
        child,
        version,
        visits,
        voice,
        oversight,
        standards,
        sittings,
        store.people.read(),
        store.contacts.for_child(child_id),
        addenda,
        supervised,
    )


@dataclass(frozen=True)
class ChronologyLine:
    """One line of the chronology: a significant event the worker typed, or a line a record makes
    (a visit, an addendum, management oversight, a contact put on the chronology), each saying what
    it holds - never just "Visit"."""

    on: date
    what: str
    category: Category = Category.OTHER
    source: str = ""  # who or what it is known from
    impact: str = ""  # the impact on the child (a typed event)
    event: ChronologyEvent | None = None  # the typed entry itself, to correct or strike through
    record_id: str | None = None  # the visit (or other record) the line comes from

    @property
    def struck(self) -> Strike | None:
        return self.event.struck if self.event is not None else None


FIRST_LINE = 90  # characters of a record's own words a chronology line quotes


def chronology(view: ChildView) -> list[ChronologyLine]:
    """Events, visits, addenda, oversight, case supervision and contacts in date order, newest first;
    struck entries stay, marked."""
    people = view.people
    entries = [ChronologyLine(e.on, e.what, e.category, e.source, e.impact, e) for e in view.child.events]
    visit_days = {visit.id: visit.started_at.date() for visit in view.visits if visit.started_at}
    for visit in view.visits:
        if visit.started_at:
            entries.append(_visit_line(visit, view, people.signature(visit.author)))
    for addendum in view.addenda:
        of = f" of {visit_days[addendum.visit_id].strftime('%d %b %Y')}" if addendum.visit_id in visit_days else ""
        entries.append(
            ChronologyLine(
                addendum.written_at.date(),
                f"Addendum to the visit{of}: {_first_line(addendum.why)}",
                Category.ADDENDUM,
                people.signature(addendum.author),
                record_id=addendum.visit_id,
            )
        )
    for note in view.oversight:
        entries.append(
            ChronologyLine(
                note.written_at.date(),
                f"Management oversight, {note.outcome.value}: {_first_line(note.decision)}",
                Category.OVERSIGHT,
                people.signature(note.author),
                record_id=note.visit_id,
            )
        )
    for record in view.supervision:
        entries.append(
            ChronologyLine(
                record.held_on,
                f"Case supervision: {_first_line(record.decisions)}",
                Category.SUPERVISION,
                people.signature(record.author),
                record_id=record.id,
            )
        )
    for contact in view.contacts:
        if contact.chronology is not None:
            entries.append(
                ChronologyLine(
                    contact.at.date(),
                    f"{contact.kind.label} with {contact.with_whom}: {_first_line(contact.summary)}",
                    contact.chronology,
                    people.signature(contact.author),
                    record_id=contact.id,
                )
            )
    return sorted(entries, key=lambda e: e.on, reverse=True)


def filtered(
    lines: list[ChronologyLine], category: Category | None = None, since: date | None = None, until: date | None = None
) -> list[ChronologyLine]:
    """The lines of one category (None: every one) between two dates, both days included."""
    return [
        line
        for line in lines
        if (category is None or line.category is category)
        and (since is None or line.on >= since)
        and (until is None or line.on <= until)
    ]


def _visit_line(visit: Visit, view: ChildView, author: str) -> ChronologyLine:
    """The visit's type and state, the first line of the worker's analysis (or of what they saw), and
    how many things the child said."""
    state = "finalised" if visit.is_final else "draft"
    words = sum(1 for entry in view.voice if entry.visit_id == visit.id)
    content = _first_line(visit.analysis) or _first_line(visit.what_i_saw)
    said = f"the child said {words} thing{'s' if words != 1 else ''} in their own words" if words else ""
    detail = " \u00b7 ".join(part for part in (content, said) if part)
    what = f"{visit.visit_type.value.capitalize()} visit ({state})" + (f": {detail}" if detail else "")
    return ChronologyLine(
        visit.started_at.date() if visit.started_at else date.min, what, Category.VISIT, author, record_id=visit.id
    )


def _first_line(text: str) -> str:
    """The first line of a record's own words, cut at FIRST_LINE characters with an ellipsis."""
    line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return line if len(line) <= FIRST_LINE else line[: FIRST_LINE - 1].rstrip() + "\u2026"
