"""The list behind a figure of the team page: the children or visits a bar or a count stands for.

Each line says the child, their legal status, their worker by name and what the line is about;
Enter or a double-click opens the child's page or the visit, and closes the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListView, QVBoxLayout

from wvisit.app.queries.team import TeamLine
from wvisit.ui.models import ROOT
from wvisit.ui.widgets import hint, title

DASH = "\u2014"
SHOWN_AT_LEAST = 10  # rows a list shows at its least height (QListView's own)
SIZED_FROM = 200  # lines whose text sets the list's width (every one of 30,000 would take a while)


def line_text(line: TeamLine) -> str:
    worker = line.worker or "no visit yet"
    return f"{line.child_name} {DASH} {line.legal_status.label} {DASH} {worker} {DASH} {line.detail}"


class TeamLines(QAbstractListModel):
    """The lines as a list model, each line's text made when Qt draws it: the list behind "not yet
    reviewed" holds a team manager's 30,000 visits, and a widget item a line took the UI thread 1.8 s
    to open. An empty list is one line, "None.", that opens nothing."""

    def __init__(self, lines: Sequence[TeamLine], parent=None):
        super().__init__(parent)
        self.lines = lines

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else max(1, len(self.lines))

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        line = self.line(index.row())
        return line_text(line) if line is not None else "None."

    def line(self, row: int) -> TeamLine | None:
        return self.lines[row] if 0 <= row < len(self.lines) else None


class TeamListDialog(QDialog):
    opened = Signal(str, str)  # "child" or "visit", and its id

    def __init__(self, parent, heading: str, lines: Sequence[TeamLine]):
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 95)
        layout = QVBoxLayout(self)
        layout.addWidget(title(heading, 1.2))
        what = "the visit" if lines and lines[0].opens == "visit" else "the child's page"
        layout.addWidget(hint(f"Press Enter or double-click a line to open {what}."))
        self.model = TeamLines(lines, self)
        self.lines = QListView()
        self.lines.setAccessibleName(heading)
        self.lines.setUniformItemSizes(True)  # one line each (the whole line is its tooltip): 30,000 laid out at once
        self.lines.setModel(self.model)
        self.lines.setCurrentIndex(self.model.index(0))
        self.lines.activated.connect(self._activated)
        layout.addWidget(self.lines, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.lines.setFocus()
        self._fit(lines)

    def _fit(self, lines: Sequence[TeamLine]) -> None:
        """Wide enough for the widest of the first lines, so a line is read whole rather than cut off
        at its end (what is due, how long it has waited), up to most of the screen; a long list up to
        half the screen's height, to scan."""
        metrics = self.lines.fontMetrics()
        widest = max((metrics.horizontalAdvance(line_text(line)) for line in lines[:SIZED_FROM]), default=0)
        screen = self.screen().availableGeometry()
        width = min(screen.width() * 9 // 10, max(self.minimumWidth(), widest + 8 * metrics.averageCharWidth()))
        more = max(0, len(lines) - SHOWN_AT_LEAST) * self.lines.sizeHintForRow(0)  # rows past a short list's
        self.resize(width, max(self.sizeHint().height(), min(screen.height() // 2, self.sizeHint().height() + more)))

    def _activated(self, index: QModelIndex) -> None:
        line = self.model.line(index.row())
        if line is not None:
            self.accept()
            self.opened.emit(line.opens, line.record_id)
