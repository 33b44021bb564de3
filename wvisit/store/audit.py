"""Append-only, hash-chained audit log of who opened, changed, finalised, exported or synced what.

Each link: seq, time, actor (the worker's account name), action, kind, record id and
version - never a personal value. Its hash is HMAC-SHA256, under a key derived from the
data key, of the link's fields and the previous link's hash. So editing, deleting or
reordering a link breaks the chain at that point, and without the data key nobody can
forge a replacement chain. The chain also tells which version of each record is the
latest, which is how a row rolled back to an older sealed value is caught.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime

from wvisit.vault import Keys

GENESIS = b"\0" * 32


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: str
    actor: str
    action: str
    kind: str
    record_id: str
    record_version: int | None

    def message(self, prev: bytes) -> bytes:
        fields = (self.seq, self.at, self.actor, self.action, self.kind, self.record_id, self.record_version)
        return prev + "\x1f".join("" if f is None else str(f) for f in fields).encode()


class AuditLog:
    def __init__(self, conn: sqlite3.Connection, keys: Keys, actor: str):
        self._conn = conn
        self._keys = keys
        self._actor = actor
        self._last: tuple[int, bytes] | None = None

    def forget_last(self) -> None:
        """Called as each transaction begins: another process may have appended since."""
        self._last = None

    def append(self, action: str, kind: str, record_id: str, record_version: int | None = None) -> None:
        """Call inside the transaction of the change it records, so the two land together."""
        if self._last is None:
            row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            self._last = (row[0], row[1]) if row else (0, GENESIS)
        seq, prev = self._last[0] + 1, self._last[1]
        at = datetime.now(UTC).isoformat(timespec="milliseconds")
        entry = AuditEntry(seq, at, self._actor, action, kind, record_id, record_version)
        link = self._keys.mac(entry.message(prev))
        self._conn.execute(
            "INSERT INTO audit (seq, at, actor, action, kind, record_id, record_version, prev, hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (seq, at, self._actor, action, kind, record_id, record_version, prev, link),
        )
        self._last = (seq, link)

    def entries(self) -> list[AuditEntry]:
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, kind, record_id, record_version FROM audit ORDER BY seq"
        )
        return [AuditEntry(*row) for row in rows]

    def first_broken_link(self) -> int | None:
        """The seq of the first link that does not verify, or None when the whole chain holds."""
        prev = GENESIS
        expected_seq = 1
        rows = self._conn.execute(
            "SELECT seq, at, actor, action, kind, record_id, record_version, prev, hash FROM audit ORDER BY seq"
        )
        for *fields, stored_prev, stored_hash in rows:
            entry = AuditEntry(*fields)
            if entry.seq != expected_seq or stored_prev != prev or self._keys.mac(entry.message(prev)) != stored_hash:
                return entry.seq if entry.seq == expected_seq else expected_seq
            prev, expected_seq = stored_hash, expected_seq + 1
        return None

    def latest_versions(self, kind: str) -> dict[str, int]:
        rows = self._conn.execute(
            "SELECT record_id, max(record_version) FROM audit WHERE kind = ? GROUP BY record_id", (kind,)
        )
        return dict(rows.fetchall())

    def latest_version(self, kind: str, record_id: str) -> int | None:
        (version,) = self._conn.execute(
            "SELECT max(record_version) FROM audit WHERE kind = ? AND record_id = ?", (kind, record_id)
        ).fetchone()
        return version
