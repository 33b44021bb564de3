"""A value worked out from the records, kept sealed on disk and current to one link of the audit log.

Why: a screen that needs a little of every visit (the search's words, the review queue's dates and
outcomes) would otherwise open and decrypt every visit on the laptop, 30,000 on a team manager's.
Such a value is kept as one sealed value in `user_meta` (AES-GCM like every record, bound to its
row and version: never in the clear), opened with one decrypt. It names the audit link it was
written at, by number and hash. Every write of a record appends a link to the audit log, on any
connection (a pull on sync's connection too), so the links after that one name every record the
value may be behind on: those are re-read, and the value is sealed again after enough of them.
A value that does not open (altered, or another key), is in a format this wvisit does not read,
or names a link the chain no longer holds (a restored or altered file), is not trusted: it is
built again from the records, with a log line that names no record and no personal value.

A subclass says what the value is: how it is built from every record, how one changed record is
re-read into it, and how it is written to and read from text (`wvisit/store/search.py`,
`wvisit/store/visit_facts.py`). Locking drops the in-memory copy with the key.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from typing import Generic, TypeVar

from wvisit.errors import WvisitError
from wvisit.store.audit import GENESIS
from wvisit.store.context import StoreContext

TABLE = "user_meta"
SECTION, ENTRY, FIELD = "\x1d", "\x1e", "\x1f"  # white space to str.split, so never inside a word

Value = TypeVar("Value")


class SealedDerived(Generic[Value]):
    KEY: str  # its row in user_meta
    FORMAT: str  # the first field of the sealed text: a value in another format is built again
    NAME: str  # what the log line calls it ("search index")
    KINDS: tuple[str, ...]  # the kinds of record it is worked out from: their audit links are followed
    REWRITE_AFTER = 100  # records re-read since the sealed value was opened: then it is sealed again

    def __init__(self, context: StoreContext):
        self._context = context
        self._value: Value | None = None
        self._seq = 0  # the audit link the in-memory value is current to
        self._damaged: set[str] = set()  # ids of the records that could not be read into it
        self._log = logging.getLogger(type(self).__module__)

    def clear(self) -> None:
        """Forget the in-memory copy (lock, close); the sealed one on disk stays."""
        self._value = None
        self._damaged = set()

    def warm(self) -> None:
        """Open the value now (after unlock, in the background), so the first screen needing it is quick."""
        self._current()

    @property
    def unreadable(self) -> int:
        """How many records could not be read into the value (damaged, or newer): left out, not a crash."""
        return len(self._damaged)

    def _current(self) -> Value:
        if self._value is None:
            self._value = self._load()
        self._catch_up(self._value)
        if self._pending(self._value) > self.REWRITE_AFTER:  # opening it again would re-read them all
            self._value = self._compacted(self._value)
            self._save(self._value)
        return self._value

    # --- what a subclass says ----------------------------------------------------------------------

    def _build(self) -> Value:
        """The value from every record; set `self._damaged` to the records that could not be read."""
        raise NotImplementedError

    def _refresh(self, value: Value, changed: dict[str, set[str]]) -> None:
        """Re-read these records (ids by kind, of KINDS) into the value, keeping `self._damaged` right."""
        raise NotImplementedError

    def _encode(self, value: Value) -> str:
        """The value as text (without the header), as `_decode` reads it."""
        raise NotImplementedError

    def _decode(self, text: str, start: int) -> Value:
        """The value from `text[start:]` (read in place: the text can be large); ValueError if it is not one."""
        raise NotImplementedError

    def _pending(self, value: Value) -> int:
        """How many records were re-read into it since it was opened or built."""
        raise NotImplementedError

    def _compacted(self, value: Value) -> Value:
        """The value as it is sealed to disk, with the records re-read merged in."""
        return value

    # --- opening, catching up and saving -----------------------------------------------------------

    def _load(self) -> Value:
        """The sealed value, or one built from every record when there is none to trust."""
        conn = self._context.conn
        row = conn.execute(f"SELECT version, sealed FROM {TABLE} WHERE key = ?", (self.KEY,)).fetchone()
        if row is not None:
            try:
                return self._opened(self._context.keys.open(TABLE, self.KEY, row[0], row[1]))
            except (WvisitError, ValueError) as error:
                self._log.warning("%s not trusted (%s); building it again from the records", self.NAME, error)
        self._seq = self._context.audit.head()[0]  # before reading: a later write is caught up on next time
        value = self._build()
        value = self._compacted(value)
        self._save(value)
        return value

    def _opened(self, data: bytes) -> Value:
        text = data.decode("utf-8", "surrogatepass")
        end = text.find(SECTION)
        try:
            name, seq, link, damaged = text[: max(end, 0)].split(FIELD)
        except ValueError:
            raise ValueError(f"not a {self.NAME} this wvisit writes") from None
        if name != self.FORMAT:
            raise ValueError(f"a {self.NAME} format this wvisit does not read")
        if not self._context.audit.holds(int(seq), link):
            raise ValueError("the audit log no longer holds the link it was written at")
        value = self._decode(text, end + 1)
        self._seq, self._damaged = int(seq), set(filter(None, damaged.split(" ")))
        return value

    def _catch_up(self, value: Value) -> None:
        """Re-read every record of KINDS written after the audit link the value is current to."""
        head = self._context.audit.head()[0]
        if head == self._seq:
            return
        marks = ", ".join("?" for _ in self.KINDS)
        changed: dict[str, set[str]] = defaultdict(set)
        for kind, record_id in self._context.conn.execute(
            f"SELECT DISTINCT kind, record_id FROM audit WHERE seq > ? AND seq <= ? AND kind IN ({marks})",
            (self._seq, head, *self.KINDS),
        ):
            changed[kind].add(record_id)
        if changed:
            self._refresh(value, changed)
        self._seq = head

    def _save(self, value: Value) -> None:
        """Seal the whole value as one, naming the audit link it is current to (by number and hash)."""
        conn = self._context.conn
        with self._context.transaction():
            row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (self._seq,)).fetchone()
            link = row[0].hex() if row else GENESIS.hex()
            header = FIELD.join([self.FORMAT, str(self._seq), link, " ".join(sorted(self._damaged))])
            data = (header + SECTION + self._encode(value)).encode("utf-8", "surrogatepass")
            old = conn.execute(f"SELECT version FROM {TABLE} WHERE key = ?", (self.KEY,)).fetchone()
            version = (old[0] if old else 0) + 1
            conn.execute(
                f"INSERT INTO {TABLE} (key, version, sealed) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET version = excluded.version, sealed = excluded.sealed",
                (self.KEY, version, self._context.keys.seal(TABLE, self.KEY, version, data)),
            )


def plain_values(conn: sqlite3.Connection, table: str, column: str, ids: Iterable[str]) -> list[tuple[str]]:
    """A plain column of some rows, by id (the visit a child's words, an addendum or an oversight note
    belong to): which entries of a value a changed record touches."""
    ids = list(ids)
    if not ids:
        return []
    marks = ", ".join("?" for _ in ids)
    rows: list[tuple[str]] = conn.execute(
        f"SELECT DISTINCT {column} FROM {table} WHERE id IN ({marks})", ids
    ).fetchall()
    return rows
