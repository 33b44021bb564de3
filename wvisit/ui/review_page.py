"""The supervisor's review queue: the team's finalised visits, filtered, opened to add oversight."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
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
from wvisit.ui.models import nice_date
from wvisit.ui.page import Page
from wvisit.ui.widgets import hint, line_edit, title

HEADERS = ["Visit", "Child", "Legal status", "Worker", "Review", "Waiting", "Child's next visit"]


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
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.proxy = ReviewFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setAccessibleName("Visits to review")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint("Open a visit with Enter to read it and add management oversight."))
        self.worker.currentIndexChanged.connect(self._filter_changed)
        self.child.textChanged.connect(self._filter_changed)
        self.unreviewed.toggled.connect(self._filter_changed)
        self.overdue.toggled.connect(self._filter_changed)
        self.setFocusProxy(self.table)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        operations.query(self, lambda store: review_queue(store, policy, today)).success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, rows: list[ReviewRow]) -> None:
        self.proxy.rows = rows
        self.model.removeRows(0, self.model.rowCount())
        for row in rows:
            review = row.outcome.value.capitalize() if row.outcome else "Not yet reviewed"
            overdue = f"Overdue by {row.child_overdue_days} days" if row.child_overdue_days else "On time"
            waiting = "" if row.reviewed else ("Today" if not row.waiting_days else f"{row.waiting_days} days")
            texts = (
                nice_date(row.visited),
                row.child_name,
                row.legal_status.label,
                row.worker,
                review,
                waiting,
                overdue,
            )
            self.model.appendRow([QStandardItem(text) for text in texts])
        current = self.worker.currentData()
        self.worker.blockSignals(True)
        self.worker.clear()
        self.worker.addItem("All workers", "")
        for worker in sorted({row.worker for row in rows}):
            self.worker.addItem(worker, worker)
        self.worker.setCurrentIndex(max(0, self.worker.findData(current)))
        self.worker.blockSignals(False)
        self._filter_changed()
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _filter_changed(self, *_args) -> None:
        self.proxy.beginFilterChange()
        self.proxy.worker = self.worker.currentData() or ""
        self.proxy.child = self.child.text()
        self.proxy.unreviewed_only = self.unreviewed.isChecked()
        self.proxy.overdue_only = self.overdue.isChecked()
        self.proxy.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _activated(self, index) -> None:
        self.open_visit.emit(self.proxy.rows[self.proxy.mapToSource(index).row()].visit_id)
