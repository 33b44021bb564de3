"""Idle lock: after N minutes without keyboard or mouse input anywhere in the app, `idle` fires.

Input is watched (an event filter on the whole application) only between `start` and `stop`: while
locked nothing needs it, and a filter in Python from the first event costs the unlock window's first
paint ~20 ms (PySide builds each event's class on its first pass through Python).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleWatcher(QObject):
    idle = Signal()

    def __init__(self, milliseconds: int, parent: QObject | None = None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(milliseconds)
        self._timer.timeout.connect(self.idle)

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)  # again is harmless: Qt keeps one
        self._timer.start()

    def set_interval(self, milliseconds: int) -> None:
        """A new delay before the lock (a changed setting, or a test that shortens it only once the
        screen it is testing is open). A running count starts again from now with it (Qt restarts an
        active timer given a new interval), and from each input after."""
        self._timer.setInterval(milliseconds)

    def stop(self) -> None:
        QApplication.instance().removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False
