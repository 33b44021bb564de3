"""Sync in the app: when to sync, signing in once, and what the status bar says.

Sync runs on the network lane (ui/background.py) with a connection of its own to the records
file, so a save never waits for the central record; SQLite orders the two connections' short
transactions. After a success the next sync is `sync_interval_seconds` away; after a failure
the wait grows (exponential backoff with jitter, from sync.engine.Backoff), so an offline laptop
does not spin. "Sync now" tries at once. Locking cancels: no new sync starts, the HTTP client is
closed under a sync that is waiting, and the lane closes the sync's connection when it is free.
The sync modules (HTTP, pydantic) are imported only here, after unlock, keeping start-up fast.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from wvisit.app.queries.sync_status import SyncOverview, sync_overview
from wvisit.app.session import Session
from wvisit.config import Config
from wvisit.errors import CentralUnreachable, DeviceRevoked, SignedInAsAnother, SignInNeeded, WvisitError
from wvisit.ui.background import Ops

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SyncStatus:
    online: bool | None  # None: not tried yet
    waiting: int
    last_sync: str | None
    problem: str
    role: str | None = None
    signed_in_as: str | None = None


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus
    pulled = Signal(int)  # how many records arrived
    needs_sign_in = Signal(str, str)  # the user name to offer, and why the last sign-in failed ("" at first)
    revoked = Signal(str)  # the sentence to show on the lock screen

    def __init__(self, ops: Ops, session: Session, config: Config, parent: QObject | None = None):
        super().__init__(parent)
        from wvisit.sync.client import CentralClient
        from wvisit.sync.engine import Backoff

        self._ops, self._session, self._interval = ops, session, config.sync_interval_seconds * 1000
        self.client = CentralClient(config.central_url, ca_cert=config.central_ca_cert or None)
        self.engine = None  # made on the network lane, over the sync's own connection
        self._backoff = Backoff()
        self._online: bool | None = None
        self._running = False
        self._cancelled = False
        self._last_username = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)

    def start(self) -> None:
        self.sync_now()

    def follow(self, state) -> None:
        """The session is locking or revoked: stop (ui/lifecycle.py)."""
        if state.closing:
            self.stop()

    def stop(self) -> None:
        """Cancel: no new sync starts; one waiting on the network is cut short (its client closes), and
        the sync's connection is closed on the network lane once it is free. Never waits."""
        self._cancelled = True
        self._timer.stop()
        self.client.close()
        self._ops.run(self, self._close_connection, lane="network")

    def sync_now(self) -> None:
        if self._running or self._cancelled:
            return
        self._running = True
        self._timer.stop()
        self._ops.run(self, self._sync, self._synced, self._failed, lane="network")

    def _sync(self):
        """One sync, on the network lane. One cut short by locking (its client closed, its key forgotten)
        ends quietly: nothing of it is half-stored (each store step is a transaction)."""
        try:
            return self._engine().sync()
        except Exception:
            if self._cancelled:
                log.info("a sync was cut short by locking")
                return None
            raise

    def sign_in(self, username: str, password: str) -> None:
        self._last_username = username  # offered again if the password was wrong
        self._ops.run(
            self,
            lambda: self._engine().sign_in(username, password),
            lambda _: self.sync_now(),
            self._failed,
            lane="network",
        )

    def _engine(self):
        """On the network lane: the engine over a second connection to the records file."""
        from wvisit.sync.engine import SyncEngine

        if self._cancelled:
            raise CentralUnreachable("Locked: this sync did not start.")
        if self.engine is None:
            self.engine = SyncEngine(self._session.another_connection(), self.client, on_revoked=self._shred_vault)
        return self.engine

    def _close_connection(self) -> None:
        if self.engine is not None:
            self.engine.store.close()
            self.engine = None

    def _shred_vault(self) -> bool:
        """On the network lane, after a proven revocation: the key file's wraps and the device secret
        go now; the window locks when it hears `revoked` (the records' key is forgotten there)."""
        self._session.vault.shred()
        return self._session.vault.has_recovery

    def refresh_status(self, problem: str = "") -> None:
        store = self._session.store
        self._ops.run(self, lambda: sync_overview(store), lambda status: self._emit(status, problem))

    def _synced(self, report) -> None:
        if report is None:  # cut short by locking
            return
        self._running, self._online = False, True
        if report.pulled:  # the sync's connection stored them: this connection's search index is stale
            store = self._session.store
            self._ops.run(self, store.search.clear)
        self._backoff.succeeded()
        self._timer.start(self._interval)
        if report.pulled:
            self.pulled.emit(report.pulled)
        self.refresh_status()

    def _failed(self, error: WvisitError) -> None:
        self._running = False
        if isinstance(error, DeviceRevoked):
            self.revoked.emit(str(error))
            return
        if isinstance(error, SignInNeeded | SignedInAsAnother):
            store, typed = self._session.store, self._last_username
            why = str(error) if typed else ""  # said in the form itself after a try, not only in the status bar
            offer = lambda name: self.needs_sign_in.emit(name, why)
            self._ops.run(self, lambda: typed or store.sync_state.get("username") or "", offer)
            self.refresh_status(str(error))
            return
        self._online = False if isinstance(error, CentralUnreachable) else self._online
        wait = self._backoff.failed()
        self._timer.start(int(wait * 1000))
        log.info("sync failed (%s); next try in %.0f s", type(error).__name__, wait)
        self.refresh_status(str(error))

    def _emit(self, status: SyncOverview, problem: str) -> None:
        last = status.last_sync
        when = datetime.fromisoformat(last).astimezone().strftime("%d %b %H:%M") if last else None
        held = len(status.set_aside)
        if held and not problem:
            problem = f"{held} record(s) set aside: the central record refused them (see sync status)"
        self.status_changed.emit(
            SyncStatus(self._online, status.waiting, when, problem, status.role, status.signed_in_as)
        )
