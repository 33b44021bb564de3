"""Were visits on time, and is each child's record up to date (the Wandsworth 5)?

Both are worked out from records the app already has, by the same policy as the caseload:
a visit is on time when it happened on or before the day it was due after the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from wvisit.domain.child import Child
from wvisit.domain.policy import Due, Policy
from wvisit.domain.supervision import Supervision
from wvisit.domain.visit import Visit


class MadeVisit(Protocol):
    """What timeliness reads of a visit: a Visit, or a team page's line made from a visit's sealed
    facts (a team manager's laptop holds 30,000 visits, and the page does not open them)."""

    @property
    def id(self) -> str: ...

    @property
    def child_id(self) -> str: ...

    @property
    def author(self) -> str: ...

    @property
    def started_at(self) -> datetime | None: ...

    @property
    def is_final(self) -> bool: ...


def _started(visit: MadeVisit) -> datetime:
    """When a visit began; only visits that say so are counted."""
    assert visit.started_at is not None
    return visit.started_at


@dataclass(frozen=True)
class VisitTiming:
    """One finalised visit and the day the policy said it was due by, counted from the visit before."""

    child: Child
    visit: MadeVisit
    due: date

    @property
    def on_time(self) -> bool:
        return _started(self.visit).date() <= self.due


def visit_timings(
    children: list[Child], visits: Sequence[MadeVisit], policy: Policy, today: date, weeks: int = 12
) -> list[VisitTiming]:
    """Finalised visits in the last `weeks` weeks that had a visit before them, each with its due day.
    A child's first visit has nothing to be late after, so it is only a starting point."""
    by_child: dict[str, list[MadeVisit]] = {}
    for visit in visits:
        if visit.is_final and visit.started_at is not None:
            by_child.setdefault(visit.child_id, []).append(visit)
    since = today - timedelta(weeks=weeks)
    timings = []
    for child in children:
        previous: date | None = None
        for visit in sorted(by_child.get(child.id, []), key=_started):
            day = _started(visit).date()
            if previous is not None and day >= since:
                timings.append(VisitTiming(child, visit, policy.next_due(child, previous, day)))
            previous = day
    return timings


@dataclass(frozen=True)
class Standard:
    """One of the Wandsworth 5 for one child: up to date or not, and when it was last touched."""

    name: str
    up_to_date: bool
    last_touched: date | None
    why: str


def wandsworth5(
    child: Child, visits: list[Visit], supervision: list[Supervision], policy: Policy, today: date
) -> list[Standard]:
    """The five standards for one child. Supervision counts only case supervision records (domain/
    supervision.py): management oversight of a single visit is not supervision of the child's case."""
    limits = policy.rules.get("wandsworth5", {})
    final = [v.started_at.date() for v in visits if v.is_final and v.started_at]
    last_visit = max(final, default=None)
    chronology = max([e.on for e in child.events] + final, default=None)
    latest = max(supervision, key=lambda r: (r.held_on, r.written_at), default=None)
    last_supervision = latest.held_on if latest is not None else None
    due = Due.of(policy, child, last_visit, today)

    def recent(day: date | None, days: int) -> bool:
        return day is not None and (today - day).days <= days

    smart = bool(child.plan) and all(item.owner and item.due for item in child.plan)
    summary_days, plan_days = limits.get("summary_days", 90), limits.get("plan_days", 90)
    supervision_days = limits.get("supervision_days", 42)
    return [
        Standard(
            "Case summary",
            bool(child.summary.strip()) and recent(child.summary_updated, summary_days),
            child.summary_updated,
            f"reviewed in the last {summary_days} days",
        ),
        Standard(
            "Chronology",
            chronology is not None and due.overdue_days == 0,
            chronology,
            "has entries and no visit is overdue",
        ),
        Standard(
            "SMART plan",
            smart and recent(child.plan_updated, plan_days),
            child.plan_updated,
            f"every action has an owner and a date; reviewed in the last {plan_days} days",
        ),
        Standard(
            "Visit record",
            last_visit is not None and due.overdue_days == 0,
            last_visit,
            f"next visit due {due.on.isoformat()}",
        ),
        Standard(
            "Supervision record",
            latest is not None and recent(last_supervision, supervision_days) and today <= latest.next_due,
            last_supervision,
            f"case supervision in the last {supervision_days} days and the next one not overdue"
            + (f" (next due {latest.next_due.isoformat()})" if latest is not None else "")
            + "; management oversight of a single visit does not count",
        ),
    ]
