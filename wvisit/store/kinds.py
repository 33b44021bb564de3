"""Each kind of record as the store keeps it: its table, the plain columns derived from its body, and
the child it belongs to.

One place for this, used when a repository saves a record, when sync pushes it and when
a pulled record is stored, so the three can never disagree. What a kind is (its class, its
version, its rules) is the domain's registry, wvisit/domain/kinds.py.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from wvisit.domain.kinds import KINDS

Body = dict[str, Any]
"""A record's body: the JSON object `wvisit.domain.to_record` makes and `from_record` reads. Its values
are whatever JSON holds (Any) until `from_record` checks them against the record's class."""
Columns = dict[str, Any]
"""A row's plain columns by name, as sqlite3 returns them: ids, status, timestamps, version."""

TABLES = {
    "child": "children",
    "visit": "visits",
    "voice": "voice_entries",
    "addendum": "addenda",
    "attachment": "attachments",
    "oversight": "oversight",
    "tool": "tool_sessions",  # the table keeps its first name: renaming it would need a migration
    "contact": "contacts",
    "supervision": "supervision",
}
ORDER = list(TABLES)  # push order: a child before its visits, a visit before its words and addenda


VISIT_PLAIN_FIELDS = ("child_id", "status", "started_at")
"""The fields a visit's plain columns are made of, below: a save reads just these from the visit
(store/visits.py); tests/unit/test_visit_json.py fails if one is missing."""


def plain_columns(kind: str, body: Body) -> Columns:
    """The columns stored in the clear beside the sealed body: ids, status, timestamps only."""
    if kind == "visit":
        return {"child_id": body["child_id"], "status": body["status"], "visited_at": body.get("started_at")}
    if kind == "voice":
        return {"visit_id": body["visit_id"], "child_id": body["child_id"]}
    if kind == "addendum":
        return {"visit_id": body["visit_id"]}
    if kind == "attachment":
        return {"owner_id": body["owner_id"], "kind": body["kind"], "size": body["size"]}
    if kind == "oversight":
        return {"visit_id": body["visit_id"], "child_id": body["child_id"]}
    if kind == "contact":
        return {"child_id": body["child_id"]}
    if kind == "supervision":
        return {"child_id": body["child_id"]}
    if kind == "tool":
        return {"visit_id": body["visit_id"], "child_id": body["child_id"], "tool": body["tool"]}
    return {}


def child_of(conn: sqlite3.Connection, kind: str, record_id: str, body: Body) -> str | None:
    """The child a record belongs to: what the central record allocates and checks by. Where the
    body does not say (an addendum, an attachment), the child of the visit or child it belongs to."""
    key = KINDS[kind].child_key
    if key is not None:
        named: str = body[key]
        return named
    owner = body["visit_id"] if kind == "addendum" else body["owner_id"]
    row = (
        conn.execute("SELECT child_id FROM visits WHERE id = ?", (owner,)).fetchone()
        or conn.execute("SELECT id FROM children WHERE id = ?", (owner,)).fetchone()
    )
    child_id: str | None = row[0] if row else None
    return child_id
