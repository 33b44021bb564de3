"""What a repository needs of an open store, and nothing more.

Repositories take a StoreContext, never the Store: the Store builds them, so if they knew
the Store the imports inside wvisit/store would run in a circle. The context is the open
file, the unlocked keys, the worker's account name, the audit log and the outbox, and the
two ways every repository writes: a transaction and a sealed table.

The account name (`actor`) is the central record's login once this laptop has signed in -
the central record refuses a record that names anyone else as its author - and the vault's
owner before that. It is read at each use, so a sign-in made on sync's own connection holds
at once for the screens' connection too.

    context = StoreContext.of(conn, keys, owner="sw.example")
    children = context.sealed_table("children", "child")
    with context.transaction():
        children.write(child.id, to_record(child), {}, "created")
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from functools import cached_property

from wvisit.store import database
from wvisit.store.audit import AuditLog
from wvisit.store.outbox import Outbox
from wvisit.store.sealed import SealedTable
from wvisit.store.sync_state import SyncState
from wvisit.vault import Keys


@dataclass(frozen=True)
class StoreContext:
    conn: sqlite3.Connection
    keys: Keys
    owner: str  # the vault's owner: the account name until this laptop signs in
    audit: AuditLog
    outbox: Outbox

    @classmethod
    def of(cls, conn: sqlite3.Connection, keys: Keys, owner: str) -> StoreContext:
        """The context of one open file: one audit log and one outbox, shared by every repository."""
        state = SyncState(conn, keys)
        return cls(conn, keys, owner, AuditLog(conn, keys, lambda: state.get("username") or owner), Outbox(conn))

    @property
    def actor(self) -> str:
        """Who records are written as (see the module's docstring)."""
        return SyncState(self.conn, self.keys).get("username") or self.owner

    def transaction(self) -> database.Transaction:
        """All or nothing, durable once the block returns; the audit chain's head is checkpointed
        only after the commit, so a link a rollback took back is never checkpointed."""
        return self._transaction

    @cached_property
    def _transaction(self) -> database.Transaction:
        """Made once: a Transaction keeps nothing from one use to the next."""
        return database.Transaction(self.conn, self.audit.forget_last, self.audit.committed)

    def sealed_table(self, table: str, kind: str) -> SealedTable:
        """The sealed records of `table`, each of `kind`. A SealedTable keeps no state but the
        table's column names, so two made for one table always agree."""
        return SealedTable(self.conn, self.keys, self.audit, self.outbox, table, kind)

    def log_event(self, action: str) -> None:
        """An event of the session itself in the audit log (an unlock, a passcode change, a search):
        `action` names what happened and never holds a personal value or search words."""
        with self.transaction():
            self.audit.append(action, "session", "")
