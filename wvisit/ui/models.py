"""Qt models over the store's read results. They hold rows; they never touch the store themselves."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from wvisit.app.queries.caseload import CaseloadRow
from wvisit.domain import Oversight
from wvisit.domain.people import People

ROOT = QModelIndex()
# "Visit due by": the latest date the visit-frequency policy allows, not the date agreed with the family.
COLUMNS = ["Child", "Legal status", "Age", "Last visit", "Visit due by (policy)", "Drafts", "Worker"]
WORKER = COLUMNS.index("Worker")  # shown on a supervisor's caseload only


def nice_date(value: date | None) -> str:
    return value.strftime("%d %b %Y").lstrip("0") if value else "\u2014"


def oversight_line(note: Oversight, people: People) -> str:
    """A management oversight note as the worker and the supervisor read it, signed by name and role."""
    actions = "".join(f"\n  \u2022 {a.action} \u2014 {a.owner}, by {nice_date(a.due)}" for a in note.actions)
    head = f"{nice_date(note.written_at.date())}, {people.signature(note.author)} \u2014 {note.outcome.value}"
    return f"{head}\nConsidered: {note.considered}\nDecision: {note.decision}{actions}"


class CaseloadModel(QAbstractTableModel):
    def __init__(self, warning_colour: str, parent=None):
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._today = date.today()
        self._warning = QColor(warning_colour)

    def set_rows(self, rows: list[CaseloadRow], today: date) -> None:
        self.beginResetModel()
        self._rows, self._today = rows, today
        self.endResetModel()

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt's name
        return len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        row = self._rows[index.row()]
        column = index.column()
        overdue = column == 4 and row.due.overdue_days > 0
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return [
                row.child.name.casefold(),
                row.child.legal_status.label,
                row.child.date_of_birth.toordinal() * -1,
                row.last_visit.toordinal() if row.last_visit else 0,
                row.due.on.toordinal(),
                row.drafts,
                row.worker.casefold(),
            ][column]
        if role == Qt.ItemDataRole.ForegroundRole and overdue:
            return self._warning
        if role == Qt.ItemDataRole.FontRole and overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _text(self, row: CaseloadRow, column: int) -> str:
        child = row.child
        if column == 0:
            return child.name
        if column == 1:
            return child.legal_status.label
        if column == 2:
            return str(child.age(self._today))
        if column == 3:
            return nice_date(row.last_visit)
        if column == 4:
            if row.due.overdue_days:
                return f"Overdue by {row.due.overdue_days} day{'s' if row.due.overdue_days > 1 else ''}"
            return "Today" if row.due.on == self._today else nice_date(row.due.on)
        if column == WORKER:
            return row.worker or "\u2014"
        return str(row.drafts) if row.drafts else ""
