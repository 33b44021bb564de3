"""Read models for supervisors: the review queue and the team's timeliness, from what has synced."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from wvisit.app.queries.caseload import CaseloadRow, caseload
from wvisit.domain import Outcome
from wvisit.domain.policy import Due, Policy
from wvisit.domain.timeliness import WorkerTimeliness, team_timeliness

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

    @property
    def reviewed(self) -> bool:
        return self.outcome is Outcome.SIGNED_OFF


def review_queue(store: Store, policy: Policy, today: date) -> list[ReviewRow]:
    """Every finalised visit of the team, newest first, with where its review stands."""
    children = {c.id: c for c in store.children.all()}
    last = store.children.last_visits()
    latest = {note.visit_id: note.outcome for note in store.oversight.all()}  # sorted: the last one wins
    people = store.people.read()
    rows = []
    for visit in store.visits.all():
        child = children.get(visit.child_id)
        if child is None or not visit.is_final or visit.started_at is None:
            continue
        overdue = Due.of(policy, child, last.get(child.id), today).overdue_days
        rows.append(
            ReviewRow(
                visit.id, visit.started_at.date(), child.name, people.name(visit.author), latest.get(visit.id), overdue
            )
        )
    return rows


@dataclass(frozen=True)
class TeamPicture:
    timeliness: list[WorkerTimeliness]
    overdue: list[CaseloadRow]


def team_picture(store: Store, policy: Policy, today: date) -> TeamPicture:
    overdue = [row for row in caseload(store, policy, today) if row.due.overdue_days > 0]
    people = store.people.read()
    timeliness = [
        replace(row, worker=people.name(row.worker))
        for row in team_timeliness(store.children.all(), store.visits.all(), policy, today)
    ]
    return TeamPicture(timeliness, sorted(overdue, key=lambda row: -row.due.overdue_days))
