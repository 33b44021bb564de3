"""Changes to a child's record, with the dates the practice framework reads from them.

The Wandsworth 5 asks whether the case summary and the plan are up to date, and the
visit-frequency policy counts from when the current legal status began: so an edit that changes
the summary is dated, a new legal status starts its own clock, and a review of the plan dates it.
A line of the plan or chronology is never deleted: a mistake is struck through, saying why.
The screens and the command line both build their changes here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from wvisit.domain import Child, ChronologyEvent, PlanItem, Strike
from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    from wvisit.store import Store


def edited(original: Child | None, fields: dict[str, Any], today: date) -> Child:
    """The child (new, or `original` changed) with `fields` as the worker typed them, dated; validated."""
    stamped = dict(fields)
    if original is None or stamped.get("summary", original.summary) != original.summary:
        stamped["summary_updated"] = today
    status_changed = (
        original is not None and stamped.get("legal_status", original.legal_status) != original.legal_status
    )
    if status_changed and stamped.get("status_since") is None:
        stamped["status_since"] = today  # a new status starts its own visiting clock
    child = replace(original, **stamped) if original is not None else Child(**stamped)
    child.validate(today)
    return child


def add_event(event: ChronologyEvent) -> Callable[[Child], None]:
    """A change that adds a significant event to the chronology (applied to the newest version)."""
    return lambda child: child.events.append(event)


def add_plan_item(item: PlanItem) -> Callable[[Child], None]:
    """A change that adds a SMART action to the plan. One new action is not a review of the whole plan:
    that is `plan_reviewed`, which the Wandsworth 5 reads."""
    return lambda child: child.plan.append(item)


def join_plan(store: Store, child_id: str, actions: list[PlanItem], today: date) -> None:
    """Actions set by a supervisor (management oversight, case supervision) join the child's plan, checked
    as on `today`, so they reach the worker's tasks and the plan like any other action. In its own
    transaction, after the record that set them (the store's transactions do not nest): that record still
    holds them if this fails."""
    if not actions:
        return
    changes = [add_plan_item(replace(action)) for action in actions]

    def into_plan(child: Child) -> None:
        for change in changes:
            change(child)

    store.children.amend(child_id, into_plan, today)


def plan_reviewed(today: date) -> Callable[[Child], None]:
    """A change that dates the plan as reviewed today (the worker read it through and it stands)."""

    def change(child: Child) -> None:
        child.plan_updated = today

    return change


def plan_item_done(item: PlanItem) -> Callable[[Child], None]:
    """A change that marks the plan's action `item` (the same what, who and by when) done. An action
    the plan does not hold (oversight that never reached it) joins it, done."""

    def change(child: Child) -> None:
        key = (item.action, item.owner, item.due)
        for held in child.plan:
            if (held.action, held.owner, held.due) == key and not held.done and getattr(held, "struck", None) is None:
                held.done = True
                break
        else:
            if not any((held.action, held.owner, held.due) == key for held in child.plan):
                child.plan.append(PlanItem(item.action, item.owner, item.due, done=True))

    return change


def strike(
    store: Store,
    child_id: str,
    line: PlanItem | ChronologyEvent,
    why: str,
    replacement: PlanItem | ChronologyEvent | None = None,
) -> Child:
    """Strike `line` of the child's plan or chronology through, saying why; with `replacement`, the
    corrected line is added beside it. Nothing is deleted: the struck line stays, with who struck
    it and when. Applied to the newest version of the child (a line another edit already struck, or
    that is no longer there, is refused), like any change to a child."""
    if not why.strip():
        raise InvalidValue("Say why this line is struck through (for example: wrong date).")
    mark = Strike(by=store.actor, at=datetime.now(UTC), why=why.strip())

    def change(child: Child) -> None:
        lines: list[Any] = child.plan if isinstance(line, PlanItem) else child.events
        held = next((held for held in lines if held == line), None)
        if held is None:
            raise InvalidValue("That line has changed or been struck through meanwhile: look again and try.")
        held.struck = mark
        if replacement is not None:
            lines.insert(lines.index(held) + 1, replacement)

    return store.children.amend(child_id, change)
