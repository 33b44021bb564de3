"""The team page for a supervisor: visits on time and late by legal status and by worker, the visits
due this week, the visits not yet reviewed and the children overdue now; each count with the list behind it.

Every figure comes with its lines (child, legal status, worker by name, what is due or late), so a
supervisor who sees "3 late" can open those three; a line names what it opens (a child or a visit).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple, overload

from wvisit import collector
from wvisit.app.queries.caseload import CaseloadRow, caseload
from wvisit.app.queries.review import ReviewRow, queue_of
from wvisit.domain import LegalStatus, Outcome, VisitStatus
from wvisit.domain.dates import aware
from wvisit.domain.policy import Policy
from wvisit.domain.timeliness import VisitTiming, visit_timings

if TYPE_CHECKING:
    from wvisit.store import Store
    from wvisit.store.visit_facts import VisitFact

WEEKS = 12  # how far back visits are counted on time or late


class _Finalised(NamedTuple):
    """A finalised visit as the page counts it on time or late (timeliness.MadeVisit), from its facts."""

    id: str
    child_id: str
    author: str
    started_at: datetime
    is_final: bool = True


class TeamLine(NamedTuple):
    """One line behind a figure. A named tuple, as ReviewRow: a team manager's page has 30,000."""

    child_name: str
    legal_status: LegalStatus
    worker: str  # by name ("" when the child has no visit yet)
    detail: str  # what this line is about: "overdue by 5 days", "visited 3 Nov, 4 days late"
    opens: str  # "child" or "visit"
    record_id: str


@dataclass(frozen=True)
class Bars:
    """One group's on-time and late visits (a legal status, or a worker), with the lines behind each bar."""

    label: str
    on_time_lines: list[TeamLine]
    late_lines: list[TeamLine]

    @property
    def on_time(self) -> int:
        return len(self.on_time_lines)

    @property
    def late(self) -> int:
        return len(self.late_lines)

    @property
    def percent_on_time(self) -> int | None:
        total = self.on_time + self.late
        return round(100 * self.on_time / total) if total else None


@dataclass(frozen=True)
class TeamPicture:
    by_status: list[Bars]  # every legal status, in the order the council lists them
    by_worker: list[Bars]
    overdue: list[TeamLine]  # most overdue first
    due_this_week: list[TeamLine]  # soonest first
    unreviewed: Sequence[TeamLine]  # longest waiting first
    week_ends: date  # the Sunday "this week" runs to
    unreadable: int = 0  # visits on this laptop that could not be read, so are in no figure here


@collector.held_off()  # an object per visit: 30,000 on a team manager's laptop
def team_picture(store: Store, policy: Policy, today: date) -> TeamPicture:
    """The page as a supervisor sees it (only a supervisor's window offers it): a supervisor's caseload
    names each child's worker, and the lines of children take the name from there."""
    people = store.people.read()
    facts = store.visit_facts.all()  # no visit opened: a team manager's laptop holds 30,000
    rows = caseload(store, policy, today)  # each child read once, with their worker's name, for every list below
    children = [row.child for row in rows]
    since = today - timedelta(weeks=WEEKS)
    timings = visit_timings(children, _counted(facts, since), policy, today, WEEKS)

    names = {author: people.name(author) for author in {t.visit.author for t in timings}}  # a few workers
    lines = [(t, _timing_line(t, names[t.visit.author])) for t in timings]

    def grouped(key: Callable[[VisitTiming], str], labels: list[str]) -> list[Bars]:
        """Each label's bars, the timings sorted into them in one pass (not one pass a label)."""
        on_time: dict[str, list[TeamLine]] = {label: [] for label in labels}
        late: dict[str, list[TeamLine]] = {label: [] for label in labels}
        for timing, line in lines:
            (on_time if timing.on_time else late)[key(timing)].append(line)
        return [Bars(label, on_time[label], late[label]) for label in labels]

    by_status = grouped(lambda t: t.child.legal_status.label, [status.label for status in LegalStatus])
    by_worker = grouped(lambda t: names[t.visit.author], sorted(set(names.values())))
    week_ends = today + timedelta(days=6 - today.weekday())
    about = {r.child.id: (r.child.name, r.due.overdue_days, r.child.legal_status) for r in rows}
    overdue = sorted((r for r in rows if r.due.overdue_days > 0), key=lambda r: -r.due.overdue_days)
    due_soon = sorted((r for r in rows if not r.due.overdue_days and r.due.on <= week_ends), key=lambda r: r.due.on)
    waiting = [row for row in queue_of(store, about, today) if row.outcome is not Outcome.SIGNED_OFF]
    return TeamPicture(
        by_status,
        by_worker,
        [_child_line(r, f"overdue by {_days(r.due.overdue_days)}") for r in overdue],
        [_child_line(r, f"due by {_day(r.due.on)}") for r in due_soon],
        _WaitingLines(waiting),
        week_ends,
        store.visit_facts.unreadable,
    )


