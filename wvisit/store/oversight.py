"""Management oversight notes: written by a supervisor, synced to the worker, never changed after."""

from __future__ import annotations

from wvisit.domain import Oversight, VisitStatus, from_record, to_record
from wvisit.errors import InvalidValue
from wvisit.store.context import StoreContext
from wvisit.store.database import Params
from wvisit.store.visits import VisitRepository


class OversightRepository:
    def __init__(self, context: StoreContext, visits: VisitRepository):
        self._context = context
        self._visits = visits
        self._table = context.sealed_table("oversight", "oversight")

    def add(self, note: Oversight) -> Oversight:
        note.validate()
        if self._visits.status(note.visit_id) is not VisitStatus.FINAL:
            raise InvalidValue("Oversight is added to a finalised visit record.")
        with self._context.transaction():
            self._table.write(note.id, to_record(note), {}, "created")
        return note

    def for_visit(self, visit_id: str) -> list[Oversight]:
        return self._select("WHERE visit_id = ?", (visit_id,))

    def for_child(self, child_id: str) -> list[Oversight]:
        return self._select("WHERE child_id = ?", (child_id,))

    def all(self) -> list[Oversight]:
        return self._select()

    def _select(self, where: str = "", params: Params = ()) -> list[Oversight]:
        notes = [from_record(Oversight, payload) for _, payload in self._table.read_where(where, params)]
        return sorted(notes, key=lambda n: n.written_at)
