"""Children on the worker's caseload."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from wvisit.domain import Child, from_record, to_record

if TYPE_CHECKING:
    from wvisit.store.store import Store


class ChildRepository:
    def __init__(self, store: Store):
        self._store = store
        self._table = store.sealed_table("children", "child")

    def add(self, child: Child, today: date | None = None) -> Child:
        return self._write(child, "created", today)

    def update(self, child: Child, today: date | None = None) -> Child:
        self._table.plain(child.id, "version")  # NotFound for an unknown child
        return self._write(child, "changed", today)

    def get(self, child_id: str) -> Child:
        _, payload = self._table.read(child_id)
        return from_record(Child, payload)

    def exists(self, child_id: str) -> bool:
        return self._store.conn.execute("SELECT 1 FROM children WHERE id = ?", (child_id,)).fetchone() is not None

    def last_visits(self) -> dict[str, date]:
        """Date of each child's latest finalised visit, from plain columns: no decryption needed."""
        rows = self._store.conn.execute(
            "SELECT child_id, max(visited_at) FROM visits WHERE status = 'final' AND visited_at IS NOT NULL "
            "GROUP BY child_id"
        )
        return {child_id: datetime.fromisoformat(at).date() for child_id, at in rows}

    def all(self) -> list[Child]:
        children = [from_record(Child, payload) for _, payload in self._table.read_where()]
        return sorted(children, key=lambda c: c.name.casefold())

    def _write(self, child: Child, action: str, today: date | None) -> Child:
        child.validate(today or date.today())
        with self._store.transaction():
            self._table.write(child.id, to_record(child), {}, action)
        return child
