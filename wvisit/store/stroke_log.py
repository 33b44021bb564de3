"""A drawing's strokes saved one by one: the cost of a save after a stroke does not grow with the drawing.

Child mode saves a sitting moments after every stroke. Sealing the whole sitting each time cost more
with every line drawn (200 strokes: 17-24 times a plain write of the same JSON). Instead, once the
sitting's body is written, each later save whose only change to the strokes is at the end (a stroke
added, one taken back by undo, a rubber stroke) is one small sealed row here: the strokes kept from
the body (`at`), the strokes after them, and the rest of the sitting (its summary, the child's words).

Each row is sealed like a record, bound to its sitting and its number, and names the body's version
it follows (`base`): a row left behind by a body written since (a fold on another connection) is not
applied. Reads apply the rows in order, so every reader (the painters, the PDF, the exports) sees
every stroke; the rows are folded into the body, and the body queued for sync, when the visit is
finalised and before a push, so the synced record keeps its shape.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from wvisit.store.kinds import Body
from wvisit.store.sealed import decode, encode
from wvisit.vault import Keys

TABLE = "sitting_strokes"
Delta = dict[str, Any]


def strokes_of(record: Body) -> list[Any] | None:
    """The sitting's strokes, when its tool keeps them as a list at the top of its result (the drawing)."""
    result = record.get("result")
    strokes = result.get("strokes") if isinstance(result, dict) else None
    return strokes if isinstance(strokes, list) else None


def without_strokes(record: Body) -> Body:
    return {**record, "result": {k: v for k, v in record["result"].items() if k != "strokes"}}


def kept(old: list[Any], new: list[Any]) -> int:
    """How many strokes at the start are the same: all the old ones after a stroke, one fewer after undo."""
    if len(new) >= len(old) and new[: len(old)] == old:
        return len(old)
    at = 0
    for before, after in zip(old, new, strict=False):
        if before != after:
            break
        at += 1
    return at


def apply(record: Body, delta: Delta) -> Body:
    strokes = strokes_of(record) or []
    rest = delta["rest"]
    return {**rest, "result": {**rest["result"], "strokes": strokes[: delta["at"]] + delta["strokes"]}}


class StrokeLog:
    def __init__(self, conn: sqlite3.Connection, keys: Keys):
        self._conn, self._keys = conn, keys

    def append(self, sitting_id: str, delta: Delta) -> None:
        """Call inside a transaction: durable once it commits."""
        (last,) = self._conn.execute(
            f"SELECT COALESCE(MAX(seq), 0) FROM {TABLE} WHERE sitting_id = ?", (sitting_id,)
        ).fetchone()
        seq = last + 1
        sealed = self._keys.seal(TABLE, sitting_id, seq, encode(delta))
        self._conn.execute(f"INSERT INTO {TABLE} (sitting_id, seq, sealed) VALUES (?, ?, ?)", (sitting_id, seq, sealed))

    def deltas(self, sitting_ids: list[str]) -> dict[str, list[Delta]]:
        """The rows of these sittings, opened, in the order they were saved (TamperedRecord if one was altered)."""
        found: dict[str, list[Delta]] = {}
        for start in range(0, len(sitting_ids), 500):
            some = sitting_ids[start : start + 500]
            marks = ", ".join("?" for _ in some)
            rows = self._conn.execute(
                f"SELECT sitting_id, seq, sealed FROM {TABLE} WHERE sitting_id IN ({marks}) ORDER BY sitting_id, seq",
                some,
            )
            for sitting_id, seq, sealed in rows:
                found.setdefault(sitting_id, []).append(decode(self._keys.open(TABLE, sitting_id, seq, sealed)))
        return found

    def folded(self, record: Body, version: int, deltas: list[Delta]) -> Body:
        """The sitting as last saved: its body with the rows that follow this version applied in order."""
        for delta in deltas:
            if delta["base"] == version:
                record = apply(record, delta)
        return record

    def waiting(self) -> list[str]:
        """The sittings with rows not yet folded into their body."""
        return [row[0] for row in self._conn.execute(f"SELECT DISTINCT sitting_id FROM {TABLE}")]

    def clear(self, sitting_id: str) -> None:
        """Call inside the transaction that writes the folded body."""
        self._conn.execute(f"DELETE FROM {TABLE} WHERE sitting_id = ?", (sitting_id,))
