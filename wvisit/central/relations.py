"""What a pushed record may say about what the central record already holds.

A body can fit its kind and still lie about the world around it. These rules hold each pushed
body against the records it touches - itself as stored, its child, the visit it belongs to -
read under lock in the push's transaction (records.py), so two pushes cannot both pass on what
the other is about to change:

- Authorship comes from the token: a new record names the sending account as its author; a later
  version keeps the author it was created with (a supervisor's or a new worker's edit does not
  take the record over; who sent each version is kept in its revision).
- A child's words and direct work belong to one visit and never move to another. They are made by
  the worker who recorded the visit, while it was a draft: one arriving after the visit was
  finalised or discarded is accepted only if it was made before that and is new or unchanged.
- An addendum and management oversight are about a finalised visit of the same child.
- A direct-work sitting carried on from an earlier one (`continues`) names a sitting the central record
  holds, of the same child and with the same tool: it starts from a copy of that one, so another child's
  drawing or another tool's result is never carried into it.
- Every time in a body falls between the child's date of birth and the central record's clock
  (plus CLOCK_SKEW for a laptop's clock a little ahead); a date of birth is not in the future.
- A child's plan and chronology only grow: a line is never removed or rewritten (nor refiled under
  another category, nor its source or impact changed); it may be marked done, or struck through by
  the sending account, saying why - and a strike stays.

Each refusal is one plain sentence that names no value: it travels back to the laptop.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from wvisit.domain.dates import aware
from wvisit.domain.kinds import KINDS, OnVisit
from wvisit.sync.protocol import PushOp

CLOCK_SKEW = timedelta(minutes=10)  # how far ahead of the central record's clock a laptop's may be
OLDEST_CHILD_YEARS = 30  # a date of birth further back is a slip (services end at 25)

Row = Mapping[str, Any]
LINE_DEFAULTS = {"category": "other", "source": "", "impact": ""}


class StoredBodies:
    """The stored bodies a batch's rules read, each parsed once for the batch: a child's body was
    parsed again for every visit of the child a push carried (its date of birth), a visit's for
    each of the child's words sent with it. A body changed within the batch is a new text, so it is
    parsed anew. What it hands out is shared: read it, never change it."""

    def __init__(self) -> None:
        self._read: dict[str, tuple[str, dict[str, Any]]] = {}

    def of(self, row: Row) -> dict[str, Any]:
        text = row["body"]
        found = self._read.get(row["id"])
        if found is None or found[0] is not text:
            found = (text, json.loads(text))
            self._read[row["id"]] = found
        return found[1]


def refusal(
    current: Mapping[str, Row], bodies: StoredBodies, username: str, op: PushOp, record: Any, body: str, now: datetime
) -> str:
    """Why `op` does not fit what the central record holds, or "". Its body has passed the registry's
    check (kinds.check), which read it as `record`; `body` is its canonical form. `bodies` reads the
    stored bodies of `current`'s rows."""
    kind = KINDS[op.kind]
    existing = current.get(op.record_id)
    stored = bodies.of(existing) if existing is not None else None
    return (
        _authorship(op, stored, username)
        or (_off_visit(current, bodies, op, record, kind.on_visit, stored, body, username) if kind.on_visit else "")
        or (_continued(current, bodies, op) if op.kind == "tool" else "")
        or _times(current, bodies, op, record, now)
        or (_child_lines(stored, op.body, username, now) if op.kind == "child" and stored is not None else "")
    )


def _authorship(op: PushOp, stored: dict[str, Any] | None, username: str) -> str:
    author = op.body.get("author")
    if author is None:
        return ""
    expected = stored.get("author") if stored is not None else username
    if author != expected:
        return "the record names another author than the one it was created by"
    return ""


