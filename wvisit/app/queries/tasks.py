"""What needs the worker now: the home screen's list, the toolbar's count and `wvisit tasks --json`.

One list from the records already on this laptop (nothing is stored for it, so nothing can go
stale): addenda that management oversight asked for on this worker's visits and not yet written,
plan actions not done that are due within a week or overdue (whoever owns them: the worker keeps
the plan), visits due within a week or overdue (the visit-frequency policy), a child protection
conference or core group meeting within the week, this worker's drafts
not finalised, and records sync set aside. A supervisor's list has the team's visits waiting for
oversight instead of visits and plan actions, which are the allocated workers' to do.

Every task says what to open (a screen and a record id), so the screen and the command line can
both point at the right place. Sorted overdue first, then by group, then soonest due.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

from wvisit import collector
from wvisit.app.queries.sync_status import sync_overview
from wvisit.domain import Child, LegalStatus, Oversight, Visit, VisitStatus
from wvisit.domain.oversight import Outcome
from wvisit.domain.policy import Due, Policy

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it

WEEK = timedelta(days=7)  # "this week": due today or within the next seven days


class TaskKind(StrEnum):
    ADDENDUM = "addendum"  # management oversight asked for an addendum
    ACTION = "action"  # a plan action (from a visit, oversight or the child's page)
    VISIT = "visit"  # a visit due by the visit-frequency policy
    DRAFT = "draft"  # a visit record not yet finalised
    SYNC = "sync"  # a record sync set aside
    REVIEW = "review"  # a supervisor: a visit waiting for management oversight
    MEETING = "meeting"  # a child protection conference or core group meeting this week


class Group(StrEnum):
    """Where a task is listed, in the order the home screen lists them."""

    OVERDUE = "Overdue"
    OVERSIGHT = "Asked in management oversight"
    THIS_WEEK = "This week"
    REVIEW = "Visits to review"
    DRAFTS = "Drafts to finish"
    SYNC = "Sync needs you"


GROUP_ORDER = list(Group)


class Opens(NamedTuple):
    """The screen a task opens ("visit", "child", "review"; "" for nothing to open) and its record id."""

    screen: str
    record_id: str = ""


class Task(NamedTuple):
    """One task. A named tuple, as the review queue's rows: a supervisor's list can hold a task for
    each of a team's 30,000 visits, and a frozen dataclass took a third of the list's time to make."""

    kind: TaskKind
    group: Group
    child_id: str | None
    child_name: str  # "" when the record is not about a child this laptop can read
    what: str
    due: date | None
    opens: Opens
    who: str = ""  # a plan action's owner

    def as_json(self) -> dict[str, Any]:
        data = self._asdict()
        data["due"] = self.due.isoformat() if self.due else None
        data["opens"] = self.opens._asdict()
        return data


@collector.held_off()  # an object per visit: 30,000 on a team manager's laptop
def tasks(store: Store, policy: Policy, today: date) -> list[Task]:
    """Everything on this laptop that needs the signed-in person, most urgent first."""
    children = {child.id: child for child in store.children.all()}
    me = store.actor
    found: list[Task] = []
    # Only the visits a task can come from are opened, not every visit (30,000 on a team manager's laptop);
    # a supervisor's visits to review come from the visits' sealed facts, opening none.
    if store.sync_state.get("role") == "supervisor":
        found += _to_review(store, children)
    else:
        notes = store.oversight.all()  # oldest first
        latest = _latest_per_visit(notes)
        asked = [visit_id for visit_id, note in latest.items() if note.outcome is Outcome.ADDENDUM_REQUESTED]
        found += _addenda_asked(store, children, store.visits.some(asked), notes, me)
        found += _plan_actions(children, notes, today)
        found += _visits_due(store, children, policy, today)
        found += _meetings(children, today)
    found += _drafts(children, store.visits.drafts(), me)
    found += _set_aside(store, children)
    return sorted(found, key=_urgency)


def _day(on: date) -> str:
    return f"{on.day} {on:%b %Y}"


def _urgency(task: Task) -> tuple[int, date, bool, str]:
    return (GROUP_ORDER.index(task.group), task.due or date.max, not task.child_name, task.child_name.casefold())


def _when(due: date, today: date) -> Group:
    return Group.OVERDUE if due < today else Group.THIS_WEEK


def _latest_per_visit(notes: list[Oversight]) -> dict[str, Oversight]:
    return {note.visit_id: note for note in notes}  # oldest first: the last one wins


def _addenda_asked(
    store: Store, children: dict[str, Child], visits: list[Visit], notes: list[Oversight], me: str
) -> list[Task]:
    """Oversight whose latest word on one of my visits asks for an addendum I have not yet written."""
    mine = {visit.id: visit for visit in visits if visit.author == me}
    people = store.people.read()
    found = []
    for visit_id, note in _latest_per_visit(notes).items():
        visit = mine.get(visit_id)
        if visit is None or note.outcome is not Outcome.ADDENDUM_REQUESTED:
            continue
        if any(addendum.written_at > note.written_at for addendum in store.visits.addenda(visit_id)):
            continue  # answered: the supervisor reviews it again
        child = children.get(visit.child_id)
        on = f" of {_day(visit.started_at.date())}" if visit.started_at else ""
        found.append(
            Task(
                TaskKind.ADDENDUM,
                Group.OVERSIGHT,
                visit.child_id,
                child.name if child else "",
                f"Add the addendum {people.name(note.author)} asked for on the visit{on}",
                None,
                Opens("visit", visit_id),
            )
        )
    return found


def _plan_actions(children: dict[str, Child], notes: list[Oversight], today: date) -> list[Task]:
    """Plan actions not done, due within a week or overdue. An oversight action is in the plan once
    the oversight is saved (app/visits.py add_oversight); one from an older note that never reached
    the plan is listed from the note itself, unless the plan holds the same action."""
    found = []
    for child in children.values():
        in_plan = {(item.action, item.owner, item.due) for item in child.plan}
        items = list(child.plan)
        for note in notes:
            if note.child_id == child.id:
                items += [a for a in note.actions if (a.action, a.owner, a.due) not in in_plan]
                in_plan |= {(a.action, a.owner, a.due) for a in note.actions}
        for item in items:
            struck = getattr(item, "struck", None) is not None  # struck through: no longer an action
            if item.done or struck or item.due is None or item.due > today + WEEK:
                continue
            found.append(
                Task(
                    TaskKind.ACTION,
                    _when(item.due, today),
                    child.id,
                    child.name,
                    item.action,
                    item.due,
                    Opens("child", child.id),
                    who=item.owner,
                )
            )
    return found


def _visits_due(store: Store, children: dict[str, Child], policy: Policy, today: date) -> list[Task]:
    last = store.children.last_visits()
    found = []
    for child in children.values():
        due = Due.of(policy, child, last.get(child.id), today)
        if due.on > today + WEEK:
            continue
        what = (
            f"Visit: overdue by {due.overdue_days} day{'s' if due.overdue_days != 1 else ''}"
            if due.overdue_days
            else "Visit due"
        )
        found.append(
            Task(TaskKind.VISIT, _when(due.on, today), child.id, child.name, what, due.on, Opens("child", child.id))
        )
    return found


def _meetings(children: dict[str, Child], today: date) -> list[Task]:
    """A child protection plan's review conference or core group meeting today or within the week, so
    the worker prepares (a report for conference is due before it). One in the past has happened: it is
    the worker's to set the next date on the child's page, not a task."""
    found = []
    for child in children.values():
        if child.legal_status is not LegalStatus.CP:
            continue
        for on, what in (
            (child.next_conference, "Review child protection conference"),
            (child.next_core_group, "Core group meeting"),
        ):
            if on is not None and today <= on <= today + WEEK:
                found.append(
                    Task(TaskKind.MEETING, Group.THIS_WEEK, child.id, child.name, what, on, Opens("child", child.id))
                )
    return found


def _drafts(children: dict[str, Child], visits: list[Visit], me: str) -> list[Task]:
    found = []
    for visit in visits:
        if visit.status is not VisitStatus.DRAFT or visit.author != me:
            continue
        child = children.get(visit.child_id)
        on = f" of {_day(visit.started_at.date())}" if visit.started_at else ""
        found.append(
            Task(
                TaskKind.DRAFT,
                Group.DRAFTS,
                visit.child_id,
                child.name if child else "",
                f"Finish and finalise the visit{on}",
                None,
                Opens("visit", visit.id),
            )
        )
    return found


def _to_review(store: Store, children: dict[str, Child]) -> list[Task]:
    """Finalised visits with no oversight yet, and those whose requested addendum has been written."""
    people = store.people.read()
    names: dict[str, str] = {}  # a team has a few workers and thousands of visits: each name and day
    days: dict[str, str] = {}  # "2026-11-30" -> " of 30 Nov 2026", worked out once a day (~10 us)
    found = []
    for fact in store.visit_facts.all():
        child = children.get(fact.child_id)
        if child is None or fact.status is not VisitStatus.FINAL or fact.outcome is Outcome.SIGNED_OFF:
            continue
        day = fact.started_at[:10] if fact.started_at else ""
        on = days.get(day)
        if on is None:
            visited = fact.visited
            on = days[day] = f" of {_day(visited)}" if visited else ""
        by = names.get(fact.author) or names.setdefault(fact.author, people.name(fact.author))
        asked_at = fact.outcome_written  # when the latest oversight was written: None before any
        if asked_at is None:
            what = f"Review the visit{on} by {by}"
        elif any(addendum.written_at > asked_at for addendum in store.visits.addenda(fact.visit_id)):
            what = f"Review the addendum to the visit{on} by {by}"
        else:
            continue  # waiting for the worker's addendum
        found.append(
            Task(TaskKind.REVIEW, Group.REVIEW, child.id, child.name, what, None, Opens("visit", fact.visit_id))
        )
    return found


KIND_NAMES = {
    "child": "The child's details",
    "visit": "A visit record",
    "voice": "The child's words in a visit",
    "addendum": "An addendum",
    "oversight": "Management oversight",
    "sitting": "Direct work in a visit",
    "attachment": "An attachment",
}


def _set_aside(store: Store, children: dict[str, Child]) -> list[Task]:
    """This laptop's records the central record refused (open them to see), and records from the
    central record this laptop cannot read (nothing to open: IT updates wvisit)."""
    overview = sync_overview(store)
    found = []
    for entry in overview.set_aside:
        opened = store.read_for_push(entry.kind, [entry.record_id]).get(entry.record_id)
        child_id, opens = None, Opens("")
        if isinstance(opened, tuple):
            body = opened[1]
            child_id = store.child_of(entry.kind, entry.record_id, body)
            if entry.kind == "visit":
                opens = Opens("visit", entry.record_id)
            elif isinstance(body.get("visit_id"), str):
                opens = Opens("visit", body["visit_id"])
            elif child_id is not None:
                opens = Opens("child", child_id)
        child = children.get(child_id or "")
        what = f"{KIND_NAMES.get(entry.kind, 'A record')} did not sync: {entry.reason or 'refused'}"
        found.append(Task(TaskKind.SYNC, Group.SYNC, child_id, child.name if child else "", what, None, opens))
    for entry in overview.pulled_set_aside:
        what = f"{KIND_NAMES.get(entry.kind, 'A record')} from the central record could not be read: {entry.reason}"
        found.append(Task(TaskKind.SYNC, Group.SYNC, None, "", what, None, Opens("")))
    return found
