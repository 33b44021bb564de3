"""Direct-work sittings, saved as the child works: every stroke and answer lands within moments.

A sitting belongs to a draft visit; once the visit is finalised its sittings are part of the
record and do not change, like the rest of it. A sitting is saved only if its tool's own check
passes (wvisit/tools), the same check the central record makes when it arrives there.
"""

from __future__ import annotations

from wvisit.domain import Sitting, from_record, to_record
from wvisit.domain.kinds import KINDS
from wvisit.store.context import StoreContext
from wvisit.store.database import Params
from wvisit.store.visits import VisitRepository


class SittingRepository:
    def __init__(self, context: StoreContext, visits: VisitRepository):
        self._context, self._visits = context, visits
        self._table = context.sealed_table("tool_sessions", "tool")

    def save(self, sitting: Sitting) -> int:
        """Create or update; returns the version written. A result its tool refuses raises InvalidValue."""
        record = to_record(sitting)
        KINDS["tool"].validate(record)
        self._visits.require_draft(sitting.visit_id)
        exists = bool(self._table.versions([sitting.id]))
        with self._context.transaction():
            return self._table.write(sitting.id, record, {}, "changed" if exists else "created")

    def get(self, sitting_id: str) -> Sitting:
        return from_record(Sitting, self._table.read(sitting_id)[1])

    def for_visit(self, visit_id: str) -> list[Sitting]:
        return self._select("WHERE visit_id = ?", (visit_id,))

    def for_child(self, child_id: str) -> list[Sitting]:
        return self._select("WHERE child_id = ?", (child_id,))

    def _select(self, where: str, params: Params) -> list[Sitting]:
        found = [from_record(Sitting, payload) for _, payload in self._table.read_where(where, params)]
        return sorted(found, key=lambda s: s.started_at)
