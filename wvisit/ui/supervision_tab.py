"""The child's case supervision records on their page, newest first; a supervisor records a new one here.

The worker reads what was discussed and decided about the child, signed by name and role. Only
signed records exist, so the worker never sees a supervisor's half-written thoughts.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from wvisit.app.queries.supervision import SupervisionView, load_supervision
from wvisit.domain.people import People
from wvisit.domain.supervision import Supervision
from wvisit.ui import operations
from wvisit.ui.models import nice_date
from wvisit.ui.supervision_dialog import SupervisionDialog
from wvisit.ui.widgets import open_dialog

DASH = "\u2014"


def supervision_text(record: Supervision, people: People) -> str:
    """A record as the worker and the supervisor read it: when, who signed, who attended, the discussion
    heading by heading, decisions, actions and the next date."""
    lines = [
        f"{nice_date(record.held_on)} {DASH} case supervision, signed by {people.signature(record.author)}",
        f"Attended: {record.attendees}",
        *(f"{heading}: {text}" for heading, text in record.discussed()),
        f"Decisions: {record.decisions}",
        *(f"  \u2022 {a.action} {DASH} {a.owner}, by {nice_date(a.due)}" for a in record.actions),
        f"Next supervision by {nice_date(record.next_due)}",
    ]
    return "\n".join(lines)


class SupervisionTab(QWidget):
    def __init__(self, child_id: str):
        super().__init__()
        self.child_id = child_id
        self.view: SupervisionView | None = None
        self.dialog: SupervisionDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.records = QListWidget()
        self.records.setAccessibleName("Case supervision records, newest first")
        self.records.setWordWrap(True)
        layout.addWidget(self.records, 1)
        row = QHBoxLayout()
        self.record_button = QPushButton("&Record supervision\u2026")
        self.record_button.setAccessibleName("Record case supervision")
        self.record_button.clicked.connect(self.record)
        self.record_button.hide()  # a supervisor's: shown once the view says this account is one
        row.addWidget(self.record_button)
        row.addStretch()
        layout.addLayout(row)
        self.setFocusProxy(self.records)

    def refresh(self) -> None:
        child_id = self.child_id
        operations.query(self, lambda store: load_supervision(store, child_id)).success(self._show).run_in_background()

    def _show(self, view: SupervisionView) -> None:
        self.view = view
        self.records.clear()
        self.records.addItems(
            [supervision_text(record, view.people) for record in view.records] or ["No case supervision recorded yet."]
        )
        self.record_button.setVisible(view.can_record)

    def record(self) -> None:
        if self.view is None or not self.view.can_record:
            return
        self.dialog = SupervisionDialog(self, self.view.worker_children, self.view.me, self.view.worker, date.today())
        self.dialog.accepted.connect(self._signed)
        open_dialog(self.dialog)

    def _signed(self) -> None:
        assert self.dialog is not None
        records = self.dialog.records()
        operations.record_supervision(self, records).success(lambda _: self.refresh()).run_in_background()
