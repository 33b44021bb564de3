"""Append-only, hash-chained audit log of who opened, changed, finalised, exported or synced what.

Each link: seq, time, actor (the worker's account name), action, kind, record id and
version - never a personal value. Its hash is HMAC-SHA256, under a key derived from the
data key, of the link's fields and the previous link's hash. So editing, deleting or
reordering a link breaks the chain at that point, and without the data key nobody can
forge a replacement chain. The chain also tells which version of each record is the
latest, which is how a row rolled back to an older sealed value is caught.

A whole folder restored from an old copy holds a chain that is whole but short. So after
each committed transaction that appended links, the newest link (seq, hash, time) is
checkpointed outside the folder (wvisit.vault.checkpoint), and on open the chain must
still hold that link: else StoreRolledBack.
"""

from __future__ import annotations

import hmac
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wvisit.errors import StoreRolledBack
from wvisit.store.clock import now_iso
from wvisit.vault import Keys, checkpoint
from wvisit.vault.checkpoint import Checkpoint

GENESIS = b"\0" * 32
CHECKPOINT_EVERY = 2.0  # seconds: the most saves can run ahead of the credential store's checkpoint

ACTOR_TABLE = "sync_meta"  # where the account links are signed as is kept (wvisit/store/sync_state.py)

log = logging.getLogger(__name__)


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
        return _message(prev, fields)


def _message(prev: bytes, fields: tuple[Any, ...]) -> bytes:
    """What a link's hash signs: the previous link's hash and the link's fields (AuditEntry's, in order),
    each as its text (none for no version: the other columns are NOT NULL), joined by unit separators.
    One f-string: joining the fields one by one was most of the cost of signing a link."""
    seq, at, actor, action, kind, record_id, version = fields
    text = f"{seq}\x1f{at}\x1f{actor}\x1f{action}\x1f{kind}\x1f{record_id}\x1f{'' if version is None else version}"
    return prev + text.encode()


