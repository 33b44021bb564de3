"""Named operations: what a screen asks of the records, run on the store lane, announcing what changed.

In the manner of Anki's CollectionOp/QueryOp: a widget says what it wants done by name,

    save_draft(self, visit).success(self._saved).failure(self._save_failed).run_in_background()

and the operation finds the window's lanes and store (`Host`), runs the work off the UI thread,
brings the result back, and - for a change - announces `Changes` on `Ops.changed`, so every
screen showing that child refreshes itself; nobody refreshes another screen by hand. An
operation whose window has locked meanwhile does nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from PySide6.QtWidgets import QWidget

from wvisit.app import children, contacts, supervision, visits
from wvisit.errors import WvisitError

if TYPE_CHECKING:
    from wvisit.domain import Addendum, Child, ChronologyEvent, Oversight, PlanItem, Sitting, Visit, VoiceEntry
    from wvisit.domain.contact import Contact
    from wvisit.domain.policy import Policy
    from wvisit.domain.supervision import Supervision
    from wvisit.store import Store
    from wvisit.ui.background import Ops

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What an operation changed: the children whose records moved, or everything (a sync pulled).
    `origin` is the widget whose operation it was: it already shows what it did."""

    child_ids: frozenset[str] = frozenset()
    everything: bool = False
    origin: object | None = None

    @classmethod
    def of(cls, *child_ids: str) -> Changes:
        return cls(frozenset(child_ids))

    def touch(self, screen: object, child_id: str | None) -> bool:
        """Whether `screen`, about `child_id` (None: about every child), must refresh."""
        if screen is self.origin:
            return False
        return self.everything or child_id is None or child_id in self.child_ids


class Host(Protocol):
    """The window that owns the lanes and the open store (the main window, child mode)."""

    ops: Ops

    @property
    def store(self) -> Store | None: ...


def host_of(widget: QWidget) -> Host | None:
    while widget is not None and not hasattr(widget, "ops"):
        widget = widget.parentWidget()
    return widget  # type: ignore[return-value]


class Op(Generic[T]):
    def __init__(self, parent: QWidget, work: Callable[[Store], T], changes: Callable[[T], Changes] | None = None):
        self._parent, self._work, self._changes = parent, work, changes
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[WvisitError], None] | None = None

    def success(self, on_success: Callable[[T], None]) -> Op[T]:
        self._on_success = on_success
        return self

    def failure(self, on_failure: Callable[[WvisitError], None]) -> Op[T]:
        self._on_failure = on_failure
        return self

    def run_in_background(self) -> None:
        host = host_of(self._parent)
        store = host.store if host is not None else None
        if store is None:
            return  # locked meanwhile: nothing to do it to
        work, ops = self._work, host.ops

        def done(result: T) -> None:
            if self._changes is not None:
                ops.changed.emit(replace(self._changes(result), origin=self._parent))
            if self._on_success is not None:
                self._on_success(result)

        ops.run(self._parent, lambda: work(store), done, self._on_failure)


# --- reading ------------------------------------------------------------------------------------


def query(parent: QWidget, read: Callable[[Store], T]) -> Op[T]:
    """A read of the records (a screen's view): changes nothing, announces nothing."""
    return Op(parent, read)


# --- children -----------------------------------------------------------------------------------


def add_child(parent: QWidget, child: Child) -> Op[Child]:
    return Op(parent, lambda store: store.children.add(child), lambda c: Changes.of(c.id))


def update_child(parent: QWidget, child: Child, base_version: int) -> Op[Child]:
    """Refused with RecordChanged when the stored child is no longer `base_version` (see domain/merge.py)."""
    return Op(parent, lambda store: store.children.update(child, base_version), lambda c: Changes.of(c.id))


def amend_child(parent: QWidget, child_id: str, change: Callable[[Child], None]) -> Op[Child]:
    return Op(parent, lambda store: store.children.amend(child_id, change), lambda c: Changes.of(c.id))


def strike(
    parent: QWidget,
    child_id: str,
    line: PlanItem | ChronologyEvent,
    why: str,
    replacement: PlanItem | ChronologyEvent | None = None,
) -> Op[Child]:
    """Strike a plan or chronology line through (never deleted), with a corrected line if given."""
    return Op(
        parent, lambda store: children.strike(store, child_id, line, why, replacement), lambda c: Changes.of(c.id)
    )


def record_contact(parent: QWidget, child_id: str, details: dict[str, Any]) -> Op[Contact]:
    """A phone call, a meeting or a professional contact for the child (app/contacts.py)."""
    return Op(parent, lambda store: contacts.record(store, child_id, **details), lambda c: Changes.of(c.child_id))


# --- visits -------------------------------------------------------------------------------------


def new_visit(parent: QWidget, child_id: str) -> Op[Visit]:
    return Op(parent, lambda store: visits.start(store, child_id, datetime.now(UTC)), lambda _: Changes.of(child_id))


def save_draft(parent: QWidget, visit: Visit) -> Op[int]:
    return Op(parent, lambda store: visits.save_draft(store, visit), lambda _: Changes.of(visit.child_id))


def finalise(parent: QWidget, visit: Visit, policy: Policy | None = None) -> Op[Visit]:
    return Op(parent, lambda store: visits.finalise(store, visit.id, policy), lambda _: Changes.of(visit.child_id))


def discard(parent: QWidget, visit: Visit, why: str) -> Op[Visit]:
    return Op(parent, lambda store: visits.discard(store, visit.id, why), lambda _: Changes.of(visit.child_id))


def add_voice(parent: QWidget, entry: VoiceEntry) -> Op[VoiceEntry]:
    return Op(parent, lambda store: visits.add_voice(store, entry), lambda _: Changes.of(entry.child_id))


def add_addendum(parent: QWidget, visit: Visit, why: str, text: str) -> Op[Addendum]:
    return Op(
        parent, lambda store: visits.add_addendum(store, visit.id, why, text), lambda _: Changes.of(visit.child_id)
    )


def add_oversight(parent: QWidget, note: Oversight) -> Op[Oversight]:
    """Signed on the store lane by the account the store writes as (never read on the UI thread)."""
    return Op(
        parent,
        lambda store: visits.add_oversight(store, replace(note, author=store.actor)),
        lambda _: Changes.of(note.child_id),
    )


def record_supervision(parent: QWidget, records: list[Supervision]) -> Op[list[Supervision]]:
    """One case supervision meeting: a signed record per child (app/supervision.py), signed on the store lane."""
    return Op(
        parent,
        lambda store: supervision.record_meeting(store, records),
        lambda _: Changes.of(*(record.child_id for record in records)),
    )


def save_sitting(parent: QWidget, sitting: Sitting) -> Op[int]:
    """A direct-work sitting, saved as the child works (every stroke, every answer). Announced once,
    when child mode closes, not at every stroke."""
    return Op(parent, lambda store: visits.save_sitting(store, sitting))


# --- exports ------------------------------------------------------------------------------------


def record_export(parent: QWidget, visit_id: str, what: str) -> Op[None]:
    from wvisit.app import exports  # here: it imports the store, which the unlock window must not wait for

    return Op(parent, lambda store: exports.record_export(store, visit_id, what))
