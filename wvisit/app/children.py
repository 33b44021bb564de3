"""Changes to a child's record, with the dates the practice framework reads from them.

The Wandsworth 5 asks whether the case summary and the plan are up to date, and the
visit-frequency policy counts from when the current legal status began: so an edit that changes
the summary is dated, a new legal status starts its own clock, and a plan item dates the plan.
The screens and the command line both build their changes here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from wvisit.domain import Child, ChronologyEvent, PlanItem


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


def add_plan_item(item: PlanItem, today: date) -> Callable[[Child], None]:
    """A change that adds a SMART action to the plan and dates the plan."""

    def change(child: Child) -> None:
        child.plan.append(item)
        child.plan_updated = today

    return change
