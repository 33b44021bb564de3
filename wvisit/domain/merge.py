"""Merging a stale edit of a child's record with the version saved meanwhile.

A worker edits the case summary on a page opened an hour ago; meanwhile a sync brought a newer
summary from a colleague. Neither may be dropped silently. The merge is three-way, field by
field, against the version the edit started from (the base):
- a field only one side changed takes that side's value;
- lists (key people, plan, chronology) keep the newer version's items, less those this edit took out
  or changed (a line struck through is a changed line), plus what this edit put in: a changed line
  stays where it was;
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
            merged[name] = _merge_list(was, ours, newer)
        elif name in TEXT_FIELDS:
            merged[name] = newer
            conflicts.append(name)
        else:
            merged[name] = ours
    return Merge(replace(theirs, **merged), tuple(conflicts))


def _merge_list(was: list[Any], ours: list[Any], newer: list[Any]) -> list[Any]:
    """Both sides changed a list. The newer version's items in its order, except those this edit took
    out of the base or changed: a changed one is replaced, where it stands, by what this edit has in
    its place (the line struck through); this edit's other new items follow. (Before, a line this edit
    struck through came back, unstruck, beside its struck copy whenever a colleague had added a line.)"""
    added = [item for item in ours if item not in was and item not in newer]
    in_place = {  # a base item this edit changed -> this edit's item at the same place
        at: ours[at] for at, item in enumerate(was) if item not in ours and at < len(ours) and ours[at] in added
    }
    merged: list[Any] = []
    for item in newer:
        if item not in was or item in ours:
            merged.append(item)
        elif was.index(item) in in_place:
            merged.append(in_place.pop(was.index(item)))
    return merged + [item for item in added if item not in merged]  # none of newer's items is in `added`
