"""Case supervision records: written and signed by a supervisor, synced to the worker, never changed after."""

from __future__ import annotations

from dataclasses import replace

from wvisit.domain import from_record, to_record
from wvisit.domain.kinds import KINDS
from wvisit.domain.supervision import Supervision
from wvisit.errors import InvalidValue
from wvisit.store.context import StoreContext


class SupervisionRepository:
    def __init__(self, context: StoreContext):
        self._context = context
        self._table = context.sealed_table("supervision", "supervision")

    def add(self, *records: Supervision) -> list[Supervision]:
        """Sign and store the records of one supervision meeting, all or none, as this laptop's account
        (the central record refuses any other author). Each is checked as the central record will check
        it, so a record that would be refused there is refused here, before anyone relies on it."""
        signed = [replace(record, author=self._context.actor) for record in records]
        for record in signed:
            KINDS["supervision"].validate(to_record(record))
            if not self._context.conn.execute("SELECT 1 FROM children WHERE id = ?", (record.child_id,)).fetchone():
                raise InvalidValue("Supervision is recorded for a child on this laptop's caseload.")
            if self._table.versions([record.id]):
                raise InvalidValue("This supervision is already recorded; a signed record is not changed.")
        with self._context.transaction():
            for record in signed:
                self._table.write(record.id, to_record(record), {}, "created")
        return signed

    def for_child(self, child_id: str) -> list[Supervision]:
        """The child's supervision records, newest first."""
        return self._select("WHERE child_id = ?", (child_id,))

    def all(self) -> list[Supervision]:
        """Every child's records, newest first."""
        return self._select()

    def _select(self, where: str = "", params: tuple[str, ...] = ()) -> list[Supervision]:
        records = [from_record(Supervision, payload) for _, payload in self._table.read_where(where, params)]
        return sorted(records, key=lambda r: (r.held_on, r.written_at), reverse=True)
