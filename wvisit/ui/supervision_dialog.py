"""The supervisor records a case supervision meeting: for one child, or several children of one worker.

The date, who attended and the next supervision date are the meeting's; the reflective
discussion, the decisions and the actions are each child's own, on a tab per child, so every
child gets a record of their own. Nothing is chosen for the supervisor but the child whose page
it was opened from. Saving signs the records: the worker sees them after the next sync.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from wvisit.domain.supervision import REFLECTION_HEADINGS, TRIO, Reflection, Supervision
from wvisit.errors import InvalidValue
from wvisit.ui.action_rows import ActionRows
from wvisit.ui.date_field import DateField
from wvisit.ui.dialogs import _Form
from wvisit.ui.widgets import line_edit, text_box

NEXT_SUPERVISION = timedelta(weeks=6)  # the next date offered: the Wandsworth 5 asks for one every 42 days


class ChildDiscussion(QScrollArea):
    """One child's part of the meeting: the systemic discussion heading by heading, decisions, actions."""

    def __init__(self, child_name: str, worker: str):
        super().__init__()
        self.child_name = child_name
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        form = QFormLayout(body)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # headings above: the boxes get the width
        self.boxes = {}
        for name, heading in REFLECTION_HEADINGS.items():
            label = f"Trio of vulnerabilities: {heading.lower()}" if name in TRIO else heading
            box = text_box(f"{child_name}: {label}", 2)
            self.boxes[name] = box
            form.addRow(label, box)
        self.decisions = text_box(f"{child_name}: decisions", 2)
        form.addRow("Decisions", self.decisions)
        self.action_rows = ActionRows(default_owner=worker)
        self.action_rows.setAccessibleName(f"{child_name}: actions")
        form.addRow("Actions (they join the plan)", self.action_rows)
        self.setWidget(body)
        self.setFocusProxy(self.boxes["hypotheses"])

    def reflection(self) -> Reflection:
        return Reflection(**{f.name: self.boxes[f.name].toPlainText().strip() for f in fields(Reflection)})


class SupervisionDialog(_Form):
    """`children`: (id, name) of the worker's children, the one the page is about first."""

    def __init__(self, parent, children: list[tuple[str, str]], me: str, worker: str, today: date | None = None):
        super().__init__(
            parent,
            "Case supervision",
            "Each child discussed gets their own supervision record. Once you save, it is signed: it becomes "
            "part of the child's record, reaches the worker on their next sync, and its actions join the plan.",
        )
        self._worker = worker
        day = today or date.today()
        self.held_on = DateField("Date of supervision", day)
        self.attendees = line_edit("Who attended", "Names and roles")
        self.attendees.setText(", ".join(dict.fromkeys(name for name in (me, worker) if name)))
        self.next_due = DateField("Next supervision", day + NEXT_SUPERVISION)
        self.child_list = QListWidget()
        self.child_list.setAccessibleName(f"Children discussed{' with ' + worker if worker else ''}")
        lines = max(2, min(len(children), 5))
        self.child_list.setFixedHeight(self.child_list.fontMetrics().lineSpacing() * (lines + 1) + 8)
        self.pages = QTabWidget()
        self.pages.setAccessibleName("What was discussed, child by child")
        self.pages.setMinimumHeight(self.fontMetrics().lineSpacing() * 12)
        self.discussions: dict[str, ChildDiscussion] = {}
        for n, (child_id, name) in enumerate(children):
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, child_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if n == 0 else Qt.CheckState.Unchecked)
            self.child_list.addItem(item)
        self.child_list.itemChanged.connect(lambda _item: self._show_pages())
        self.form.addRow("&Date", self.held_on)
        self.form.addRow("Who &attended", self.attendees)
        self.form.addRow("C&hildren discussed", self.child_list)
        self.form.addRow(self.pages)
        self.form.addRow("&Next supervision", self.next_due)
        self.require(self.held_on, "Give the date of the supervision.")
        self.require(self.attendees, "Say who attended the supervision.")
        self.require(self.next_due, "Give the date of the next supervision.")
        self.finish_layout()
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Sign and save")
        self._show_pages()
        self.held_on.setFocus()

    def chosen(self) -> list[tuple[str, str]]:
        """(id, name) of the children ticked, in the list's order."""
        items = (self.child_list.item(n) for n in range(self.child_list.count()))
        return [
            (item.data(Qt.ItemDataRole.UserRole), item.text())
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _show_pages(self) -> None:
        """A tab per child ticked; what was typed for a child unticked and ticked again is kept."""
        self.pages.clear()
        for child_id, name in self.chosen():
            page = self.discussions.get(child_id) or ChildDiscussion(name, self._worker)
            self.discussions[child_id] = page
            self.pages.addTab(page, name)

    def records(self) -> list[Supervision]:
        """One record per child ticked, unsigned (the use case signs them with the store's account)."""
        held_on, next_due = self.held_on.value(), self.next_due.value()
        assert held_on is not None and next_due is not None  # required: _accept refused an empty one
        return [
            Supervision(
                child_id=child_id,
                author="",
                held_on=held_on,
                attendees=self.attendees.text().strip(),
                discussion=self.discussions[child_id].reflection(),
                decisions=self.discussions[child_id].decisions.toPlainText().strip(),
                next_due=next_due,
                actions=self.discussions[child_id].action_rows.plan_items(),
            )
            for child_id, _name in self.chosen()
        ]

    def _accept(self) -> None:
        if not self.chosen():
            self.banner.show_message("Tick at least one child discussed.")
            self.child_list.setFocus()
            return
        for index, (child_id, name) in enumerate(self.chosen()):
            page = self.discussions[child_id]
            try:
                page.action_rows.plan_items()
            except InvalidValue as error:
                self._refuse(index, f"{name}: {error}", page.action_rows.first_incomplete() or page.action_rows)
                return
        if self.held_on.problem() or self.next_due.problem():
            super()._accept()  # says which date is not one yet
            return
        try:
            records = self.records() if self.held_on.value() and self.next_due.value() else []
            for record in records:  # the record's own rules, as the store will ask them
                record.validate()
        except InvalidValue as error:
            index = next(n for n, (cid, _) in enumerate(self.chosen()) if cid == record.child_id)
            self._refuse(index, f"{self.chosen()[index][1]}: {error}", self._box_for(str(error), record.child_id))
            return
        super()._accept()

    def _refuse(self, index: int, sentence: str, box: QWidget) -> None:
        self.pages.setCurrentIndex(index)
        self.banner.show_message(sentence)
        box.setFocus()

    def _box_for(self, sentence: str, child_id: str) -> QWidget:
        """Where to go back to after a record's own rule refused it."""
        page = self.discussions[child_id]
        if "lived experience" in sentence:
            return page.boxes["lived_experience"]
        if "decisions" in sentence:
            return page.decisions
        if "next supervision" in sentence:
            return self.next_due
        if "attended" in sentence:
            return self.attendees
        return self.held_on
