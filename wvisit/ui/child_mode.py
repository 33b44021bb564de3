"""Child mode: one direct-work tool, full screen, for the child to hold; only the worker's passcode leaves it.

What keeps the child in: the main window is hidden while child mode is up (so there is no other
wvisit screen to switch to); the window refuses to close; Escape, Alt+F4 and every Ctrl, Alt or
Meta shortcut are swallowed application-wide while it is up; the idle lock is paused by the main
window (the child may think for a long time, and locking would hand the laptop back to nobody).
The one way out is the small "For my worker" button, which asks for the worker's passcode. The
check opens the session's own data key (Vault.verify) but is not counted by the vault's
throttle: a child pressing keys must never stop the vault and lock the worker out of their
records. The gate has its own brake instead (GateCooldown), in memory.

Saving: every stroke, tap and word is saved a moment after it happens (SAVE_MS), sealed, on
the background thread; the rendered picture is added when the worker takes the laptop back.
"""

from __future__ import annotations

import base64
import math
import time
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wvisit import tools
from wvisit.domain import Sitting
from wvisit.errors import WvisitError
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.read_aloud import ReadAloud
from wvisit.ui.tools.tool_widgets import big_label, child_title, tool_widget
from wvisit.vault import Vault

SAVE_MS = 400
KEY_EVENTS = (QEvent.Type.KeyPress, QEvent.Type.ShortcutOverride, QEvent.Type.Shortcut)
GATE_FREE_TRIES = 3
GATE_FIRST_WAIT = 30.0
GATE_MAX_WAIT = 300.0


class GateCooldown:
    """The exit gate's brake on wrong passcodes: three free tries, then 30 s, doubling up to 5 minutes.

    In memory and never a stop: it slows a guesser down, and once the wait is over the
    right passcode always leaves child mode. `clock` is monotonic, so a changed wall clock
    neither shortens nor lengthens a wait."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self.failed = 0
        self._until = 0.0

    def wait(self) -> float:
        return max(0.0, self._until - self.clock())

    def failure(self) -> None:
        self.failed += 1
        if self.failed >= GATE_FREE_TRIES:
            wait = GATE_FIRST_WAIT * 2 ** (self.failed - GATE_FREE_TRIES)
            self._until = self.clock() + min(wait, GATE_MAX_WAIT)


def wait_sentence(seconds: float) -> str:
    return f"Please wait {math.ceil(seconds)} seconds before trying again."


class ShortcutBlocker(QObject):
    """Swallows the keys that would leave or reach past child mode; plain typing still works."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Shortcut:
            return True
        if event.type() not in KEY_EVENTS:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers or event.key() == Qt.Key.Key_Escape or Qt.Key.Key_F1 <= event.key() <= Qt.Key.Key_F35:
            event.accept()
            return True
        return False


