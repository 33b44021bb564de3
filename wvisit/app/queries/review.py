"""Read model for supervisors: the review queue, from what has synced (the team page: queries/team.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wvisit.domain import LegalStatus, Outcome
from wvisit.domain.policy import Due, Policy

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


@dataclass(frozen=True)
class ReviewRow:
    visit_id: str
    visited: date
    child_name: str
    worker: str  # the name people read ("Sam Patel"); the login for an account not met yet
    outcome: Outcome | None  # the latest oversight's, or None: not yet reviewed
    child_overdue_days: int
    legal_status: LegalStatus
    waiting_days: int  # since it was finalised, while not signed off (0 once signed off)

    @property
    def reviewed(self) -> bool:
        return self.outcome is Outcome.SIGNED_OFF


def review_queue(store: Store, policy: Policy, today: date) -> list[ReviewRow]:
    """Every finalised visit of the team with where its review stands: those waiting for a sign-off
    first, longest waiting first ("addendum requested" waits too), then the signed-off, newest first."""
    children = {c.id: c for c in store.children.all()}
    last = store.children.last_visits()
    latest = {note.visit_id: note.outcome for note in store.oversight.all()}  # sorted: the last one wins
    people = store.people.read()
    overdue_days = {
        child.id: Due.of(policy, child, last.get(child.id), today).overdue_days for child in children.values()
    }
    rows = []
    for visit in store.visits.all():
        child = children.get(visit.child_id)
        if child is None or not visit.is_final or visit.started_at is None:
            continue
        overdue = overdue_days[child.id]  # worked out once a child, not once a visit (a child has many)
        outcome = latest.get(visit.id)
        finalised = (visit.finalised_at or visit.started_at).date()
        waiting = 0 if outcome is Outcome.SIGNED_OFF else max(0, (today - finalised).days)
        worker = people.name(visit.author)
        rows.append(
            ReviewRow(
                visit.id, visit.started_at.date(), child.name, worker, outcome, overdue, child.legal_status, waiting
            )
        )
    return sorted(rows, key=lambda row: (row.reviewed, -row.waiting_days, -row.visited.toordinal()))
