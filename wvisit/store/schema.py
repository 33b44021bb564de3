"""The schema as numbered migrations; PRAGMA user_version says which have run.

Plain columns hold only ids, kinds, timestamps, versions and sync state. Every personal
value lives in a `sealed` blob (see wvisit.vault.keys). Before an existing file is
migrated, a copy is taken with SQLite's backup API; if a migration fails the copy is
put back and MigrationFailed says where it is.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from wvisit.errors import MadeByNewerWvisit, MigrationFailed
from wvisit.store import database

RECORD_COLUMNS = {
    "id": str,
    "version": int,
    "created_at": str,
    "updated_at": str,
    "sync_state": str,  # retired in schema 12 (_v12): the outbox says what waits to sync
    "sealed": bytes,
}


def _v1(db: sqlite_utils.Database) -> None:
    db.table("children").create(RECORD_COLUMNS, pk="id", not_null={"version", "sealed"})
    db.table("visits").create(
        {**RECORD_COLUMNS, "child_id": str, "status": str, "visited_at": str},
        pk="id",
        not_null={"version", "sealed", "child_id", "status"},
    )
    db.table("visits").create_index(["child_id"])
    db.table("voice_entries").create({**RECORD_COLUMNS, "visit_id": str, "child_id": str}, pk="id")
    db.table("voice_entries").create_index(["visit_id"])
    db.table("voice_entries").create_index(["child_id"])
    db.table("addenda").create({**RECORD_COLUMNS, "visit_id": str}, pk="id")
    db.table("addenda").create_index(["visit_id"])
    db.table("attachments").create(
        {**RECORD_COLUMNS, "owner_id": str, "kind": str, "size": int, "chunks": int}, pk="id"
    )
    db.table("attachment_chunks").create(
        {"attachment_id": str, "idx": int, "sealed": bytes}, pk=("attachment_id", "idx")
    )
    # One b-tree keyed by record: an autosave rewrites one outbox page, not a table and two indexes.
    db.execute(
        "CREATE TABLE outbox (record_id TEXT PRIMARY KEY, op_id TEXT NOT NULL, kind TEXT NOT NULL, "
        "record_version INTEGER NOT NULL, queued_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, "
        "last_error TEXT, held INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID"
    )
    db.execute(
        "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
        "action TEXT NOT NULL, kind TEXT NOT NULL, record_id TEXT NOT NULL, record_version INTEGER, "
        "prev BLOB NOT NULL, hash BLOB NOT NULL)"
    )
    db.table("audit").create_index(["record_id"])


def _v2(db: sqlite_utils.Database) -> None:
    """Sync state: plain values (cursor, last sync, device id) and sealed ones (the refresh token)."""
    db.table("sync_meta").create({"key": str, "value": str, "sealed": bytes}, pk="key")


def _v3(db: sqlite_utils.Database) -> None:
    """Management oversight notes, synced both ways like the visits they are about."""
    db.table("oversight").create({**RECORD_COLUMNS, "visit_id": str, "child_id": str}, pk="id")
    db.table("oversight").create_index(["visit_id"])
    db.table("oversight").create_index(["child_id"])


def _v4(db: sqlite_utils.Database) -> None:
    """What one worker keeps on this laptop and never syncs, sealed: their own dictionary words."""
    db.table("user_meta").create({"key": str, "version": int, "sealed": bytes}, pk="key")


def _v5(db: sqlite_utils.Database) -> None:
    """Direct-work sessions: what the child made with a tool during a visit, synced like the visit."""
    db.table("tool_sessions").create({**RECORD_COLUMNS, "visit_id": str, "child_id": str, "tool": str}, pk="id")
    db.table("tool_sessions").create_index(["visit_id"])
    db.table("tool_sessions").create_index(["child_id"])


def _v6(db: sqlite_utils.Database) -> None:
    """From here the account records are written as is sealed in sync_meta; a file from before keeps it
    in the clear, which Store.open seals with the keys this step does not have (SEALED_FROM)."""


def _v7(db: sqlite_utils.Database) -> None:
    """Other contacts beside visits (a phone call, a meeting, a professional contact), synced like oversight."""
    db.table("contacts").create({**RECORD_COLUMNS, "child_id": str}, pk="id")
    db.table("contacts").create_index(["child_id"])


def _v8(db: sqlite_utils.Database) -> None:
    """Case supervision records (the fifth of the Wandsworth 5): written by a supervisor, synced both ways."""
    db.table("supervision").create({**RECORD_COLUMNS, "child_id": str}, pk="id")
    db.table("supervision").create_index(["child_id"])


def _v9(db: sqlite_utils.Database) -> None:
    """A drawing's strokes saved one by one: each save after a stroke is one small sealed row here (the
    strokes added or taken back since the sitting's body), folded into the body when the visit is
    finalised or before a push. Only the sitting's id and the row's number are in the clear."""
    db.execute(
        "CREATE TABLE sitting_strokes (sitting_id TEXT NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, "
        "PRIMARY KEY (sitting_id, seq)) WITHOUT ROWID"
    )


def _v10(db: sqlite_utils.Database) -> None:
    """The audit's index by record also holds each link's kind and version, so a record's latest version
    (asked at every read and every save of a drawing's stroke) is one seek in the index rather than a
    visit to every link of that record: a draft autosaved a thousand times has a thousand links."""
    db.execute("DROP INDEX IF EXISTS idx_audit_record_id")
    db.execute("CREATE INDEX audit_record_versions ON audit (record_id, kind, record_version)")


def _v11(db: sqlite_utils.Database) -> None:
    """No table changes: from this version a stroke log row may also hold Three Houses' or a
    storyboard's strokes (the `lists` form, see store/stroke_log.py), which a wvisit of schema 10 would
    fail on mid-read. Numbering it makes that older wvisit refuse the file whole, saying a newer
    wvisit wrote it, and takes the usual copy before the upgrade."""


def _v12(db: sqlite_utils.Database) -> None:
    """Each sealed table's `sync_state` column goes: nothing read it (the outbox says what waits to
    sync), yet every acknowledged push rewrote the record's whole row, its 4 KB sealed value too, to
    change it. The tables are rewritten once here (the copy before the upgrade is taken as usual)."""
    for (table,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        if "sync_state" in {column[1] for column in db.execute(f'PRAGMA table_info("{table}")')}:
            db.execute(f'ALTER TABLE "{table}" DROP COLUMN sync_state')


def _v13(db: sqlite_utils.Database) -> None:
    """The visits' index by child also holds each visit's status and date (both already plain columns),
    so the caseload's "last visit" and "drafts" per child are read from the index alone. Read through
    the table, each count stepped onto every visit's 4 KB row: 23-36 ms each for a team manager's
    30,000 visits, at every caseload, review queue and team page."""
    db.execute("DROP INDEX IF EXISTS idx_visits_child_id")
    db.execute("CREATE INDEX visits_by_child ON visits (child_id, status, visited_at)")


SEALED_FROM = 6  # a file older than this holds the signed-in account in the clear
MIGRATIONS: list[Callable[[sqlite_utils.Database], None]] = [
    _v1,
    _v2,
    _v3,
    _v4,
    _v5,
    _v6,
    _v7,
    _v8,
    _v9,
    _v10,
    _v11,
    _v12,
    _v13,
]
LATEST = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database, path: Path) -> Path | None:
    """Bring the file to LATEST. Returns the backup's path when one was taken."""
    (current,) = db.execute("PRAGMA user_version").fetchone()
    if current > LATEST:  # written by a newer wvisit: this one must not touch it
        raise MadeByNewerWvisit(f"The records file {path}")
    if current == LATEST:
        return None
    backup = None
    if current > 0:
        backup = path.with_name(f"{path.name}.before-v{LATEST}")
        _backup(db.conn, backup)
    try:
        for number in range(current, LATEST):
            db.execute("BEGIN IMMEDIATE")
            MIGRATIONS[number](db)
            db.execute(f"PRAGMA user_version={number + 1}")
            db.execute("COMMIT")
    except Exception as error:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        if backup is None:
            raise
        db.conn.close()
        shutil.copyfile(backup, path)
        raise MigrationFailed(str(backup)) from error
    return backup


def _backup(conn: sqlite3.Connection, target: Path) -> None:
    database.private_file(target)
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
