"""The supervisor's review queue: the team's finalised visits, filtered, opened to add oversight."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
)

from wvisit.app.queries.review import ReviewRow, review_queue
from wvisit.domain.policy import Policy
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.models import ROOT, nice_date
from wvisit.ui.page import Page
from wvisit.ui.widgets import Banner, hint, line_edit, show_unreadable, title

SIZED_FROM = 200  # rows whose text sets the columns' widths: every one of 30,000 took 0.26 s each time
HEADERS = ["Visit", "Child", "Legal status", "Worker", "Review", "Waiting", "Child's next visit"]


class ReviewModel(QAbstractTableModel):
    """The queue's rows as a table, each cell's text made when Qt draws it: a team manager's queue
    holds 30,000 visits, and making 210,000 items for them took the UI thread 1.2-1.6 s."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[ReviewRow] = []

    def set_rows(self, rows: list[ReviewRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt's name
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:  # noqa: N802 - Qt's name
        return len(HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt's name
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        return _texts(self.rows[index.row()])[index.column()]


def _texts(row: ReviewRow) -> tuple[str, ...]:
    """A row's cells as the supervisor reads them, in the order of HEADERS."""
    review = row.outcome.value.capitalize() if row.outcome else "Not yet reviewed"
    overdue = f"Overdue by {row.child_overdue_days} days" if row.child_overdue_days else "On time"
    waiting = "" if row.reviewed else ("Today" if not row.waiting_days else f"{row.waiting_days} days")
    return (nice_date(row.visited), row.child_name, row.legal_status.label, row.worker, review, waiting, overdue)


class ReviewFilter(QSortFilterProxyModel):
    """Rows pass when they match the worker, the child's name and the two check boxes."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.worker = ""
        self.child = ""
        self.unreviewed_only = True
        self.overdue_only = False
        self.rows: list[ReviewRow] = []

    def filterAcceptsRow(self, source_row: int, _parent) -> bool:  # noqa: N802 - Qt's name
        row = self.rows[source_row]
        return (
            (not self.worker or row.worker == self.worker)
            and self.child.casefold() in row.child_name.casefold()
            and (not self.unreviewed_only or not row.reviewed)
            and (not self.overdue_only or row.child_overdue_days > 0)
        )


class ReviewPage(Page):
    open_visit = Signal(str)

    def __init__(self, ops: Ops, store: Store, policy: Policy):
        super().__init__()
        self._ops, self._store, self._policy = ops, store, policy
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(title("Review queue"))
        filters = QHBoxLayout()
        self.worker = QComboBox()
        self.worker.setAccessibleName("Worker")
        self.child = line_edit("Child", "Child's name")
        self.unreviewed = QCheckBox("&Not yet reviewed")
        self.unreviewed.setChecked(True)
        self.overdue = QCheckBox("Child &overdue a visit")
        for widget in (self.worker, self.child, self.unreviewed, self.overdue):
            filters.addWidget(widget)
        layout.addLayout(filters)
        self.model = ReviewModel(self)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Visits to review")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setResizeContentsPrecision(SIZED_FROM)
        self.table.activated.connect(self._activated)
        self.unreadable = Banner()  # one damaged visit must not silently shrink the queue
        layout.addWidget(self.unreadable)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("Open a visit with Enter to read it and add management oversight."))
        self.worker.currentIndexChanged.connect(self._filter_changed)
        self.child.textChanged.connect(self._filter_changed)
        self.unreviewed.toggled.connect(self._filter_changed)
        self.overdue.toggled.connect(self._filter_changed)
        self.setFocusProxy(self.table)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        query = operations.query(self, lambda store: (review_queue(store, policy, today), store.visit_facts.unreadable))
        query.success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, found: tuple[list[ReviewRow], int]) -> None:
        rows, unreadable = found
        show_unreadable(self.unreadable, unreadable, "listed here")
        current = self.worker.currentData()
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem("All workers", "")
        for worker in sorted({row.worker for row in rows}):
            self.worker.addItem(worker, worker)
        self.worker.setCurrentIndex(max(0, self.worker.findData(current)))
        self.worker.blockSignals(False)
        self._take_filters()
        self.proxy.rows = rows
        self.model.set_rows(rows)  # the proxy filters the new rows once, by the filters just taken
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _filter_changed(self, *_args) -> None:
        self.proxy.beginFilterChange()
        self._take_filters()
        self.proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _take_filters(self) -> None:
        self.proxy.worker = self.worker.currentData() or ""
        self.proxy.child = self.child.text()
        self.proxy.unreviewed_only = self.unreviewed.isChecked()
        self.proxy.overdue_only = self.overdue.isChecked()

    def _activated(self, index) -> None:
        self.open_visit.emit(self.proxy.rows[self.proxy.mapToSource(index).row()].visit_id)
