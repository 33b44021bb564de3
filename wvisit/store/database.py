"""Open the SQLite file safely: refuse foreign or damaged files without writing a byte to them.

Why so careful: switching a file to WAL mode, or migrating it, writes to it. So a file is
first looked at read-only (SQLite header, our application id, a quick integrity check)
and only then opened for writing. Every save runs in a `Transaction`: WAL with
synchronous=FULL, so a save that has returned survives a crash or a dead battery.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from wvisit.errors import NotOurFile, StoreCorrupt, StoreFull

APPLICATION_ID = 0x77766973  # "wvis"
SQLITE_MAGIC = b"SQLite format 3\0"

Params = tuple[object, ...]  # the values for a query's `?` marks, in order


def inspect(path: Path) -> None:
    """Raise NotOurFile or StoreCorrupt for a file we must not touch; return quietly otherwise."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        if handle.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise NotOurFile(str(path))
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.DatabaseError as error:
        raise StoreCorrupt(str(path)) from error
    try:
        (app_id,) = conn.execute("PRAGMA application_id").fetchone()
        if app_id != APPLICATION_ID:
            raise NotOurFile(str(path))
        (verdict,) = conn.execute("PRAGMA quick_check").fetchone()
        if verdict != "ok":
            raise StoreCorrupt(str(path))
    except sqlite3.DatabaseError as error:
        raise StoreCorrupt(str(path)) from error
    finally:
        conn.close()


def private_file(path: Path) -> None:
    """Create `path` readable by this user only (0600), or make it so: SQLite gives its WAL and
    shared-memory files the same permissions as the database file."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def connect(path: Path) -> sqlite_utils.Database:
    """A writable database; call `inspect` first. Autocommit mode: `Transaction` owns BEGIN/COMMIT.
    sqlite-utils' plugins are not run: a plugin installed on the laptop would see every connection,
    and looking for plugins cost ~0.3 s at each process's first open."""
    private_file(path)
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    return sqlite_utils.Database(conn, execute_plugins=False)


class Transaction:
    """`with Transaction(conn):` all or nothing, durable once the block returns; a full disk becomes
    StoreFull. `begun` is called inside the transaction as it begins (if it fails, the transaction is
    rolled back), `committed` once it has committed, never after a rollback.

    A class rather than a generator-based context manager: an autosave enters one every few seconds,
    and the store's manager nested in this one cost two generators and their frames a save."""

    __slots__ = ("_begun", "_committed", "_conn")

    def __init__(
        self,
        conn: sqlite3.Connection,
        begun: Callable[[], None] | None = None,
        committed: Callable[[], None] | None = None,
    ):
        self._conn = conn
        self._begun = begun
        self._committed = committed

    def __enter__(self) -> sqlite3.Connection:
        self._run("BEGIN IMMEDIATE")
        if self._begun is not None:
            try:
                self._begun()
            except BaseException as error:
                self.__exit__(type(error), error, error.__traceback__)
                raise
        return self._conn

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _trace: object) -> None:
        if kind is not None:
            _rollback(self._conn)  # SQLite may have rolled back already (a full disk does)
            if isinstance(error, sqlite3.OperationalError):
                self._raise_if_full(error)
            return  # the error goes on as it is
        self._run("COMMIT")
        if self._committed is not None:
            self._committed()

    def _run(self, statement: str) -> None:
        try:
            self._conn.execute(statement)
        except sqlite3.OperationalError as error:
            self._raise_if_full(error)
            raise

    def _raise_if_full(self, error: sqlite3.OperationalError) -> None:
        """A full disk: rolled back, and StoreFull raised from `error`. Else nothing: `error` goes on."""
        if _is_full(error):
            _rollback(self._conn)
            raise StoreFull() from error


def _rollback(conn: sqlite3.Connection) -> None:
    if conn.in_transaction:
        conn.execute("ROLLBACK")


def _is_full(error: sqlite3.Error) -> bool:
    return getattr(error, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL or "full" in str(error)
