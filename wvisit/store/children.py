"""Children on the worker's caseload."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime

from wvisit.domain import Child, from_record, to_record
from wvisit.errors import RecordChanged, WvisitError
from wvisit.store.context import StoreContext

log = logging.getLogger(__name__)


class ChildRepository:
    def __init__(self, context: StoreContext):
        self._context = context
        self._table = context.sealed_table("children", "child")

    def add(self, child: Child, today: date | None = None) -> Child:
        return self._write(child, "created", today)

    def update(self, child: Child, base_version: int, today: date | None = None) -> Child:
        """Store `child` as the next version, only while the stored one is still `base_version` (the
        one the screen showed): a stale screen never overwrites a newer record; it gets RecordChanged."""
        child.validate(today or date.today())
        with self._context.transaction():
            if self._table.plain(child.id, "version") != base_version:  # NotFound for an unknown child
                raise RecordChanged("child", child.id)
            self._table.write(child.id, to_record(child), {}, "changed")
        return child

    def amend(self, child_id: str, change: Callable[[Child], None], today: date | None = None) -> Child:
        """Apply `change` to the newest stored version, in one transaction: for additions (a chronology
        event, a plan item) that fit whatever version is stored, so they never need merging."""
        with self._context.transaction():
            child, _ = self.get_versioned(child_id)
            change(child)
            child.validate(today or date.today())
            self._table.write(child.id, to_record(child), {}, "changed")
        return child

    def get(self, child_id: str) -> Child:
        return self.get_versioned(child_id)[0]

    def get_versioned(self, child_id: str) -> tuple[Child, int]:
        """The child and the version it was read at: the base for a later `update`."""
        plain, payload = self._table.read(child_id)
        return from_record(Child, payload), plain["version"]

    def exists(self, child_id: str) -> bool:
        return self._context.conn.execute("SELECT 1 FROM children WHERE id = ?", (child_id,)).fetchone() is not None

    def last_visits(self) -> dict[str, date]:
        """Date of each child's latest finalised visit, from plain columns: no decryption needed."""
        rows = self._context.conn.execute(
            "SELECT child_id, max(visited_at) FROM visits WHERE status = 'final' AND visited_at IS NOT NULL "
            "GROUP BY child_id"
        )
        return {child_id: datetime.fromisoformat(at).date() for child_id, at in rows}

    def all(self) -> list[Child]:
        """Every child that can be read; one damaged record does not hide the rest (see `readable`)."""
        return self.readable()[0]

    def readable(self) -> tuple[list[Child], dict[str, WvisitError]]:
        """The children sorted by name, and each record that could not be read, by id with why."""
        reading = self._table.read_each()
        if reading.damaged:
            log.warning("%d child record(s) could not be read", len(reading.damaged))
        children = [from_record(Child, payload) for _, payload in reading.rows]
        return sorted(children, key=lambda c: c.name.casefold()), reading.damaged

    def _write(self, child: Child, action: str, today: date | None) -> Child:
        child.validate(today or date.today())
        with self._context.transaction():
            self._table.write(child.id, to_record(child), {}, action)
        return child
