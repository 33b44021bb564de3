"""Strokes saved one by one: the cost of a save after a stroke does not grow with the drawing.

Child mode saves a sitting moments after every stroke. Sealing the whole sitting each time cost more
with every line drawn (200 strokes: 17-24 times a plain write of the same JSON). Instead, once the
sitting's body is written, each later save whose only change to the strokes is at the end (a stroke
added, one taken back by undo, a rubber stroke) is one small sealed row here: the strokes kept from
the body (`at`), the strokes after them, and the rest of the sitting (its summary, the child's words).
Three Houses and the storyboard keep a list of strokes in each house or picture (`stroke_lists`):
their rows hold, for each list that changed, its place, the strokes kept and those after them
(`lists`); a list not named is as it was. The drawing's rows keep their first form.

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

import orjson

from wvisit.errors import TamperedRecord
from wvisit.store.audit import AuditLog
from wvisit.store.kinds import Body
from wvisit.store.sealed import decode, encode
from wvisit.vault import Keys

TABLE = "sitting_strokes"
FOLDED = "folded"  # the audit action of a fold: the rows up to its number went into the body
GONE = "saved strokes are missing (deleted outside wvisit)"
Delta = dict[str, Any]
Place = tuple[str | int, ...]  # where a list of strokes is in a result: ("strokes",), ("dreams", "strokes")
TOP: Place = ("strokes",)  # the drawing's: its row keeps the first form (`at`, `strokes`)


def stroke_lists(result: Any) -> dict[Place, list[Any]]:
    """The lists of strokes in a tool's result, by place: at its top (the drawing), in each part of it
    (a house of Three Houses), or in each item of a list (a picture of the storyboard); {} for none."""
    found: dict[Place, list[Any]] = {}
    if not isinstance(result, dict):
        return found
    for key, value in result.items():
        if key == "strokes":
            if isinstance(value, list):
                found[TOP] = value
        elif isinstance(value, dict):
            if isinstance(strokes := value.get("strokes"), list):
                found[key, "strokes"] = strokes
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict) and isinstance(strokes := item.get("strokes"), list):
                    found[key, i, "strokes"] = strokes
    return found


def strokes_of(record: Body) -> list[Any] | None:
    """The sitting's strokes, when its tool keeps them as a list at the top of its result (the drawing)."""
    return stroke_lists(record.get("result")).get(TOP)


def put(result: dict[str, Any], place: Place, strokes: list[Any] | None) -> dict[str, Any]:
    """A copy of `result` with the list at `place` set to `strokes`, or taken out (None); only what
    holds it is copied, the rest is shared."""
    return _put(result, place, strokes)  # type: ignore[no-any-return]


def _put(holder: Any, place: Place, strokes: list[Any] | None) -> Any:
    key, inner = place[0], place[1:]
    copy: Any = list(holder) if isinstance(holder, list) else dict(holder)
    if inner:
        copy[key] = _put(holder[key], inner, strokes)
    elif strokes is None:
        del copy[key]
    else:
        copy[key] = strokes
    return copy


def with_lists(record: Body, lists: dict[Place, list[Any]]) -> Body:
    """The record with each of these lists of strokes in its place."""
    result = record["result"]
    for place, strokes in lists.items():
        result = put(result, place, strokes)
    return {**record, "result": result}


def changes(delta: Delta) -> dict[Place, tuple[int, list[Any]]]:
    """A row's changes: per list of strokes, how many it kept and the strokes after them."""
    if "lists" not in delta:  # the drawing's row
        return {TOP: (delta["at"], delta["strokes"])}
    return {tuple(place): (at, strokes) for place, at, strokes in delta["lists"]}


def delta_of(base: int, rest: Body, changed: dict[Place, tuple[int, list[Any]]], places: set[Place]) -> Delta:
    """The row for a save: the drawing's in its first form, any other tool's with its changed lists."""
    if places == {TOP}:
        at, strokes = changed[TOP]
        return {"base": base, "at": at, "strokes": strokes, "rest": rest}
    lists = [[list(place), at, strokes] for place, (at, strokes) in changed.items()]
    return {"base": base, "rest": rest, "lists": lists}


def encoded(delta: Delta) -> bytes:
    """The row's JSON, written by orjson: the json module writes a stroke's numbers one by one, a fifth
    of a save's work. A row orjson refuses (a lone surrogate in the child's words) goes to the store's
    encoder, which keeps it; both are read back with json.loads."""
    try:
        return orjson.dumps(delta)
    except orjson.JSONEncodeError:
        return encode(delta)


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
    """The record after one row: its rest, and each list of strokes as kept with the row's strokes after."""
    lists = stroke_lists(record.get("result"))
    made = {place: lists.get(place, [])[:at] + strokes for place, (at, strokes) in changes(delta).items()}
    return with_lists(delta["rest"], {**lists, **made})


class StrokeLog:
    def __init__(self, conn: sqlite3.Connection, keys: Keys, audit: AuditLog):
        self._conn, self._keys, self._audit = conn, keys, audit

    def append(self, sitting_id: str, delta: Delta) -> None:
        """Call inside a transaction: durable once it commits."""
        seq = (self._audit.latest_version(TABLE, sitting_id) or 0) + 1
        sealed = self._keys.seal(TABLE, sitting_id, seq, encoded(delta))
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
