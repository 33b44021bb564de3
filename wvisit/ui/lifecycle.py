"""The session's lifecycle, which every part of the window follows instead of being told one by one.

unlocked -> locking -> ended, or unlocked -> revoked -> locking -> ended. Child mode closes when
the session starts locking or is revoked (the child is never left holding a tool whose records
can no longer be saved); sync stops (its network work is cancelled, not waited for); writing help
forgets the worker's own words when it has ended.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QObject, Signal


class SessionState(StrEnum):
    UNLOCKED = "unlocked"
    LOCKING = "locking"  # what is typed is being saved; the key is still there
    ENDED = "ended"  # the store is closed and the key forgotten
    REVOKED = "revoked"  # the central record proved this laptop withdrawn; locking follows

    @property
    def closing(self) -> bool:
        """Whatever holds records on screen must let go now."""
        return self in (SessionState.LOCKING, SessionState.REVOKED)


class Lifecycle(QObject):
    changed = Signal(object)  # SessionState

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.state = SessionState.ENDED

    def move(self, state: SessionState) -> None:
        self.state = state
        self.changed.emit(state)
