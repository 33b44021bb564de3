"""One visit as its editor shows it: the visit with the child's words and addenda, the child,
the supervisors' oversight and the direct work done in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvisit.domain import Child, Oversight, Sitting
from wvisit.domain.people import People
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


def load_visit(store: Store, visit_id: str) -> VisitView:
    record = store.visits.open(visit_id)
    return VisitView(
        record,
        store.children.get(record.visit.child_id),
        store.oversight.for_visit(visit_id),
        store.sittings.for_visit(visit_id),
        store.people.read(),
    )
