"""The caseload: the worker's children, who is due a visit, who is overdue; filter, add, open."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableView, QVBoxLayout

from wvisit.app.queries.caseload import CaseloadRow, caseload
from wvisit.domain.policy import Policy
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.models import WORKER, CaseloadModel
from wvisit.ui.page import Page
from wvisit.ui.widgets import hint, line_edit, title, warning_colour


class CaseloadPage(Page):
    open_child = Signal(str)
    add_child = Signal()

    def __init__(self, ops: Ops, store: Store, policy: Policy):
        super().__init__()
        self._ops, self._store, self._policy = ops, store, policy
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = title("My children")
        top.addWidget(self.heading)
        top.addStretch()
        self.add_button = QPushButton("&Add a child")
        self.add_button.setAccessibleName("Add a child")
        self.add_button.clicked.connect(self.add_child)
        top.addWidget(self.add_button)
        layout.addLayout(top)
        self.filter = line_edit("Filter children", "Filter by name or legal status")
        layout.addWidget(self.filter)
        self.model = CaseloadModel(warning_colour(self))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table = QTableView()
        self.table.setAccessibleName("Children on my caseload")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)  # most urgent first
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.setColumnHidden(WORKER, True)  # until the rows say whose children they are
        layout.addWidget(self.table)
        layout.addWidget(hint("Press Enter or double-click a child to open their page. Overdue visits are in bold."))
        self.setFocusProxy(self.table)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        read = operations.query(self, lambda store: caseload(store, policy, today))
        read.success(lambda rows: self._show(rows, today)).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, rows: list[CaseloadRow], today: date) -> None:
        self.model.set_rows(rows, today)
        team = any(row.worker for row in rows)  # a supervisor's caseload: the team's children, by worker
        self.table.setColumnHidden(WORKER, not team)
        heading = "The team's children" if team else "My children"
        self.heading.setText(heading)
        self.heading.setAccessibleName(heading)
        self.filter.setPlaceholderText(f"Filter by name{', legal status or worker' if team else ' or legal status'}")
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        if self.proxy.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.proxy.index(0, 0))

    def _activated(self, index) -> None:
        self.open_child.emit(self.model.row_at(self.proxy.mapToSource(index).row()).child.id)
