"""Run store work and network work off the UI thread, each on its own lane, and bring results and
errors back to it.

Why: a save, an unlock (scrypt, ~0.4 s) or a search must never freeze typing, and a save must
never wait behind a network call (a central record that hangs for 15 s). Store work goes to
`Ops.run`: one background thread (so store calls never overlap). Network work (a sync, with its
own connection to the records file) goes to `Ops.run(..., lane="network")`: a second thread, which locking
does not wait for. Deleting the window (quitting) does wait for it (Qt's thread pool waits for its jobs),
so network work must be cut short by its owner when the session closes: sync's client hangs up the
line of a request still waiting (sync.client), and closing the window locks. For both, `on_done` runs
on the UI thread with the result - unless the widget that asked (the owner) was closed meanwhile, in which case
the result is dropped; the work itself always completes, so a save is never cut short,
and a failure whose owner is gone still reaches the window. A WvisitError becomes its
plain sentence on the `error` signal, which the main window shows; anything unexpected
is logged by type only and shown as a calm sentence.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wvisit.errors import WvisitError

log = logging.getLogger(__name__)

UNEXPECTED = "Something went wrong and that action did not finish. Your last save is safe."


class _Relay(QObject):
    finished = Signal(object, object, object)  # owner, callback, result
    failed = Signal(object, object, object)  # owner, callback, error


class _Job(QRunnable):
    def __init__(self, owner: QObject, work: Callable[[], Any], relay: _Relay, on_done, on_error):
        super().__init__()
        self._owner, self._work, self._relay = owner, work, relay
        self._on_done, self._on_error = on_done, on_error

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as error:  # every failure must reach the window, whatever its kind
            self._relay.failed.emit(self._owner, self._on_error, error)
        else:
            self._relay.finished.emit(self._owner, self._on_done, result)


class Ops(QObject):
    error = Signal(str)
    changed = Signal(object)  # ui.operations.Changes: what an operation changed, for screens to refresh

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(1)
        self._relay = _Relay()
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)

    def run(
        self,
        owner: QObject,
        work: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[WvisitError], None] | None = None,
        lane: str = "store",
    ) -> None:
        """`work` on the store lane, or with lane="network" on the network lane, where it may wait on
        the network without holding up a save."""
        pool = self._network if lane == "network" else self._pool
        pool.start(_Job(owner, work, self._relay, on_done, on_error))

    def wait(self) -> None:
        """Block until queued store work is done (on lock and quit, so no save is cut short). Network
        work is not waited for: it is cancelled by its owner and ends on its own lane."""
        self._pool.waitForDone()

    def wait_network(self, msecs: int = -1) -> bool:
        """Block until network work is done, or `msecs` pass (on quit only); whether it finished."""
        return self._network.waitForDone(msecs)

    def _finished(self, owner: QObject, callback, result) -> None:
        if callback is not None and shiboken6.isValid(owner):
            callback(result)

    def _failed(self, owner: QObject, callback, error: Exception) -> None:
        if isinstance(error, WvisitError):
            log.info("refused: %s", type(error).__name__)
            if callback is not None and shiboken6.isValid(owner):
                callback(error)
            else:
                self.error.emit(str(error))
        else:
            log.error("unexpected %s in background work", type(error).__name__)
            self.error.emit(UNEXPECTED)