def _off_visit(
    current: Mapping[str, Row],
    bodies: StoredBodies,
    op: PushOp,
    record: Any,
    needs: OnVisit,
    stored: dict[str, Any] | None,
    body: str,
    username: str,
) -> str:
    """Why the record cannot go with the visit it names, or "" when it can."""
    if stored is not None and stored.get("visit_id") != op.body["visit_id"]:
        return "a record of a visit does not move to another visit"
    visit = current.get(op.body["visit_id"])
    if visit is None or visit["kind"] != "visit" or visit["child_id"] != op.child_id:
        return "the record is for a visit the central record does not hold for this child"
    visit_body = bodies.of(visit)
    status = visit_body.get("status")
    if needs is OnVisit.FINAL:
        return "" if status == "final" else "an addendum or oversight is for a finalised visit; this one is not"
    if visit_body.get("author") != username:
        return "the child's words and direct work are added by the worker who recorded the visit"
    if status not in ("final", "discarded"):
        return ""
    closed = aware(datetime.fromisoformat(visit_body.get("finalised_at") or visit_body["discarded_at"]))
    made_before = all(moment <= closed for moment in KINDS[op.kind].moments_in(record))
    if (stored is None and made_before) or (stored is not None and current[op.record_id]["body"] == body):
        return ""
    if status == "discarded":
        return "the visit was discarded as started in error"
    return "the visit is finalised: what was missed is added to it as an addendum"


def continued(ops: Sequence[PushOp]) -> set[str]:
    """The earlier sittings the ops' sittings carry on from: read with the records they name (records.py)."""
    named = (op.body.get("continues") for op in ops if op.kind == "tool")
    return {record_id for record_id in named if isinstance(record_id, str) and record_id}


def _continued(current: Mapping[str, Row], bodies: StoredBodies, op: PushOp) -> str:
    earlier_id = op.body.get("continues")
    if not earlier_id:
        return ""
    earlier = current.get(earlier_id)
    if earlier is None or earlier["kind"] != "tool" or earlier["child_id"] != op.child_id:
        return "the sitting carries on from one the central record does not hold for this child"
    if bodies.of(earlier).get("tool") != op.body["tool"]:
        return "a sitting carries on from one made with the same direct-work tool"
    return ""


def _times(current: Mapping[str, Row], bodies: StoredBodies, op: PushOp, record: Any, now: datetime) -> str:
    if op.kind == "child":
        born = record.date_of_birth
        if born > now.date() or born < date(now.year - OLDEST_CHILD_YEARS, 1, 1):
            return "the child's date of birth is in the future or too long ago: check it"
        return ""
    moments = KINDS[op.kind].moments_in(record)
    if any(moment > now + CLOCK_SKEW for moment in moments):
        return "the record's time is later than now: the laptop's clock may be wrong (check its date and time)"
    child = current.get(op.child_id)
    if child is not None and child["kind"] == "child":
        born = date.fromisoformat(bodies.of(child)["date_of_birth"])
        if any(moment.date() < born for moment in moments):
            return "the record's time is before the child's date of birth"
    return ""


def _child_lines(stored: dict[str, Any], new: dict[str, Any], username: str, now: datetime) -> str:
    """The plan and chronology only grow; see the module's docstring."""
    for name, key in (("plan", ("action", "owner", "due")), ("events", ("on", "what", "category", "source", "impact"))):
        waiting = [dict(line) for line in new.get(name, [])]
        for old in stored.get(name, []):
            match = next((line for line in waiting if all(_value(line, k) == _value(old, k) for k in key)), None)
            if match is None:
                return "a line of the plan or chronology cannot be removed or rewritten; strike it through instead"
            waiting.remove(match)
            if old.get("done") and not match.get("done"):
                return "a plan action marked done stays done"
            if old.get("struck") is not None and match.get("struck") != old.get("struck"):
                return "a line struck through stays as it was struck"
            if old.get("struck") is None and _forged_strike(match.get("struck"), username, now):
                return "a line is struck through by the account that sends it, at a time that has been"
        if any(_forged_strike(line.get("struck"), username, now) for line in waiting):  # added, then struck
            return "a line is struck through by the account that sends it, at a time that has been"
    return ""


def _value(line: dict[str, Any], key: str) -> Any:
    """A line's value, as a body from before the value existed means it (a chronology line from before
    categories is "other", with no source or impact), so reading an old line anew rewrites nothing."""
    return line.get(key, LINE_DEFAULTS.get(key))


def _forged_strike(strike: dict[str, Any] | None, username: str, now: datetime) -> bool:
    """A new strike names the account sending it and a time not ahead of the clock (a laptop offline
    for days strikes a line days before it arrives)."""
    if strike is None:
        return False
    return strike["by"] != username or aware(datetime.fromisoformat(strike["at"])) > now + CLOCK_SKEW
