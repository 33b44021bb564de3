"""The store: one SQLite file of sealed records, opened with the unlocked vault's keys.

store = Store.open(data_dir, keys, actor="sw.example")
child = store.children.add(Child(name=..., date_of_birth=..., legal_status=LegalStatus.CIN))
visit = store.visits.new_draft(child.id)
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wvisit.errors import StoreMissing
from wvisit.store import database, schema
from wvisit.store.attachments import AttachmentRepository
from wvisit.store.audit import AuditLog
from wvisit.store.children import ChildRepository
from wvisit.store.kinds import TABLES, plain_columns
from wvisit.store.my_words import MyWords
from wvisit.store.outbox import Outbox
from wvisit.store.oversight import OversightRepository
from wvisit.store.sealed import SealedTable
from wvisit.store.search import SearchIndex
from wvisit.store.sync_state import SyncState
from wvisit.store.tool_sessions import ToolSessionRepository
from wvisit.store.visits import VisitRepository
from wvisit.vault import Keys
from wvisit.vault.checkpoint import vault_id_of

FILE_NAME = "wvisit.db"


class Store:
    def __init__(self, path: Path, conn: sqlite3.Connection, keys: Keys, actor: str):
        self.path = path
        self.conn = conn
        self.keys = keys
        self.actor = actor
        self.audit = AuditLog(conn, keys, actor)
        self.outbox = Outbox(conn)
        self.tables: dict[str, SealedTable] = {}
        self.search = SearchIndex(self)
        self.children = ChildRepository(self)
        self.visits = VisitRepository(self)
        self.attachments = AttachmentRepository(self)
        self.oversight = OversightRepository(self)
        self.tool_sessions = ToolSessionRepository(self)
        self.sync_state = SyncState(conn, keys)
        self.my_words = MyWords(conn, keys, self.transaction)

    def apply_pulled(self, records: list[tuple[str, str, int, dict]]) -> int:
        """Store records from the central record (kind, id, version, body), sealed like any other;
        call inside a transaction. Returns how many were stored.

        A record is skipped when this laptop already has that version or a newer one, or has a
        change to it still waiting to sync: local work is never overwritten; the central record
        decides between the two when the change arrives there.
        """
        ids = [record_id for _, record_id, _, _ in records]
        marks = ", ".join("?" for _ in ids)
        waiting = {
            row[0] for row in self.conn.execute(f"SELECT record_id FROM outbox WHERE record_id IN ({marks})", ids)
        }
        local: dict[str, int] = {}
        for kind in {kind for kind, _, _, _ in records}:
            local.update(self.tables[TABLES[kind]].versions([rid for k, rid, _, _ in records if k == kind]))
        stored = 0
        for kind, record_id, version, body in records:
            if record_id in waiting or local.get(record_id, 0) >= version:
                continue
            plain = plain_columns(kind, body)
            if kind == "attachment":
                plain["chunks"] = 0  # the content itself is fetched when it is opened
            self.tables[TABLES[kind]].write(record_id, body, plain, "pulled", queue=False, version=version)
            stored += 1
        if stored and any(kind in ("visit", "voice", "addendum") for kind, _, _, _ in records):
            self.search.clear()
        return stored

    @classmethod
    def open(cls, data_dir: Path, keys: Keys, actor: str, create: bool = True) -> Store:
        """Refuses a foreign or damaged file untouched; migrates ours (with a backup) first.

        With `create=False` (every unlock of existing records) a missing or empty file is refused:
        a new, empty store over it would show an empty caseload as if nothing had been lost. A file
        older than the last one this laptop saved is refused too (StoreRolledBack)."""
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / FILE_NAME
        if not create and (not path.exists() or path.stat().st_size == 0):
            raise StoreMissing(str(path), "it is missing" if not path.exists() else "it is empty")
        database.inspect(path)
        db = database.connect(path)
        schema.migrate(db, path)
        store = cls(path, db.conn, keys, actor)
        try:
            store.audit.keep_checkpoint(vault_id_of(data_dir))  # StoreRolledBack for an old copy
        except BaseException:
            store.close()
            raise
        return store

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / FILE_NAME).exists()

    def sealed_table(self, table: str, kind: str) -> SealedTable:
        self.tables[table] = SealedTable(self.conn, self.keys, self.audit, self.outbox, table, kind)
        return self.tables[table]

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with database.transaction(self.conn) as conn:
            self.audit.forget_last()
            yield conn
        self.audit.committed()

    def log_event(self, action: str) -> None:
        """An event of the session itself in the audit log (an unlock, a passcode change, a search):
        `action` names what happened and never holds a personal value or search words."""
        with self.transaction():
            self.audit.append(action, "session", "")

    def close(self) -> None:
        """Forget the in-memory index and close the file; the caller forgets the keys."""
        self.search.clear()
        self.conn.close()
