"""Actions typed as rows - what, who, by when - instead of a line in a hidden format.

A SMART action needs all three, so each gets its own box: a row per action, with a button to add
another and one to remove each, all reachable with Tab. A row left without "what" is ignored; a
row with "what" but no "who" or no date is refused by its number, never quoted (what a worker
types may be a person's name).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from wvisit.domain import PlanItem
from wvisit.errors import InvalidValue
from wvisit.ui.date_field import DateField
from wvisit.ui.widgets import line_edit

DEFAULT_NOTICE = timedelta(days=7)  # a new action's "by when", until the person chooses


@dataclass
class _Row:
    what: QLineEdit
    who: QLineEdit
    when: DateField
    remove: QPushButton

    def widgets(self) -> list[QWidget]:
        return [self.what, self.who, self.when, self.remove]

    def focus_chain(self) -> list[QWidget]:
        return [self.what, self.who, self.when.edit, self.when.button, self.remove]

    def is_empty(self) -> bool:
        return not self.what.text().strip()


class ActionRows(QWidget):
    """Rows of actions; `plan_items()` reads them as plan items (InvalidValue for an incomplete row).
    `as_typed()` reads them as they stand, an incomplete row too (a draft's autosave keeps what is
    typed; finalising asks for what is missing); `changed` says something was typed."""

    changed = Signal()

    def __init__(self, default_owner: str = "", today: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Actions")
        self._default_owner = default_owner
        self._today = today or date.today()
        self._read_only = False
        self.rows: list[_Row] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 3)  # what needs to happen is the longest
        self._grid.setColumnStretch(1, 2)
        self._headers = [QLabel("What needs to happen"), QLabel("Who"), QLabel("By when")]
        outer.addLayout(self._grid)
        self.add_button = QPushButton("Add another actio&n")
        self.add_button.setAccessibleName("Add another action")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        outer.addWidget(self.add_button)
        self.add_row()
        self.setFocusProxy(self.rows[0].what)

    def add_row(self, item: PlanItem | None = None, focus: bool = False) -> None:
        what = line_edit("", "e.g. Ask the school about transport")
        who = line_edit("", "Who will do it")
        who.setMinimumWidth(who.fontMetrics().horizontalAdvance("Who will do it") + 24)
        who.setText(item.owner if item else self._default_owner)
        when = DateField("By when", item.due if item else self._today + DEFAULT_NOTICE, optional=True)
        what.setMinimumWidth(what.fontMetrics().horizontalAdvance("Ask the school about transport") + 16)
        if item:
            what.setText(item.action)
            what.setCursorPosition(0)
        remove = QPushButton("Remove")
        row = _Row(what, who, when, remove)
        remove.clicked.connect(lambda: self.remove_row(row))
        what.textChanged.connect(lambda _text: self.changed.emit())
        who.textChanged.connect(lambda _text: self.changed.emit())
        when.changed.connect(self.changed.emit)
        remove.setEnabled(not self._read_only)
        for box in (what, who):
            box.setReadOnly(self._read_only)
        when.set_read_only(self._read_only)
        self.rows.append(row)
        self._relayout()
        if focus:
            what.setFocus()

    def remove_row(self, row: _Row) -> None:
        """The row goes; the last one left is only emptied, so there is always a row to type in."""
        index = self.rows.index(row)
        if len(self.rows) == 1:
            row.what.clear()
            row.who.setText(self._default_owner)
            row.when.set_value(self._today + DEFAULT_NOTICE)
            row.what.setFocus()
            return
        self.rows.remove(row)
        for widget in row.widgets():
            widget.deleteLater()
        self._relayout()
        self.rows[max(0, index - 1)].what.setFocus()
        self.changed.emit()

    def as_typed(self) -> list[PlanItem]:
        """Every row with something in "what", as typed: who may be empty and by when unset."""
        return [
            PlanItem(action=row.what.text().strip(), owner=row.who.text().strip(), due=row.when.value())
            for row in self.rows
            if not row.is_empty()
        ]

    def set_items(self, items: list[PlanItem]) -> None:
        """Show `items`, one row each (one empty row when there are none), as loaded from a record."""
        for row in self.rows:
            for widget in row.widgets():
                widget.deleteLater()
        self.rows = []
        for item in items:
            self.add_row(item)
        if not items:
            self.add_row()

    def set_read_only(self, read_only: bool) -> None:
        """A finalised record's actions are read, not changed: no row is added, removed or typed in."""
        self._read_only = read_only
        self.add_button.setVisible(not read_only)
        for row in self.rows:
            row.what.setReadOnly(read_only)
            row.who.setReadOnly(read_only)
            row.when.set_read_only(read_only)
            row.remove.setEnabled(not read_only)

    def plan_items(self) -> list[PlanItem]:
        items = []
        for number, row in enumerate(self.rows, start=1):
            if row.is_empty():
                continue
            who, when = row.who.text().strip(), row.when.value()
            if not who or when is None:
                missing = "who will do it" if not who else "a date: by when"
                raise InvalidValue(f"Action {number} needs {missing}.")
            if row.when.problem():
                raise InvalidValue(f"Action {number}: by when is not a date yet.")
            items.append(PlanItem(action=row.what.text().strip(), owner=who, due=when))
        return items

    def first_incomplete(self) -> QWidget | None:
        """The box to go back to after `plan_items()` refused (the first row missing who or when)."""
        for row in self.rows:
            if not row.is_empty() and not row.who.text().strip():
                return row.who
            if not row.is_empty() and (row.when.value() is None or row.when.problem()):
                return row.when
        return None

    def _relayout(self) -> None:
        """Lay the rows out again (after adding or removing one) and keep Tab in reading order."""
        while self._grid.count():
            self._grid.takeAt(0)
        for column, header in enumerate(self._headers):
            self._grid.addWidget(header, 0, column)
        for number, row in enumerate(self.rows, start=1):
            row.what.setAccessibleName(f"Action {number}: what needs to happen")
            row.who.setAccessibleName(f"Action {number}: who")
            row.when.edit.setAccessibleName(f"Action {number}: by when")
            row.when.button.setAccessibleName(f"Action {number}: choose by when from a calendar")
            row.remove.setAccessibleName(f"Remove action {number}")
            for column, widget in enumerate(row.widgets()):
                self._grid.addWidget(widget, number, column, Qt.AlignmentFlag.AlignTop)
        chain = [widget for row in self.rows for widget in row.focus_chain()] + [self.add_button]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)
        if self.rows:
            self.setFocusProxy(self.rows[0].what)
