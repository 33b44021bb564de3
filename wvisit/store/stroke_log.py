"""A drawing's strokes saved one by one: the cost of a save after a stroke does not grow with the drawing.

Child mode saves a sitting moments after every stroke. Sealing the whole sitting each time cost more
with every line drawn (200 strokes: 17-24 times a plain write of the same JSON). Instead, once the
sitting's body is written, each later save whose only change to the strokes is at the end (a stroke
added, one taken back by undo, a rubber stroke) is one small sealed row here: the strokes kept from
the body (`at`), the strokes after them, and the rest of the sitting (its summary, the child's words).

Each row is sealed like a record, bound to its sitting and its number, and names the body's version
it follows (`base`): a row left behind by a body written since (a fold on another connection) is not
applied. Each row also has its link in the audit chain (kind `sitting_strokes`, its number as the
version; numbers never restart), and a fold adds a "folded" link up to the last number it took in: a
row deleted with sqlite3 (the child's last strokes and words taken back) leaves a number the chain
holds and the table does not, and the sitting is refused as tampered rather than shown short.
Reads apply the rows in order, so every reader (the painters, the PDF, the exports) sees every
stroke; the rows are folded into the body, and the body queued for sync, when the visit is finalised
and before a push, so the synced record keeps its shape.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from wvisit.errors import TamperedRecord
from wvisit.store.audit import AuditLog
from wvisit.store.kinds import Body
from wvisit.store.sealed import decode, encode
from wvisit.vault import Keys

TABLE = "sitting_strokes"
FOLDED = "folded"  # the audit action of a fold: the rows up to its number went into the body
GONE = "saved strokes are missing (deleted outside wvisit)"
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
    def __init__(self, conn: sqlite3.Connection, keys: Keys, audit: AuditLog):
        self._conn, self._keys, self._audit = conn, keys, audit

    def append(self, sitting_id: str, delta: Delta) -> None:
        """Call inside a transaction: durable once it commits."""
        seq = (self._audit.latest_version(TABLE, sitting_id) or 0) + 1
        sealed = self._keys.seal(TABLE, sitting_id, seq, encode(delta))
        self._conn.execute(f"INSERT INTO {TABLE} (sitting_id, seq, sealed) VALUES (?, ?, ?)", (sitting_id, seq, sealed))
        self._audit.append("stroke", TABLE, sitting_id, seq)

    def deltas(self, sitting_ids: list[str]) -> dict[str, list[Delta]]:
        """The rows of these sittings, opened, in the order they were saved; TamperedRecord if one was
        altered, or if a row the audit chain says was saved and not yet folded is missing."""
        found: dict[str, list[Delta]] = {}
        for start in range(0, len(sitting_ids), 500):
            some = sitting_ids[start : start + 500]
            marks = ", ".join("?" for _ in some)
            rows = self._conn.execute(
                f"SELECT sitting_id, seq, sealed FROM {TABLE} WHERE sitting_id IN ({marks}) ORDER BY sitting_id, seq",
                some,
            )
            held: dict[str, list[int]] = {}
            for sitting_id, seq, sealed in rows:
                found.setdefault(sitting_id, []).append(decode(self._keys.open(TABLE, sitting_id, seq, sealed)))
                held.setdefault(sitting_id, []).append(seq)
            for sitting_id, (saved, folded) in self._audited(some).items():
                if held.get(sitting_id, []) != list(range(folded + 1, saved + 1)):
                    raise TamperedRecord(TABLE, sitting_id, GONE)
        return found

    def _audited(self, sitting_ids: list[str]) -> dict[str, tuple[int, int]]:
        """Per sitting with stroke links: the last row number saved, and the last one folded (0: none)."""
        marks = ", ".join("?" for _ in sitting_ids)
        rows = self._conn.execute(
            "SELECT record_id, max(record_version), max(CASE WHEN action = ? THEN record_version ELSE 0 END) "
            f"FROM audit WHERE kind = ? AND record_id IN ({marks}) GROUP BY record_id",
            (FOLDED, TABLE, *sitting_ids),
        )
        return {sitting_id: (saved, folded) for sitting_id, saved, folded in rows}

    def untrusted(self) -> list[tuple[str, str, TamperedRecord]]:
        """(table, sitting id, reason) for every sitting whose saved strokes were altered or deleted
        outside wvisit: part of what `audit verify` reports."""
        found: list[tuple[str, str, TamperedRecord]] = []
        ids = [row[0] for row in self._conn.execute("SELECT DISTINCT record_id FROM audit WHERE kind = ?", (TABLE,))]
        for sitting_id in ids:
            try:
                self.deltas([sitting_id])
            except TamperedRecord as error:
                found.append((TABLE, sitting_id, error))
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
        """Call inside the transaction that writes the folded body: the audit chain says the rows up
        to the last one saved went into it, so their absence from now on is no loss."""
        self._conn.execute(f"DELETE FROM {TABLE} WHERE sitting_id = ?", (sitting_id,))
        saved = self._audit.latest_version(TABLE, sitting_id)
        if saved:
            self._audit.append(FOLDED, TABLE, sitting_id, saved)
