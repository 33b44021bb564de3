"""Case supervision as a child's page shows it, and who each child's worker is.

This laptop does not hold the central record's allocations, so a child's worker is read from the
records: the worker who made the child's latest visit. A child nobody has visited yet has none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wvisit.domain.people import People
from wvisit.domain.supervision import Supervision

if TYPE_CHECKING:
    from wvisit.store import Store
    from wvisit.store.visit_facts import VisitFact


@dataclass(frozen=True)
class SupervisionView:
    records: list[Supervision]  # newest first
    people: People  # who signed and who attended, by name and role
    can_record: bool  # this laptop's account is a supervisor's
    me: str  # this laptop's account, by name
    worker: str  # the child's worker, by name ("" when nobody has visited yet)
    worker_children: list[tuple[str, str]]  # (id, name) of that worker's children, this child first


def workers(facts: Sequence[VisitFact]) -> dict[str, str]:
    """{child id: login of the worker who made the child's latest visit}, from the visits' sealed facts
    (store.visit_facts) rather than the visits: a team manager's laptop holds 30,000, and opening each
    made a supervisor's caseload, team page and case supervision take seconds. `facts` newest first,
    as `visit_facts.all()` gives them and a child's page lists visits (a visit with no start yet first:
    it is being written now). Of visits begun at the same moment (a joint visit recorded by two
    workers), the one with the greatest id, so the same worker is named every time."""
    latest: dict[str, VisitFact] = {}
    for fact in facts:
        held = latest.setdefault(fact.child_id, fact)
        if fact.started_at == held.started_at and fact.visit_id > held.visit_id:
            latest[fact.child_id] = fact
    return {child_id: fact.author for child_id, fact in latest.items()}


def load_supervision(store: Store, child_id: str) -> SupervisionView:
    people = store.people.read()
    by_worker = workers(store.visit_facts.all())
    worker = by_worker.get(child_id, "")
    names = {child.id: child.name for child in store.children.all()}
    theirs = sorted(
        (cid for cid, login in by_worker.items() if worker and login == worker and cid != child_id and cid in names),
        key=lambda cid: names[cid],
    )
    return SupervisionView(
        records=store.supervision.for_child(child_id),
        people=people,
        can_record=store.sync_state.get("role") == "supervisor",
        me=people.name(store.actor),
        worker=people.name(worker) if worker else "",
        worker_children=[(child_id, names.get(child_id, ""))] + [(cid, names[cid]) for cid in theirs],
    )
