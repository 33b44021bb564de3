"""The list behind a figure of the team page: the children or visits a bar or a count stands for.

Each line says the child, their legal status, their worker by name and what the line is about;
Enter or a double-click opens the child's page or the visit, and closes the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidget, QListWidgetItem, QVBoxLayout

from wvisit.app.queries.team import TeamLine
from wvisit.ui.widgets import hint, title

DASH = "\u2014"


def line_text(line: TeamLine) -> str:
    worker = line.worker or "no visit yet"
    return f"{line.child_name} {DASH} {line.legal_status.label} {DASH} {worker} {DASH} {line.detail}"


class TeamListDialog(QDialog):
    opened = Signal(str, str)  # "child" or "visit", and its id

    def __init__(self, parent, heading: str, lines: list[TeamLine]):
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)
        layout = QVBoxLayout(self)
        layout.addWidget(title(heading, 1.2))
        what = "the visit" if lines and lines[0].opens == "visit" else "the child's page"
        layout.addWidget(hint(f"Press Enter or double-click a line to open {what}."))
        self.lines = QListWidget()
        self.lines.setAccessibleName(heading)
        self.lines.setWordWrap(True)
        for line in lines:
            item = QListWidgetItem(line_text(line))
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.lines.addItem(item)
        if not lines:
            self.lines.addItem("None.")
        self.lines.setCurrentRow(0)
        self.lines.itemActivated.connect(self._activated)
        layout.addWidget(self.lines, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.lines.setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(line, TeamLine):
            self.accept()
            self.opened.emit(line.opens, line.record_id)
