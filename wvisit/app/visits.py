"""What a worker or supervisor does to a visit: start it, save the draft, finalise or discard it,
add the child's words, an addendum, management oversight or a direct-work sitting.

The screens (through ui/operations.py) and the command line both call these, so a visit
started from either has the same shape and a field typed at the command line passes the
same checks as one typed in the editor. The rules themselves live below: what may change
after finalising is the store's rule (store/visits.py), what is complete enough to finalise
is the domain's (domain/visit.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import date, datetime
from typing import TYPE_CHECKING, get_type_hints

from wvisit import tools
from wvisit.app import children
from wvisit.domain import Addendum, Oversight, Sitting, Visit, VoiceEntry, from_record, to_record
from wvisit.domain.dates import parse_date
from wvisit.domain.policy import Policy
from wvisit.domain.visit import STAMPED_FIELDS
from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    from wvisit.store import Store

DATE_FIELDS = frozenset(f.name for f in fields(Visit) if get_type_hints(Visit)[f.name] in (date, date | None))


def start(store: Store, child_id: str, now: datetime, what_i_saw: str = "", words: str = "") -> Visit:
    """A new draft visit, begun `now`; with the child's first words if they were given."""
    visit = store.visits.new_draft(child_id, started_at=now, what_i_saw=what_i_saw)
    if words:
        store.visits.add_voice(VoiceEntry(visit_id=visit.id, child_id=child_id, words=words))
    return visit


def with_fields(visit: Visit, typed: Mapping[str, object], today: date | None = None) -> Visit:
    """`visit` with fields set by name, as the command line takes them: a field nobody types (whose
    visit it is, who wrote it, its state) or a value of the wrong form is refused, naming the field
    but never the value. A date is read as the app's date field reads it (domain/dates.py, day
    first: "14/11/2026", "14 Nov", "+10", or ISO "2026-11-14"), counted from `today`."""
    record = to_record(visit)
    settable = {f.name for f in fields(Visit)} - STAMPED_FIELDS
    for name, value in typed.items():
        if name not in settable:
            raise InvalidValue(f"'{name}' is not a field of a visit that can be set.")
        if name in DATE_FIELDS and isinstance(value, str):
            try:
                value = parse_date(value, today or date.today()).isoformat()
            except InvalidValue as error:
                raise InvalidValue(f"'{name}': {error}") from None
        record[name] = value
    try:
        return from_record(Visit, record)
    except ValueError:
        raise InvalidValue("One of the values is not in the form its field needs.") from None


def save_draft(store: Store, visit: Visit) -> int:
    """The draft as it stands (autosave); returns the version written."""
    return store.visits.save_draft(visit)


def finalise(store: Store, visit_id: str, policy: Policy | None = None) -> Visit:
    """Refused with VisitIncomplete, naming what is missing; from then on, addenda only. With the
    council's visit-frequency `policy` (the screens and the CLI always give it), a next visit later
    than the policy allows is refused until the worker says why. Words the child typed or said in
    the visit's direct work count as their voice (wvisit.tools.heard_in). The actions agreed join the
    child's plan once the visit is final (in a second transaction, as management oversight's do: if
    that fails, the finalised visit still holds them)."""
    store.sittings.fold_visit(visit_id)  # a drawing saved stroke by stroke is whole in the record from here
    heard = tools.heard_in(store.sittings.for_visit(visit_id))
    visit = store.visits.finalise(visit_id, policy=policy, heard_in_tools=heard)
    children.join_plan(store, visit.child_id, visit.agreed_actions, date.today())
    return visit


def discard(store: Store, visit_id: str, why: str) -> Visit:
    """A draft started in error, set aside with the worker's reason: kept in the audit and on the
    central record as discarded, gone from every list. A finalised visit is corrected by an addendum."""
    return store.visits.discard(visit_id, why)


def add_voice(store: Store, entry: VoiceEntry) -> VoiceEntry:
    """The child's own words, to a draft visit."""
    return store.visits.add_voice(entry)


def add_addendum(store: Store, visit_id: str, why: str, text: str) -> Addendum:
    """A correction to a finalised visit, dated and signed; the visit itself never changes."""
    return store.visits.add_addendum(visit_id, why, text)


def add_oversight(store: Store, note: Oversight, today: date | None = None) -> Oversight:
    """A supervisor's management oversight of a finalised visit; its actions join the child's plan
    (checked as on `today`), so they reach the worker's tasks and the plan like any other action.

    The note is written first and the plan after, in two transactions (the store's do not nest):
    if the second fails, the note still holds the actions and the worker's tasks list them from it
    (app/queries/tasks.py)."""
    added = store.oversight.add(note)
    children.join_plan(store, note.child_id, note.actions, today or date.today())
    return added


def save_sitting(store: Store, sitting: Sitting) -> int:
    """A direct-work sitting, as the child works; returns the version written. One carried on from an
    earlier sitting must be the same child's, with the same tool (it starts from a copy of that one)."""
    if sitting.continues:
        earlier = store.sittings.get(sitting.continues)
        if earlier.child_id != sitting.child_id or earlier.tool != sitting.tool:
            raise InvalidValue("Direct work can only be carried on from the same child's work with the same tool.")
    return store.sittings.save(sitting)


def earlier_work(store: Store, visit_id: str) -> list[Sitting]:
    """What the child made on their other visits that can be carried on in this one, newest first: a
    picture (a drawing, the three houses, an ecomap) with something in it. The carried-on sitting starts
    from a copy; the earlier one stays as its visit recorded it."""
    visit = store.visits.get(visit_id)
    kept = {v.id for v in store.visits.for_child(visit.child_id)}  # not a visit discarded as started in error
    found = [
        sitting
        for sitting in store.sittings.for_child(visit.child_id)
        if sitting.visit_id != visit_id
        and sitting.visit_id in kept
        and sitting.tool in tools.REGISTRY
        and tools.get(sitting.tool).pictured
        and not tools.get(sitting.tool).for_worker  # a body map records one visit's marks: never carried on
        and tools.used(sitting)
    ]
    return sorted(found, key=lambda sitting: sitting.started_at, reverse=True)
