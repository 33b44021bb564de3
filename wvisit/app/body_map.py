"""Saving a body map. On a child protection case marks seen on the child are for the manager the same
day: the screen says so, and a plan action "tell your manager today" due today puts it in My tasks
(with the plan's other actions, so it stays there until the worker ticks it done)."""

from __future__ import annotations

from datetime import date

from wvisit import tools
from wvisit.app import visits
from wvisit.app.children import add_plan_item
from wvisit.domain import LegalStatus, PlanItem, Sitting
from wvisit.store import Store

TELL_MANAGER = "Tell your manager today about the marks on the body map"


def manager_action(day: date) -> str:
    """The task's words, naming the day: one task a day, however often a body map is saved or changed."""
    return f"{TELL_MANAGER} ({day.day} {day.strftime('%b %Y')})"


def save_body_map(store: Store, sitting: Sitting, owner: str, today: date) -> bool:
    """Save the body map; on a child protection case with a mark on it, add the task to tell the manager
    (once a day) and return True, for the screen to say so. The task is added after the body
    map is saved, in its own transaction (the store's do not nest): a body map is never lost to it."""
    if sitting.tool != "body_map":
        raise ValueError("save_body_map saves body maps only")
    visits.save_sitting(store, sitting)
    child = store.children.get(sitting.child_id)
    if child.legal_status != LegalStatus.CP or not tools.used(sitting):
        return False
    action = manager_action(today)
    if not any(item.action == action and not item.done and item.struck is None for item in child.plan):
        store.children.amend(child.id, add_plan_item(PlanItem(action, owner, today)), today)
    return True
