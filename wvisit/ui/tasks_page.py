"""My tasks: the worker's home screen - what is overdue, what oversight asked for, what is due this
week, drafts to finish, what sync set aside - each row opening the screen where it is done."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from wvisit.app import children
from wvisit.app.queries.tasks import GROUP_ORDER, Group, Task, TaskKind, tasks
from wvisit.domain import PlanItem
from wvisit.domain.policy import Policy
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.models import nice_date
from wvisit.ui.page import Page
from wvisit.ui.widgets import Banner, hint, title, warning_colour

COLUMNS = ["Child", "What", "Who", "By when"]
TASK = Qt.ItemDataRole.UserRole


class TasksPage(Page):
    open_task = Signal(str, str)  # screen, record id
    counted = Signal(int)  # how many tasks, each time they are read

    def __init__(self, ops: Ops, store: Store, policy: Policy):
        super().__init__()
        self._ops, self._store, self._policy = ops, store, policy
        self.rows: list[Task] = []
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(title("My tasks"))
        top.addStretch()
        self.done_button = QPushButton("&Mark action done")
        self.done_button.setAccessibleName("Mark action done")
        self.done_button.setToolTip("Mark the chosen plan action done (it stays in the plan, ticked)")
        self.done_button.setEnabled(False)
        self.done_button.clicked.connect(self.mark_done)
        top.addWidget(self.done_button)
        layout.addLayout(top)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.empty = QLabel("Nothing needs you right now. Your children are under My children (Ctrl+2).")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("My tasks")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(COLUMNS)
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activated)
        self.tree.currentItemChanged.connect(lambda *_: self._current_changed())
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint("Press Enter or double-click a task to open where it is done. My children: Ctrl+2."))
        self.setFocusProxy(self.tree)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        read = operations.query(self, lambda store: tasks(store, policy, today))
        read.success(lambda found: self._show(found, today)).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, found: list[Task], today: date) -> None:
        chosen = self.current_task()
        self.rows = found
        self.tree.clear()
        warning = QBrush(QColor(warning_colour(self)))
        bold = QFont(self.tree.font())
        bold.setBold(True)
        again = None
        for group in GROUP_ORDER:
            members = [task for task in found if task.group is group]
            if not members:
                continue
            heading = QTreeWidgetItem([f"{group.value} ({len(members)})"])
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a task: Enter opens nothing
            if group is Group.OVERDUE:
                heading.setForeground(0, warning)
            self.tree.addTopLevelItem(heading)
            heading.setFirstColumnSpanned(True)  # only once in the tree
            for task in members:
                item = QTreeWidgetItem([task.child_name or "\u2014", task.what, task.who, nice_date(task.due)])
                item.setData(0, TASK, task)
                for column in range(len(COLUMNS)):
                    item.setToolTip(column, item.text(column))
                if group is Group.OVERDUE:
                    item.setForeground(3, warning)
                    item.setFont(3, bold)
                heading.addChild(item)
                if task == chosen:
                    again = item
        self.tree.expandAll()
        names = [self.tree.fontMetrics().horizontalAdvance(t.child_name) for t in found]
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, max([120, *names]) + 40)  # the names, not the group headings that span
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setVisible(bool(found))
        self.empty.setVisible(not found)
        first = self.tree.topLevelItem(0)
        current = again or (first.child(0) if first is not None else None)
        if current is not None:
            self.tree.setCurrentItem(current)
        self._current_changed()
        self.counted.emit(len(found))

    def current_task(self) -> Task | None:
        item = self.tree.currentItem()
        return item.data(0, TASK) if item is not None else None

    def _current_changed(self) -> None:
        task = self.current_task()
        self.done_button.setEnabled(task is not None and task.kind is TaskKind.ACTION)

    def _activated(self, item: QTreeWidgetItem) -> None:
        task: Task | None = item.data(0, TASK)
        if task is None:
            return
        if not task.opens.screen:
            self.banner.show_message("There is nothing on this laptop to open for this one. Ask IT to update wvisit.")
            return
        self.open_task.emit(task.opens.screen, task.opens.record_id)

    def mark_done(self) -> None:
        """The chosen plan action is done: ticked in the child's plan, and gone from this list."""
        task = self.current_task()
        if task is None or task.kind is not TaskKind.ACTION or task.child_id is None:
            return
        item = PlanItem(task.what, task.who, task.due)
        change = children.plan_item_done(item)
        operations.amend_child(self, task.child_id, change).success(lambda _child: self.refresh()).run_in_background()
