"""One visit as its editor shows it: the visit with the child's words and addenda, the child,
the supervisors' oversight, the direct work done in it and the latest next visit the council's
visit-frequency policy allows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wvisit.domain import Child, Oversight, Sitting
from wvisit.domain.people import People
from wvisit.domain.policy import Policy
from wvisit.domain.visit import latest_next_visit
from wvisit.store.visits import VisitRecord

if TYPE_CHECKING:
    from wvisit.store import Store


@dataclass
class VisitView:
    record: VisitRecord
    child: Child
    oversight: list[Oversight]
    sittings: list[Sitting]
    people: People  # who wrote the addenda and oversight, by name
    next_visit_by: date | None = None  # the policy's latest next visit (None: no policy given)


def load_visit(store: Store, visit_id: str, policy: Policy | None = None, today: date | None = None) -> VisitView:
    """With `policy`, also the latest next visit it allows for this child after this visit (e.g. 10
    working days for a child protection plan): the editor offers it and marks it in the calendar."""
    record = store.visits.open(visit_id)
    child = store.children.get(record.visit.child_id)
    by = latest_next_visit(record.visit, child, policy, today or date.today()) if policy else None
    return VisitView(
        record,
        child,
        store.oversight.for_visit(visit_id),
        store.sittings.for_visit(visit_id),
        store.people.read(),
        by,
    )
