"""A child's page: summary, key people, chronology, plan, visits and their own words over time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wvisit import tools
from wvisit.app import children
from wvisit.app.queries.child import ChildView, chronology, load_child
from wvisit.domain import VoiceEntry
from wvisit.domain.policy import Policy
from wvisit.domain.timeliness import Standard
from wvisit.store import Store
from wvisit.tools.trends import trends
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.dialogs import EventDialog, PlanItemDialog
from wvisit.ui.models import nice_date, oversight_line
from wvisit.ui.page import Page
from wvisit.ui.tools.chart import TrendChart
from wvisit.ui.widgets import hint, open_dialog, title

DASH, DOT, TICK = "\u2014", "\u00b7", "\u2713 "


def _list(name: str) -> QListWidget:
    widget = QListWidget()
    widget.setAccessibleName(name)
    widget.setWordWrap(True)
    return widget


class ChildPage(Page):
    open_visit = Signal(str)
    new_visit = Signal(str)
    edit_child = Signal(object, int)  # the child as shown, and its version

    def __init__(self, ops: Ops, store: Store, child_id: str, policy: Policy):
        super().__init__()
        self._ops, self._store, self.child_id, self._policy = ops, store, child_id, policy
        ops.changed.connect(self._records_changed)
        self.view: ChildView | None = None
        self.dialog = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = title("")
        top.addWidget(self.heading, 1)
        self.new_button = QPushButton("&New visit")
        self.new_button.setAccessibleName("New visit")
        self.new_button.clicked.connect(lambda: self.new_visit.emit(self.child_id))
        self.edit_button = QPushButton("&Edit details")
        self.edit_button.setAccessibleName("Edit the child's details")
        self.edit_button.clicked.connect(
            lambda: self.view and self.edit_child.emit(self.view.child, self.view.child_version)
        )
        top.addWidget(self.edit_button)
        top.addWidget(self.new_button)
        layout.addLayout(top)
        self.subheading = QLabel()
        layout.addWidget(self.subheading)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Child's record")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.summary.setAccessibleName("Summary")
        self.chronology = _list("Chronology")
        self.plan = _list("Plan")
        self.add_event_button = QPushButton("Add to the c&hronology")
        self.add_event_button.setAccessibleName("Add to the chronology")
        self.add_event_button.clicked.connect(
            lambda: self._ask(EventDialog, lambda d: children.add_event(d.chronology_event()))
        )
        self.add_plan_button = QPushButton("Add to the &plan")
        self.add_plan_button.setAccessibleName("Add to the plan")
        self.add_plan_button.clicked.connect(
            lambda: self._ask(PlanItemDialog, lambda d: children.add_plan_item(d.plan_item(), date.today()))
        )
        self.visits = _list("Visits")
        self.visits.itemActivated.connect(lambda item: self.open_visit.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.words = _list("In their words")
        self.oversight = _list("Management oversight")
        self.standards = _list("Wandsworth 5")
        self.chart = TrendChart()
        self.direct_work = _list("Direct work")
        direct = QWidget()
        direct_layout = QVBoxLayout(direct)
        direct_layout.addWidget(self.chart)
        direct_layout.addWidget(self.direct_work, 1)
        for widget, label in [
            (self.summary, "&Summary"),
            (_with_button(self.chronology, self.add_event_button), "Chronology"),
            (_with_button(self.plan, self.add_plan_button), "Plan"),
            (self.visits, "&Visits"),
            (self.words, "In their &words"),
            (direct, "&Direct work"),
            (self.oversight, "&Oversight"),
            (self.standards, "Wandsworth &5"),
        ]:
            self.tabs.addTab(widget, label)
        layout.addWidget(self.tabs)
        layout.addWidget(hint("Ctrl+N starts a new visit. In the Visits tab, press Enter to open one."))
        self.setFocusProxy(self.tabs)

    def refresh(self) -> None:
        child_id, policy = self.child_id, self._policy
        read = operations.query(self, lambda store: load_child(store, child_id, policy, date.today()))
        read.success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, self.child_id):
            self.refresh()

    def _show(self, view: ChildView) -> None:
        self.view = view
        child, today = view.child, date.today()
        self.heading.setText(child.name)
        self.heading.setAccessibleName(child.name)
        self.subheading.setText(
            f"Age {child.age(today)} {DOT} {child.legal_status.label} {DOT} born {nice_date(child.date_of_birth)}"
        )
        people = "".join(
            f"<li>{_escape(p.name)}{' (' + _escape(p.relationship) + ')' if p.relationship else ''}</li>"
            for p in child.key_people
        )
        self.summary.setText(
            f"<h3>Case summary</h3><p>{_escape(child.summary) or 'No summary yet.'}</p>"
            f"<h3>Key people</h3>{'<ul>' + people + '</ul>' if people else '<p>None recorded yet.</p>'}"
            f"<h3>Identity and culture</h3><p>{_escape(child.identity_notes) or DASH}</p>"
            f"<h3>Language and communication</h3><p>{_escape(child.language_notes) or DASH}</p>"
        )
        self._fill(
            self.chronology,
            [f"{nice_date(on)} {DASH} {what}" for on, what in chronology(view)],
            "Nothing on the chronology yet.",
        )
        self._fill(
            self.plan,
            [
                f"{TICK if p.done else ''}{p.action} {DASH} {p.owner or 'no owner'}, by {nice_date(p.due)}"
                for p in child.plan
            ],
            "No plan items yet.",
        )
        self.visits.clear()
        for visit in view.visits:
            when = nice_date(visit.started_at.date()) if visit.started_at else "No date yet"
            state = "Finalised" if visit.is_final else "Draft"
            first_line = visit.what_i_saw.splitlines()[0][:80] if visit.what_i_saw else ""
            item = QListWidgetItem(f"{when} {DASH} {state} {DASH} {first_line}")
            item.setData(Qt.ItemDataRole.UserRole, visit.id)
            self.visits.addItem(item)
        if not view.visits:
            self.visits.addItem("No visits yet. Press Ctrl+N to start one.")
        self._fill(
            self.words,
            [_voice_line(v) for v in reversed(view.voice)],
            "Nothing in the child's own words yet.",
        )
        self.chart.set_series(trends(view.sittings))
        self._fill(
            self.direct_work,
            [
                f"{nice_date(s.started_at.date())} {DASH} {tools.get(s.tool).title}: {s.summary}"
                for s in reversed(view.sittings)
            ],
            "No direct work yet. Start it from a visit record.",
        )
        notes = [oversight_line(note, view.people) for note in reversed(view.oversight)]
        self._fill(self.oversight, notes, "No management oversight yet.")
        self._fill(self.standards, [_standard_line(s) for s in view.standards], "")

    def _ask(self, dialog_type, addition) -> None:
        """Open a small form; on Save, `addition(form)` reads it into a change that is applied to the
        newest stored child (a sync may have brought a newer one since this page loaded)."""
        if self.view is None:
            return
        self.dialog = dialog_type(self)

        def save() -> None:
            change = addition(self.dialog)
            operations.amend_child(self, self.child_id, change).success(lambda _: self.refresh()).run_in_background()

        self.dialog.accepted.connect(save)
        open_dialog(self.dialog)

    @staticmethod
    def _fill(widget: QListWidget, lines: list[str], empty: str) -> None:
        widget.clear()
        widget.addItems(lines or [empty])


def _with_button(widget: QWidget, button: QPushButton) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    row = QHBoxLayout()
    row.addWidget(button)
    row.addStretch()
    layout.addLayout(row)
    return holder


def _standard_line(standard: Standard) -> str:
    state = "\u2713 up to date" if standard.up_to_date else "\u2717 needs attention"
    return f"{standard.name}: {state} {DASH} last touched {nice_date(standard.last_touched)} ({standard.why})"


def _voice_line(entry: VoiceEntry) -> str:
    context = f" ({entry.context})" if entry.context else ""
    return f"\u201c{entry.words}\u201d {DASH} {entry.expressed.value}, {nice_date(entry.recorded_at.date())}{context}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>")
