"""The outbox: what still has to reach the central record.

One entry per record, written in the same transaction as the change it carries. A newer
change to the same record replaces the entry with a new op id, so only the latest
version travels. The sync client drops an entry only when the server acknowledges that
exact op id: an acknowledgement of an older op never drops a newer change.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass

from wvisit.store.database import Params
from wvisit.store.kinds import ORDER


@dataclass(frozen=True)
class OutboxEntry:
    op_id: str
    kind: str
    record_id: str
    record_version: int
    attempts: int
    last_error: str | None
    held: bool


def op_id() -> str:
    """A new op id: a random (version 4) UUID as `str(uuid.uuid4())` writes it, without building the
    UUID object (its checks, written in Python, cost more than the rest of queueing an entry)."""
    raw = bytearray(os.urandom(16))
    raw[6] = raw[6] & 0x0F | 0x40  # version 4
    raw[8] = raw[8] & 0x3F | 0x80  # the RFC 4122 variant
    hexed = raw.hex()
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


class Outbox:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def queue(self, kind: str, record_id: str, record_version: int, queued_at: str) -> None:
        """Call inside the change's own transaction; `queued_at` is its time (store/clock.py's text)."""
        self._conn.execute(
            "INSERT INTO outbox (op_id, kind, record_id, record_version, queued_at, attempts, held) "
            "VALUES (?, ?, ?, ?, ?, 0, 0) "
            "ON CONFLICT(record_id) DO UPDATE SET op_id = excluded.op_id, "
            "record_version = excluded.record_version, queued_at = excluded.queued_at, "
            "attempts = 0, last_error = NULL, held = 0",
            (op_id(), kind, record_id, record_version, queued_at),
        )

    def pending(self, limit: int = 500, skip: tuple[str, ...] = ()) -> list[OutboxEntry]:
        """Entries to send next: children first, then visits, then the rest, oldest first within each
        (so the central record meets a child before its visits). Set-aside ones wait for `retry`."""
        rank = " ".join(f"WHEN '{kind}' THEN {n}" for n, kind in enumerate(ORDER))
        marks = ", ".join("?" for _ in skip)
        exclude = f"AND op_id NOT IN ({marks})" if skip else ""
        return self._select(
            f"WHERE held = 0 {exclude} ORDER BY CASE kind {rank} ELSE 99 END, queued_at LIMIT ?", (*skip, limit)
        )

    def held(self) -> list[OutboxEntry]:
        return self._select("WHERE held = 1 ORDER BY queued_at", ())

    def count(self) -> int:
        (n,) = self._conn.execute("SELECT count(*) FROM outbox").fetchone()
        return int(n)

    def acknowledge(self, entries: list[OutboxEntry]) -> int:
        """Drop the entries the server acknowledged, unless their record changed since."""
        cursor = self._conn.executemany(
            "DELETE FROM outbox WHERE record_id = ? AND op_id = ?", [(e.record_id, e.op_id) for e in entries]
        )
        return cursor.rowcount

    def set_aside(self, entry: OutboxEntry, reason: str) -> None:
        """The server refused this one; keep it, visibly, without blocking the rest. Unless the record
        changed since (as `acknowledge`): a newer change, made while the refused one was on its way, is
        sent at the next push and judged afresh, not held back with the older one's reason."""
        self._conn.execute(
            "UPDATE outbox SET held = 1, attempts = attempts + 1, last_error = ? WHERE record_id = ? AND op_id = ?",
            (reason, entry.record_id, entry.op_id),
        )

    def retry(self, entry: OutboxEntry) -> None:
        self._conn.execute("UPDATE outbox SET held = 0, last_error = NULL WHERE record_id = ?", (entry.record_id,))

    def _select(self, tail: str, params: Params) -> list[OutboxEntry]:
        rows = self._conn.execute(
            "SELECT op_id, kind, record_id, record_version, attempts, last_error, held FROM outbox " + tail, params
        )
        return [
            OutboxEntry(op_id, kind, record_id, version, attempts, last_error, held=bool(held))
            for op_id, kind, record_id, version, attempts, last_error, held in rows
        ]
