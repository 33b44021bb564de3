"""The caseload at a glance: each child with last visit, next visit due and drafts in progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wvisit.app.queries.supervision import workers
from wvisit.domain import Child
from wvisit.domain.policy import Due, Policy

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


@dataclass(frozen=True)
class CaseloadRow:
    child: Child
    last_visit: date | None
    due: Due
    drafts: int
    worker: str = ""  # on a supervisor's caseload: the child's worker by name (queries/supervision.py workers)


def caseload(store: Store, policy: Policy, today: date) -> list[CaseloadRow]:
    """Every child on this laptop; for a supervisor, each with their worker's name, from the visits'
    sealed facts (a worker's own caseload is all theirs, and is not slowed by reading them to say so)."""
    last = store.children.last_visits()
    drafts = store.visits.drafts_per_child()
    worker_of: dict[str, str] = {}
    if store.sync_state.get("role") == "supervisor":
        people = store.people.read()
        worker_of = {child_id: people.name(login) for child_id, login in workers(store.visit_facts.all()).items()}
    return [
        CaseloadRow(
            child=child,
            last_visit=last.get(child.id),
            due=Due.of(policy, child, last.get(child.id), today),
            drafts=drafts.get(child.id, 0),
            worker=worker_of.get(child.id, ""),
        )
        for child in store.children.all()
    ]