_INSERT_LINK = (
    "INSERT INTO audit (seq, at, actor, action, kind, record_id, record_version, prev, hash) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


class AuditLog:
    def __init__(self, conn: sqlite3.Connection, keys: Keys, actor: Callable[[], str]):
        self._conn = conn
        self._keys = keys
        self._actor = actor  # the account changes when the laptop signs in or out
        self._actor_name: str | None = None  # its answer, kept while ACTOR_TABLE is unchanged (see forget_last)
        self._open = False  # a transaction began and has not committed (yet, or ever: a rollback)
        self._last: tuple[int, bytes] | None = None
        self._committed: tuple[int, bytes] | None = None  # the head this connection's last commit left
        self._data_version: int | None = None  # PRAGMA data_version when that head was last known true
        self._epoch = 0  # moves each time a transaction begins to find that another connection committed
        self._links_here: dict[str, int] = {}  # per record id: its newest link appended on this connection
        self._appended: tuple[int, bytes, str] | None = None  # the newest link the open transaction appended
        self._pending: tuple[int, bytes, str] | None = None  # committed, not yet written to the credential store
        self._checkpointed_at = -CHECKPOINT_EVERY  # monotonic time of the last write there
        self._vault_id: str | None = None  # set by keep_checkpoint: where the head is checkpointed
        conn.create_function("wvisit_forget_actor", 0, self._forget_actor)
        for event in ("INSERT", "UPDATE", "DELETE"):  # this connection's own writes there, even in a rollback
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS forget_actor_on_{event.lower()} AFTER {event} ON {ACTOR_TABLE} "
                "BEGIN SELECT wvisit_forget_actor(); END"
            )

    def forget_last(self) -> None:
        """Called as each transaction begins (inside it): links appended by a transaction that rolled
        back are not to be checkpointed nor chained to, and another connection or process may have
        appended since. The head this connection's last commit left is kept while `PRAGMA data_version`
        is unchanged, which SQLite moves on every commit by any other connection to the file: an
        autosave then chains its link without reading the head (one query fewer a save). The actor is
        kept likewise, and forgotten too at any write to ACTOR_TABLE on this connection (a trigger):
        a sealed value, it was a read and a decryption a link."""
        (data_version,) = self._conn.execute("PRAGMA data_version").fetchone()
        if data_version != self._data_version:
            self._committed, self._actor_name, self._data_version = None, None, data_version
            self._epoch += 1
        if self._open:  # the last one rolled back: the actor it read may have been its own write
            self._actor_name = None
        self._open = True
        self._last = self._committed
        self._appended = None

    def mark(self, record_id: str) -> tuple[int, int] | None:
        """After a commit that wrote `record_id`: what `untouched_since` checks the file against later."""
        seq = self._links_here.get(record_id)
        return None if seq is None else (self._epoch, seq)

    def untouched_since(self, record_id: str, mark: tuple[int, int]) -> bool:
        """Inside a transaction begun here (`forget_last`): whether `record_id` is still as this
        connection's commit that gave `mark` left it. No other connection or process has committed
        since (`PRAGMA data_version`, read as each transaction begins here), and no link for the record
        has been appended on this connection since (wvisit writes no record without one; a link taken
        back by a rollback counts too, which only costs a read)."""
        return (
            self._open
            and self._conn.in_transaction
            and mark[0] == self._epoch
            and self._links_here.get(record_id) == mark[1]
        )

    def _current_actor(self) -> str:
        if self._actor_name is None:
            self._actor_name = self._actor()
        return self._actor_name

    def _forget_actor(self) -> None:
        self._actor_name = None

    def keep_checkpoint(self, vault_id: str | None) -> None:
        """On open: refuse a chain that no longer holds the link this laptop last checkpointed
        (StoreRolledBack), then checkpoint after every transaction. None (no vault: the self-test)
        keeps no checkpoint.

        The checkpoint is read before the chain: another process moves it only after its commit,
        so the chain read afterwards always reaches it. None stored (the first open since the update
        that brought this check, or a cleared credential store) starts one at the head, with a warning.
        """
        if vault_id is None:
            return
        saved = checkpoint.load(vault_id)
        if saved is not None and not self.holds(saved.seq, saved.hash):
            raise StoreRolledBack(datetime.fromisoformat(saved.at).astimezone().date().isoformat())
        head = self._head()
        if saved is None and head is not None:
            log.warning("no audit checkpoint in the credential store: starting one at entry %d", head.seq)
            checkpoint.advance(vault_id, head)
        self._vault_id = vault_id

    def committed(self) -> None:
        """Called once a transaction has committed. The credential store is written at most every
        CHECKPOINT_EVERY seconds while the worker types (a keyring write costs milliseconds, a save a
        fraction of one), and always when the store closes (`flush_checkpoint`). A checkpoint that lags
        the chain is always true: only a chain that ends *before* it is refused."""
        self._committed, self._open = self._last, False
        if self._appended is not None:
            self._pending, self._appended = self._appended, None
        if time.monotonic() - self._checkpointed_at >= CHECKPOINT_EVERY:
            self.flush_checkpoint()

    def flush_checkpoint(self) -> None:
        """Write the newest committed link to the credential store now (on close, and from `committed`)."""
        if self._pending is not None and self._vault_id is not None:
            seq, link, at = self._pending
            checkpoint.advance(self._vault_id, Checkpoint(seq, link.hex(), at))
            self._checkpointed_at = time.monotonic()
        self._pending = None

    def head(self) -> tuple[int, str]:
        """(seq, hash hex) of the newest link; (0, the genesis hash) for an empty chain. For the central checkpoint."""
        head = self._head()
        return (head.seq, head.hash) if head else (0, GENESIS.hex())

    def holds(self, seq: int, hash_hex: str) -> bool:
        """Whether link `seq` is in the chain with this hash: a checkpoint taken earlier still matches."""
        if seq == 0:
            return hash_hex == GENESIS.hex()
        row = self._conn.execute("SELECT hash FROM audit WHERE seq = ?", (seq,)).fetchone()
        return row is not None and isinstance(row[0], bytes) and hmac.compare_digest(row[0].hex(), hash_hex)

    def _head(self) -> Checkpoint | None:
        row = self._conn.execute("SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
        return Checkpoint(row[0], row[1].hex(), row[2]) if row else None

    def append(self, action: str, kind: str, record_id: str, record_version: int | None = None) -> None:
        """Call inside the transaction of the change it records, so the two land together."""
        self._conn.execute(_INSERT_LINK, self._next_link(action, kind, record_id, record_version))

    def append_many(self, action: str, links: list[tuple[str, str, int | None]]) -> None:
        """`append` for many records (kind, id, version each) in one statement: still one link per
        record, so the rollback check and `audit verify` see each as before (a pulled page)."""
        self._conn.executemany(_INSERT_LINK, [self._next_link(action, *link) for link in links])

    def _next_link(self, action: str, kind: str, record_id: str, record_version: int | None) -> tuple[Any, ...]:
        """The next link's row, chained to the last one; the chain's head moves on to it."""
        if self._last is None:
            row = self._conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
            self._last = (row[0], row[1]) if row else (0, GENESIS)
        seq, prev = self._last[0] + 1, self._last[1]
        at = now_iso(milliseconds=True)
        fields = (seq, at, self._current_actor(), action, kind, record_id, record_version)  # an AuditEntry's
        link = self._keys.mac(_message(prev, fields))
        self._last = (seq, link)
        self._appended = (seq, link, at)
        self._links_here[record_id] = seq
        return (*fields, prev, link)

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
        """The latest version of every record of `kind` the log records. One pass over the log in
        its own order: SQLite's plan for GROUP BY walked the record-id index and looked up each
        link at random, 7-12x slower at 90,000 links (a team manager's laptop)."""
        latest: dict[str, int] = {}
        for record_id, version in self._conn.execute(
            "SELECT record_id, record_version FROM audit NOT INDEXED WHERE kind = ?", (kind,)
        ):
            if version is not None and version > latest.get(record_id, 0):
                latest[record_id] = version
        return latest

    def latest_version(self, kind: str, record_id: str) -> int | None:
        version: int | None
        (version,) = self._conn.execute(
            "SELECT max(record_version) FROM audit WHERE kind = ? AND record_id = ?", (kind, record_id)
        ).fetchone()
        return version
