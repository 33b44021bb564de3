"""The store: one SQLite file of sealed records, opened with the unlocked vault's keys.

store = Store.open(data_dir, keys, actor="sw.example")
child = store.children.add(Child(name=..., date_of_birth=..., legal_status=LegalStatus.CIN))
visit = store.visits.new_draft(child.id)
"""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path

from wvisit.errors import StoreMissing, WvisitError
from wvisit.store import database, kinds, schema
from wvisit.store.attachments import AttachmentRepository
from wvisit.store.children import ChildRepository
from wvisit.store.contacts import ContactRepository
from wvisit.store.context import StoreContext
from wvisit.store.kinds import TABLES, Body, plain_columns
from wvisit.store.my_words import MyWords
from wvisit.store.oversight import OversightRepository
from wvisit.store.people import PeopleBook
from wvisit.store.sealed import Opened, untrusted
from wvisit.store.search import SearchIndex
from wvisit.store.sittings import SittingRepository
from wvisit.store.supervision import SupervisionRepository
from wvisit.store.sync_state import FIRST_SIGN_IN, SyncState
from wvisit.store.visit_facts import VisitFacts
from wvisit.store.visits import VisitRepository
from wvisit.vault import Keys
from wvisit.vault.checkpoint import vault_id_of

FILE_NAME = "wvisit.db"


class Store:
    """The open file and its repositories. They share one StoreContext and never see the Store,
    so each can be built, and read, on its own."""

    def __init__(self, path: Path, conn: sqlite3.Connection, keys: Keys, actor: str):
        context = StoreContext.of(conn, keys, actor)
        self._context = context
        self.path = path
        self.conn, self.keys = conn, keys
        self.audit, self.outbox = context.audit, context.outbox
        # every kind's table: for sync's methods below, pulled records and `audit verify`
        self.tables = {table: context.sealed_table(table, kind) for kind, table in TABLES.items()}
        self.search = SearchIndex(context)
        self.visit_facts = VisitFacts(context)  # the review queue's: no visit opened for a list of them all
        self.children = ChildRepository(context)
        self.visits = VisitRepository(context, self.children, text_changed=self.search.invalidate)
        self.attachments = AttachmentRepository(context)
        self.oversight = OversightRepository(context, self.visits)
        self.sittings = SittingRepository(context, self.visits)
        self.supervision = SupervisionRepository(context)
        self.contacts = ContactRepository(context)
        self.sync_state = SyncState(conn, keys)
        self.people = PeopleBook(self.sync_state)
        self.my_words = MyWords(context)

    @property
    def actor(self) -> str:
        """Who records are written as: the central record's login once signed in, else the vault's owner."""
        return self._context.actor

    def sign_in_as(self, username: str) -> int:
        """This laptop signs in as `username`: records are written as that account from now on. At
        the laptop's first sign-in only, the records written before under the vault owner's name
        become that account's: none has reached the central record (nothing syncs before a first
        sign-in), and it refuses a record that names anyone but the account sending it. A later
        sign-in (after a sign-out) re-signs nothing: those records are someone's already. Call
        inside the transaction that keeps the sign-in. Returns how many records were re-signed."""
        before, first = self.actor, self.sync_state.get(FIRST_SIGN_IN) is None
        self.sync_state.set("username", username)
        self.sync_state.set(FIRST_SIGN_IN, username)
        if before == username or not first:
            return 0
        signed = 0
        for kind in ("visit", "addendum", "oversight", "contact", "supervision"):
            table = self.tables[TABLES[kind]]
            for _, payload in table.read_each().rows:  # a damaged one is left as it is; `audit verify` names it
                if payload.get("author") == before:
                    table.write(payload["id"], {**payload, "author": username}, {}, "signed as the account")
                    signed += 1
        return signed

    def apply_pulled(self, records: list[tuple[str, str, int, Body]]) -> int:
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
        new: dict[str, tuple[str, int, Body]] = {}  # records this laptop does not hold: inserted together
        for kind, record_id, version, body in records:
            if record_id in waiting or local.get(record_id, 0) >= version:
                continue
            if record_id not in local:
                if record_id not in new:
                    stored += 1
                if version > new.get(record_id, (kind, 0, body))[1]:
                    new[record_id] = (kind, version, body)
                continue
            plain = plain_columns(kind, body)
            if kind == "attachment":
                plain["chunks"] = 0  # the content itself is fetched when it is opened
            self.tables[TABLES[kind]].write(record_id, body, plain, "pulled", queue=False, version=version)
            stored += 1
        for kind in {kind for kind, _, _ in new.values()}:
            chunks = {"chunks": 0} if kind == "attachment" else {}  # its content is fetched when it is opened
            self.tables[TABLES[kind]].insert_pulled(
                [(record_id, version, body, chunks) for record_id, (k, version, body) in new.items() if k == kind]
            )
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
        (was,) = db.execute("PRAGMA user_version").fetchone()
        schema.migrate(db, path)
        store = cls(path, db.conn, keys, actor)
        try:
            store.audit.keep_checkpoint(vault_id_of(data_dir))  # StoreRolledBack for an old copy
            if 0 < was < schema.SEALED_FROM:  # only then: a value planted in the clear later is ignored
                with store.transaction():
                    store.sync_state.seal_earlier_plain()
        except BaseException:
            store.close()
            raise
        return store

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / FILE_NAME).exists()

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """All or nothing, durable once the block returns (see StoreContext.transaction)."""
        return self._context.transaction()

    def log_event(self, action: str) -> None:
        """An event of the session itself in the audit log; never a personal value (StoreContext.log_event)."""
        self._context.log_event(action)

    # --- for sync: wvisit/sync reaches the records through these, never the file or its tables ---

    def read_for_push(self, kind: str, record_ids: list[str]) -> dict[str, Opened | WvisitError]:
        """Records of one kind, by id: (plain columns, body), or why one cannot be trusted (never a crash)."""
        return self.tables[TABLES[kind]].read_many(record_ids)

    def child_of(self, kind: str, record_id: str, body: Body) -> str | None:
        """The child a record belongs to, which the central record allocates and checks by;
        None when that child is not on this laptop."""
        return kinds.child_of(self.conn, kind, record_id, body)

    def untrusted(self) -> list[tuple[str, str, WvisitError]]:
        """(table, record id, reason) for every record that cannot be trusted: altered, forged, or deleted
        outside wvisit. What `audit verify` reports."""
        return untrusted(self.tables.values()) + self.sittings.untrusted_strokes()

    def close(self) -> None:
        """Checkpoint the audit head, forget the in-memory index and close the file; the caller forgets
        the keys."""
        self.audit.flush_checkpoint()
        self.search.clear()
        self.visit_facts.clear()
        self.conn.close()
