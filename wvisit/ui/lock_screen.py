"""First run: choose a passcode, explained on one screen. Later: unlock. After idle: unlock again."""

from __future__ import annotations

import getpass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wvisit.config import Config
from wvisit.errors import WvisitError
from wvisit.ui.background import Ops
from wvisit.ui.widgets import Banner, hint, line_edit, title


def open_session(data_dir: Path, config: Config, passcode: str, first_run: bool):
    """Runs on the worker thread, so the store, crypto and keyring modules load there, not before the window."""
    from wvisit.app.session import Session

    if first_run:
        return Session.create(data_dir, passcode, getpass.getuser(), config)
    return Session.unlock(data_dir, passcode)


class LockScreen(QWidget):
    unlocked = Signal(object)  # the Session

    def __init__(self, ops: Ops, config: Config, data_dir: Path, first_run: bool, demo_hint: str = ""):
        super().__init__()
        self._ops, self._config, self._data_dir, self._first_run = ops, config, data_dir, first_run
        outer = QVBoxLayout(self)
        outer.addStretch()
        column = QWidget()
        # A fixed width from the font, centred by stretches rather than an alignment flag: an aligned
        # widget gets only its size hint, which leaves wrapped sentences (the passcode rules, a refusal)
        # cut off; in a row it gets the height its wrapped text needs at that width.
        column.setFixedWidth(column.fontMetrics().averageCharWidth() * 62)
        layout = QVBoxLayout(column)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(column)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch()

        layout.addWidget(title("wvisit", 2.0))
        if first_run:
            layout.addWidget(title("Choose your passcode", 1.3))
            layout.addWidget(
                hint(
                    "Your passcode protects the visit records on this laptop. Without it nobody can read "
                    "them here, not even IT, and if the laptop is lost the records stay locked. "
                    f"Use at least {config.passcode_min_length} characters: a short sentence is easiest to "
                    "remember. You will type it each time you open wvisit, and after it locks itself "
                    f"when left alone for {config.idle_lock_minutes} minutes."
                )
            )
        else:
            layout.addWidget(title("Enter your passcode to open your records", 1.2))
            if demo_hint:
                layout.addWidget(hint(demo_hint))
        self.banner = Banner()
        layout.addWidget(self.banner)
        form = QFormLayout()
        self.passcode = line_edit("Passcode")
        self.passcode.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("&Passcode", self.passcode)
        self.confirm = line_edit("Passcode again")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if first_run:
            form.addRow("Passcode &again", self.confirm)
        layout.addLayout(form)
        self.button = QPushButton("&Set passcode and start" if first_run else "&Unlock")
        self.button.setDefault(True)
        self.button.setAccessibleName(self.button.text().replace("&", ""))
        layout.addWidget(self.button)
        self.button.clicked.connect(self.submit)
        self.passcode.returnPressed.connect(self.confirm.setFocus if first_run else self.submit)
        self.confirm.returnPressed.connect(self.submit)
        self.passcode.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self.passcode.setFocus()

    def submit(self) -> None:
        passcode = self.passcode.text()
        if self._first_run and passcode != self.confirm.text():
            self.banner.show_message("The two passcodes are not the same. Please type them again.")
            return
        self.button.setEnabled(False)
        self.banner.show_message("Opening your records\u2026", warning=False)
        data_dir, config, first_run = self._data_dir, self._config, self._first_run
        self._ops.run(self, lambda: open_session(data_dir, config, passcode, first_run), self._opened, self._refused)

    def _opened(self, session) -> None:
        self.passcode.clear()
        self.confirm.clear()
        self.banner.clear_message()
        self.button.setEnabled(True)
        self.unlocked.emit(session)

    def _refused(self, error: WvisitError) -> None:
        self.passcode.clear()
        self.confirm.clear()
        self.button.setEnabled(True)
        self.banner.show_message(str(error))
        self.passcode.setFocus()