class ChildMode(QWidget):
    left = Signal()  # the worker's passcode was given: child mode is closed

    def __init__(
        self,
        ops: Ops,
        store: Store,
        vault: Vault,
        session: Sitting,
        suggested_people: list[str],
        read_aloud: str = "off",
    ):
        """`read_aloud`: the voice engine for the Listen buttons ("" the laptop's own, "off" none; ui/read_aloud.py)."""
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
        self.ops, self.store, self._vault, self.session = ops, store, vault, session  # a Host (ui/operations.py)
        self._tool = tools.get(session.tool)
        self._leaving = False
        self._checking = False  # a passcode check is running: another press waits for its answer
        self.cooldown = GateCooldown()
        result = self._tool.load(session.result)
        self.title = child_title(session.tool, result)
        self.setWindowTitle(self.title)
        self.setAccessibleName(f"Child mode: {self.title}")
        self.setAutoFillBackground(True)
        self.reader = ReadAloud(read_aloud, self)
        self.reader.start()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(big_label(self.title, 1.6), 1)
        top.addWidget(self.reader.button(lambda: self.title, "the title"))
        self.saved_mark = QLabel("")
        self.saved_mark.setAccessibleName("Saved")
        top.addWidget(self.saved_mark)
        self.worker_button = QPushButton("For my worker")
        self.worker_button.setAccessibleName("For my worker: give the laptop back")
        self.worker_button.clicked.connect(self.ask_passcode)
        top.addWidget(self.worker_button)
        layout.addLayout(top)
        self.tool = tool_widget(session.tool, result, suggested_people, self.reader)
        self.tool.changed.connect(self._changed)
        layout.addWidget(self.tool, 1)
        self.gate = self._passcode_gate()
        layout.addWidget(self.gate)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_MS)
        self._timer.timeout.connect(self.save_now)
        self._blocker = ShortcutBlocker(self)
        QApplication.instance().installEventFilter(self._blocker)

    def _passcode_gate(self) -> QWidget:
        gate = QWidget()
        row = QHBoxLayout(gate)
        row.addWidget(QLabel("Worker's passcode:"))
        self.passcode = QLineEdit()
        self.passcode.setEchoMode(QLineEdit.EchoMode.Password)
        self.passcode.setAccessibleName("Worker's passcode")
        self.passcode.returnPressed.connect(self.check_passcode)
        row.addWidget(self.passcode, 1)
        unlock = QPushButton("Leave child mode")
        unlock.clicked.connect(self.check_passcode)
        row.addWidget(unlock)
        back = QPushButton("Back")
        back.setAccessibleName("Back to the tool")
        back.clicked.connect(lambda: gate.hide())
        row.addWidget(back)
        self.gate_message = QLabel("")
        row.addWidget(self.gate_message)
        gate.hide()
        return gate

    # --- saving as the child works ---------------------------------------------------------------

    def current(self, picture: bool = False) -> Sitting:
        result = self.tool.result()
        session = replace(self.session, result=self.tool.record(self._tool), summary=self._tool.summarise(result))
        if picture:
            buffer = QBuffer()
            buffer.open(QIODevice.OpenModeFlag.WriteOnly)
            self.tool.picture().save(buffer, "PNG")
            session = replace(session, picture_png=base64.b64encode(bytes(buffer.data())).decode("ascii"))
        return session

    def _changed(self) -> None:
        self.saved_mark.setText("")
        self._timer.start()

    def save_now(self, picture: bool = False) -> None:
        self._timer.stop()
        self.session = self.current(picture)
        operations.save_sitting(self, self.session).success(self._saved).failure(self._save_failed).run_in_background()

    def _saved(self, _version: int) -> None:
        self.saved_mark.setText("Saved \u2713")

    def _save_failed(self, error: WvisitError) -> None:
        self.saved_mark.setText(f"Not saved: {error}")

    # --- leaving: the worker's passcode only ------------------------------------------------------

    def ask_passcode(self) -> None:
        self.gate.show()
        self.gate_message.setText("")
        self.passcode.setFocus()

    def check_passcode(self) -> None:
        """Check on the background thread (scrypt takes a moment); during a cooldown, refuse unchecked."""
        passcode, vault, keys = self.passcode.text(), self._vault, self.store.keys
        self.passcode.clear()
        if self._checking:
            return
        wait = self.cooldown.wait()
        if wait > 0:
            self.gate_message.setText(wait_sentence(wait))
            return
        self._checking = True
        self.gate_message.setText("Checking\u2026")
        self.ops.run(self, lambda: vault.verify(passcode, keys), self._checked, self._refused)

    def _checked(self, right: bool) -> None:
        self._checking = False
        if right:
            self.leave()
            return
        self.cooldown.failure()
        wait = self.cooldown.wait()
        self.gate_message.setText(
            "That passcode is not right. " + (wait_sentence(wait) if wait else "Please try again.")
        )
        self.passcode.setFocus()

    def _refused(self, error: WvisitError) -> None:
        self._checking = False
        self.gate_message.setText(str(error))
        self.passcode.setFocus()

    def leave(self) -> None:
        self.save_now(picture=True)
        self.end()
        self.left.emit()

    def follow(self, state) -> None:
        """The session is locking or revoked (ui/lifecycle.py): save the last stroke while the records are
        still open, then close."""
        if not state.closing or self._leaving:
            return
        if self.store.keys.is_open:  # after a revocation the key may already be gone
            self.save_now(picture=True)
        self.end()

    def end(self) -> None:
        """Close with the session (a lock, a revocation): the child must not be left holding a tool whose
        records can no longer be saved. What was saved stays saved."""
        self._leaving = True
        self.reader.stop()
        QApplication.instance().removeEventFilter(self._blocker)
        self.close()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._leaving:
            event.accept()
        else:
            event.ignore()  # Alt+F4, the window manager's close: the child stays where they are