def _counted(facts: list[VisitFact], since: date) -> list[_Finalised]:
    """Each child's finalised visits from `since` on, and the one before them that the first's due day
    counts from: of a team's 30,000 visits, the few thousand the on-time figures read, and only these
    are parsed. `facts` newest first as the visit lists order them (`visit_facts.all()`), and a visit's
    day is its date as written. A start with no time zone (`wvisit visit edit` can write one) is read
    as UTC, as a visit's checks read it: compared with the others, it stopped the page opening."""
    first_day, final = since.isoformat(), VisitStatus.FINAL
    kept: list[_Finalised] = []
    done: set[str] = set()  # children whose visit before `since` is kept
    for visit_id, child_id, status, author, started_at, *_ in facts:
        if status is not final or not started_at or child_id in done:
            continue
        if started_at[:10] < first_day:
            done.add(child_id)
        kept.append(_Finalised(visit_id, child_id, author, aware(datetime.fromisoformat(started_at))))
    return kept


class _WaitingLines(Sequence[TeamLine]):
    """The visits waiting for review as lines, each made when it is read: the page shows how many, and
    a team manager's 30,000 become lines only as the list behind the count shows them (making them
    all was a fifth of the page)."""

    def __init__(self, rows: list[ReviewRow]):
        self._rows = rows

    def __len__(self) -> int:
        return len(self._rows)

    @overload
    def __getitem__(self, index: int) -> TeamLine: ...

    @overload
    def __getitem__(self, index: slice) -> list[TeamLine]: ...

    def __getitem__(self, index: int | slice) -> TeamLine | list[TeamLine]:
        if isinstance(index, slice):
            return [_waiting_line(row) for row in self._rows[index]]
        return _waiting_line(self._rows[index])


def _waiting_line(row: ReviewRow) -> TeamLine:
    detail = _waiting(row.waiting_days, row.visited)
    return TeamLine(row.child_name, row.legal_status, row.worker, detail, "visit", row.visit_id)


def _timing_line(timing: VisitTiming, worker: str) -> TeamLine:
    visited = timing.visit.started_at.date() if timing.visit.started_at else timing.due
    late = (visited - timing.due).days
    detail = f"visited {_day(visited)}" + (f", {_days(late)} late" if late > 0 else ", on time")
    return TeamLine(timing.child.name, timing.child.legal_status, worker, detail, "visit", timing.visit.id)


def _child_line(row: CaseloadRow, detail: str) -> TeamLine:
    child = row.child
    return TeamLine(child.name, child.legal_status, row.worker, detail, "child", child.id)


def _waiting(days: int, visited: date) -> str:
    return f"visited {_day(visited)}, waiting {_days(days)}" if days else f"visited {_day(visited)}"


def _days(n: int) -> str:
    return f"{n} day{'s' if n != 1 else ''}"


@lru_cache(maxsize=4096)  # a team's 30,000 visits fall on a few hundred days; strftime is ~5 us a call
def _day(value: date) -> str:
    return value.strftime("%a %d %b").replace(" 0", " ")
