"""One table of sealed records: the single place where rows are sealed, versioned, queued and audited.

Every repository stores its records through a SealedTable, so the rules hold everywhere:
the personal part is sealed with associated data (table, id, version); the version goes
up by one per change; the outbox entry and the audit link are written in the same
transaction; and a read refuses a row older than the audit log's latest version for it.

The plain columns a query relies on (a visit's child, status and date...) are derived from
the body by `kinds.plain_columns`, on write and again on every read: a row whose plain
columns were changed outside wvisit disagrees with its sealed body and is refused.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NoReturn

from wvisit.errors import NotFound, TamperedRecord, WvisitError
from wvisit.store.audit import AuditLog
from wvisit.store.clock import now_iso
from wvisit.store.database import Params
from wvisit.store.kinds import Body, Columns, plain_columns
from wvisit.store.outbox import Outbox
from wvisit.vault import Keys

Opened = tuple[Columns, Body]
"""One record read and trusted: its plain columns and its opened body."""

Stored = tuple[int, Columns]
"""A stored row's version and plain columns (see SealedTable.write)."""

_ABSENT = object()  # a plain column a Stored does not name: written


class AsSent(dict[str, Any]):
    """A body read from JSON text, kept with that very text (a record as the central record sent it):
    sealed as it is, since writing the body as JSON again would cost more than any other part of
    storing it (a 4 KB note is escaped character by character). It cannot be changed, so the text
    always says what the body does; `json.loads(text)` is the body."""

    __slots__ = ("text",)

    def __init__(self, body: dict[str, Any], text: str):
        super().__init__(body)
        self.text = text

    def _unchangeable(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("a body as sent cannot be changed: copy it into a dict first")

    __setitem__ = __delitem__ = __ior__ = _unchangeable
    clear = pop = popitem = setdefault = update = _unchangeable


class Written:
    """A record to seal given as the very bytes to seal (its JSON, written straight from the domain's
    object) and the plain columns its body gives, as `plain_columns` returns them: for a save that never
    needs the body as a dict (reading a 4 KB visit's JSON back into one cost a save more than any single
    statement). The caller vouches that `data` is the JSON of a body whose plain columns are `plain`."""

    __slots__ = ("data", "plain")

    def __init__(self, data: bytes, plain: Columns):
        self.data = data
        self.plain = plain


def encode(payload: Body | Written) -> bytes:
    if type(payload) is Written:
        return payload.data
    if type(payload) is AsSent:
        return payload.text.encode("utf-8", "surrogatepass")
    # surrogatepass: text pasted from odd sources can hold lone surrogates; keep them, do not fail.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def decode(data: bytes) -> Body:
    body: Body = json.loads(data.decode("utf-8", "surrogatepass"))
    return body


DELETED = "the audit log records it, but it was deleted outside wvisit"
FEW = 500  # rows of a read looked up in the audit by id; more than this, one scan of the audit is quicker


@dataclass
class Reading:
    """The records of a scan that could be trusted, and each one that could not, by id with its reason:
    one damaged row must not hide the others from a list or a search."""

    rows: list[Opened] = field(default_factory=list)
    damaged: dict[str, WvisitError] = field(default_factory=dict)


class SealedTable:
    def __init__(self, conn: sqlite3.Connection, keys: Keys, audit: AuditLog, outbox: Outbox, table: str, kind: str):
        self._conn = conn
        self._keys = keys
        self._audit = audit
        self._outbox = outbox
        self.table = table
        self.kind = kind

    def write(
        self,
        record_id: str,
        payload: Body | Written,
        local: Columns,
        action: str,
        queue: bool = True,
        version: int | None = None,
        stored: Stored | None = None,
    ) -> int:
        """Seal and store the next version (or `version`, for a record pulled from the central
        record); call inside a transaction. Returns the version written.

        The plain columns are derived here from `payload`, by the function reads check them with (a
        Written comes with them, derived by its maker); `local` holds only columns that are this
        laptop's own state, not part of the record (an attachment's count of chunks fetched).
        `stored`: the row's version and plain columns, given only by a caller that has just vouched,
        inside this transaction, that the row is as its own last write of it left it (an autosave's
        draft check): they are then not read again."""
        given = payload.plain if isinstance(payload, Written) else plain_columns(self.kind, payload)
        plain = {**local, **given}
        if stored is None:
            stored = self._stored(record_id, plain)
        if stored is not None:  # an unchanged plain column is left out, so its index pages are not rewritten
            plain = {name: value for name, value in plain.items() if stored[1].get(name, _ABSENT) != value}
        version = version or (stored[0] + 1 if stored is not None else 1)
        now = now_iso()
        columns = {
            **plain,
            "version": version,
            "updated_at": now,
            "sealed": self._keys.seal(self.table, record_id, version, encode(payload)),
        }
        if stored is not None:
            self._conn.execute(_update(self.table, tuple(columns)), (*columns.values(), record_id))
        else:
            columns = {"id": record_id, "created_at": now, **columns}
            marks = ", ".join("?" for _ in columns)
            self._conn.execute(
                f"INSERT INTO {self.table} ({', '.join(columns)}) VALUES ({marks})", tuple(columns.values())
            )
        if queue:
            self._outbox.queue(self.kind, record_id, version, now)
        self._audit.append(action, self.kind, record_id, version)
        return version

    def _stored(self, record_id: str, plain: Columns) -> Stored | None:
        """The row's version and its values of these plain columns, or None when there is no row."""
        names = ", ".join(["version", *plain])
        row = self._conn.execute(f"SELECT {names} FROM {self.table} WHERE id = ?", (record_id,)).fetchone()
        return None if row is None else (row[0], dict(zip(plain, row[1:], strict=True)))

    def insert_pulled(self, records: list[tuple[str, int, Body, Columns]]) -> None:
        """Store records pulled from the central record that this table does not hold yet (id, version,
        body, this laptop's own columns each), sealed, each with its own audit link: the rows `write`
        makes, in one statement per set of columns and one for the links instead of three statements a
        record (a 10,000-record pull spent most of its SQLite time on them). Call inside a transaction."""
        now = now_iso()
        rows: dict[tuple[str, ...], list[tuple[Any, ...]]] = {}
        for record_id, version, payload, local in records:
            columns = {
                "id": record_id,
                "created_at": now,
                **local,
                **plain_columns(self.kind, payload),
                "version": version,
                "updated_at": now,
                "sealed": self._keys.seal(self.table, record_id, version, encode(payload)),
            }
            rows.setdefault(tuple(columns), []).append(tuple(columns.values()))
        for names, values in rows.items():
            marks = ", ".join("?" for _ in names)
            self._conn.executemany(f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({marks})", values)
        self._audit.append_many("pulled", [(self.kind, record_id, version) for record_id, version, _, _ in records])

    def read(self, record_id: str) -> Opened:
        """(plain columns, opened payload) or NotFound / TamperedRecord."""
        row = self._conn.execute(f"SELECT * FROM {self.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(self.kind, record_id)
        plain = self._as_dict(row)
        return plain, self._open(plain, self._audit.latest_version(self.kind, record_id))

    def read_where(self, where: str = "", params: Params = ()) -> list[Opened]:
        """Every matching record, or the first one's error when any cannot be trusted."""
        reading = self.read_each(where, params)
        for error in reading.damaged.values():
            raise error
        return reading.rows

    def read_each(self, where: str = "", params: Params = ()) -> Reading:
        """Every matching record that can be trusted, and every one that cannot (never a crash).

        The audit's latest versions are looked up for the rows found when they are few (one child's
        visits, the children): a scan of the whole audit per call made a child's page, which reads
        each visit's addenda, and the caseload grow with every visit on the laptop rather than
        with the records they show."""
        rows = self._conn.execute(f"SELECT * FROM {self.table} {where}", params).fetchall()
        if len(rows) <= FEW:
            at = self._columns().index("id")
            latest = self._latest([str(row[at]) for row in rows])
        else:
            latest = self._audit.latest_versions(self.kind)
        return self._opened(rows, latest)

    def read_many(self, record_ids: list[str]) -> dict[str, Opened | WvisitError]:
        """Several records in two queries; a record that cannot be trusted is its error, not a crash.

        Each body is an AsSent, kept with the JSON it was sealed as (what a push sends): it cannot be
        changed."""
        marks = ", ".join("?" for _ in record_ids)
        latest = self._latest(record_ids)
        rows = self._conn.execute(f"SELECT * FROM {self.table} WHERE id IN ({marks})", record_ids).fetchall()
        reading = self._opened(rows, latest, as_sent=True)
        return {**{plain["id"]: (plain, payload) for plain, payload in reading.rows}, **reading.damaged}

    def _latest(self, record_ids: list[str]) -> dict[str, int]:
        """The audit log's latest version of each of these records, through its index by record id."""
        if not record_ids:
            return {}
        marks = ", ".join("?" for _ in record_ids)
        return dict(
            self._conn.execute(
                f"SELECT record_id, max(record_version) FROM audit WHERE kind = ? AND record_id IN ({marks}) "
                "GROUP BY record_id",
                (self.kind, *record_ids),
            )
        )

    def audited_ids(self) -> set[str]:
        """Every record of this table the audit log says was written."""
        return {record_id for record_id, version in self._audit.latest_versions(self.kind).items() if version}

    def versions(self, record_ids: list[str]) -> dict[str, int]:
        marks = ", ".join("?" for _ in record_ids)
        return dict(self._conn.execute(f"SELECT id, version FROM {self.table} WHERE id IN ({marks})", record_ids))

    def plain(self, record_id: str, column: str) -> object:
        row = self._conn.execute(f"SELECT {column} FROM {self.table} WHERE id = ?", (record_id,)).fetchone()
        if row is None:
            raise NotFound(self.kind, record_id)
        return row[0]

    def _opened(self, rows: Iterable[tuple[object, ...]], latest: dict[str, int], as_sent: bool = False) -> Reading:
        reading = Reading()
        for row in rows:
            plain = self._as_dict(row)
            try:
                reading.rows.append((plain, self._open(plain, latest.get(plain["id"]), as_sent)))
            except WvisitError as error:
                reading.damaged[plain["id"]] = error
        return reading

    def _open(self, plain: Columns, latest: int | None, as_sent: bool = False) -> Body:
        """The payload of a row whose version is the audit log's latest and whose plain columns agree with it
        (`as_sent`: an AsSent, with the JSON text it was sealed as)."""
        if latest is None:
            raise TamperedRecord(self.kind, plain["id"], "it has no entry in the audit log")
        if plain["version"] != latest:
            raise TamperedRecord(self.kind, plain["id"], "it is not the version the audit log last recorded")
        data = self._keys.open(self.table, plain["id"], plain["version"], plain.pop("sealed"))
        if as_sent:
            text = data.decode("utf-8", "surrogatepass")
            payload: Body = AsSent(json.loads(text), text)
        else:
            payload = decode(data)
        if any(plain[name] != value for name, value in plain_columns(self.kind, payload).items()):
            raise TamperedRecord(self.kind, plain["id"], "a plain column was changed outside wvisit")
        return payload

    def _as_dict(self, row: tuple[object, ...]) -> Columns:
        names = self._columns()
        return dict(zip(names, row, strict=True))

    def _columns(self) -> list[str]:
        if not hasattr(self, "_names"):
            self._names = [r[1] for r in self._conn.execute(f"PRAGMA table_info({self.table})")]
        return self._names


@cache
def _update(table: str, names: tuple[str, ...]) -> str:
    """The statement that sets these columns of a row by id, made once per table and columns: an
    autosave sets the same ones each time."""
    return f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in names)} WHERE id = ?"


def untrusted(tables: Iterable[SealedTable]) -> list[tuple[str, str, WvisitError]]:
    """(table, record id, reason) for every stored record that cannot be trusted: what `audit verify`
    reports, so a forged plain column that a query used without opening the row is still found."""
    found: list[tuple[str, str, WvisitError]] = []
    for table in tables:
        reading = table.read_each()
        found += [(table.table, record_id, error) for record_id, error in reading.damaged.items()]
        present = {plain["id"] for plain, _ in reading.rows} | set(reading.damaged)
        deleted = table.audited_ids() - present  # nothing in wvisit deletes a record: someone else did
        found += [(table.table, record_id, TamperedRecord(table.kind, record_id, DELETED)) for record_id in deleted]
    return found
