"""Merging a stale edit of a child's record with the version saved meanwhile.

A worker edits the case summary on a page opened an hour ago; meanwhile a sync brought a newer
summary from a colleague. Neither may be dropped silently. The merge is three-way, field by
field, against the version the edit started from (the base):
- a field only one side changed takes that side's value;
- lists (key people, plan, chronology) keep the newer version's items plus what this edit added;
- a text field both sides changed differently is a conflict: the worker sees both and decides;
- any other field both sides changed (a date, the legal status) takes this edit's value, which
  the worker has just chosen on purpose.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from wvisit.domain.child import Child

TEXT_FIELDS = ("name", "summary", "identity_notes", "language_notes", "address")


@dataclass(frozen=True)
class Merge:
    child: Child  # every field settled without the worker; conflicting text holds the newer version's
    conflicts: tuple[str, ...]  # text fields for the worker to merge by hand


def merge_child(base: Child, mine: Child, theirs: Child) -> Merge:
    merged: dict[str, Any] = {}
    conflicts = []
    for name in (f.name for f in fields(Child)):
        was, ours, newer = getattr(base, name), getattr(mine, name), getattr(theirs, name)
        if ours in (was, newer):
            merged[name] = newer
        elif newer == was:
            merged[name] = ours
        elif isinstance(ours, list):
            merged[name] = newer + [item for item in ours if item not in was and item not in newer]
        elif name in TEXT_FIELDS:
            merged[name] = newer
            conflicts.append(name)
        else:
            merged[name] = ours
    return Merge(replace(theirs, **merged), tuple(conflicts))
