"""Read model for supervisors: the review queue, from what has synced (the team page: queries/team.py)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from wvisit import collector
from wvisit.domain import LegalStatus, Outcome, VisitStatus
from wvisit.domain.policy import Due, Policy

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


class ReviewRow(NamedTuple):
    """One visit in the review queue. A named tuple, not a frozen dataclass: a team manager's queue
    holds 30,000 of them, and a frozen dataclass takes three times as long to make."""

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


ChildAbout = tuple[str, int, LegalStatus]  # what a row says of its child: name, days overdue, legal status


def review_queue(store: Store, policy: Policy, today: date) -> list[ReviewRow]:
    """Every finalised visit of the team with where its review stands: those waiting for a sign-off
    first, longest waiting first ("addendum requested" waits too), then the signed-off, newest first.

    Read from the visits' sealed facts (store.visit_facts), not by opening every visit: 30,000 on a
    team manager's laptop. A visit that could not be read is left out and counted there."""
    last = store.children.last_visits()
    about = {  # worked out once a child, not once a visit (a child has many)
        child.id: (child.name, Due.of(policy, child, last.get(child.id), today).overdue_days, child.legal_status)
        for child in store.children.all()
    }
    return queue_of(store, about, today)


@collector.held_off()  # an object per visit: 30,000 on a team manager's laptop
def queue_of(store: Store, about: Mapping[str, ChildAbout], today: date) -> list[ReviewRow]:
    """The review queue of the children in `about`, by id, which the caller has worked out: the team
    page has them from its caseload, and so reads each child once rather than twice."""
    people = store.people.read()
    facts = store.visit_facts.all()
    names = {author: people.name(author) for author in {fact.author for fact in facts}}  # a few workers
    days: dict[str, date] = {}  # "2026-11-30" -> its date: a team's visits fall on a few hundred days
    since = today.toordinal()
    rows: list[ReviewRow] = []
    order: list[int] = []  # each row's `place`: sorting 30,000 whole numbers, not tuples, saves 50-100 ms
    final, signed_off = VisitStatus.FINAL, Outcome.SIGNED_OFF
    for visit_id, child_id, status, author, started_at, finalised_at, outcome, _ in facts:
        child = about.get(child_id)
        if child is None or status is not final or not started_at:
            continue
        visited = days.get(started_at[:10]) or _day(days, started_at)  # the date the record gives
        if outcome is signed_off:
            waiting, reviewed = 0, 1
        else:
            finalised = (finalised_at or started_at)[:10]
            waiting, reviewed = max(0, since - (days.get(finalised) or _day(days, finalised)).toordinal()), 0
        rows.append(ReviewRow(visit_id, visited, child[0], names[author], outcome, child[1], child[2], waiting))
        order.append(place(reviewed, waiting, visited))
    # sorted() is stable: visits alike keep the facts' order (newest first)
    return [rows[n] for n in sorted(range(len(rows)), key=order.__getitem__)]


_DAYS = 22  # bits for a day's number: date.max is day 3,652,059, below 2**22 (a clock set to 9999 sorts too)
_LAST_DAY = (1 << _DAYS) - 1


def place(reviewed: int, waiting: int, visited: date) -> int:
    """A row's place in the queue as one whole number, ordered as (reviewed, -waiting, -visited) is:
    waiting first, longest waiting first, then newest first. `waiting` is at most today's day number."""
    return (((reviewed << _DAYS) | (_LAST_DAY - waiting)) << _DAYS) | (_LAST_DAY - visited.toordinal())


def _day(days: dict[str, date], when: str) -> date:
    """The date of an ISO 8601 time as written (its first ten characters), kept for the next visit."""
    day = days[when[:10]] = date.fromisoformat(when[:10])
    return day
