"""A child's page: summary, key people, chronology, plan, visits and their own words over time."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
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
from wvisit.app.queries.child import ChildView, ChronologyLine, chronology, load_child
from wvisit.domain import Category, ChronologyEvent, PlanItem, Sitting, VoiceEntry
from wvisit.domain.policy import Policy
from wvisit.domain.timeliness import Standard
from wvisit.domain.voice import is_quoted
from wvisit.store import Store
from wvisit.tools.trends import trends
from wvisit.ui import operations
from wvisit.ui.attachments_panel import AttachmentsPanel
from wvisit.ui.background import Ops
from wvisit.ui.child_summary import summary_html
from wvisit.ui.chronology_tab import ChronologyTab, line_text
from wvisit.ui.contact_dialog import ContactDialog
from wvisit.ui.contacts_tab import CONTACT_SHORTCUT, ContactsTab
from wvisit.ui.dialogs import EventDialog, PlanItemDialog, StrikeDialog
from wvisit.ui.models import nice_date, oversight_line
from wvisit.ui.page import Page
from wvisit.ui.picture_view import PictureView, show_sitting
from wvisit.ui.supervision_tab import SupervisionTab
from wvisit.ui.tools.chart import TrendChart
from wvisit.ui.widgets import hint, open_dialog, title

Line = PlanItem | ChronologyEvent  # a line of the plan or the chronology, which can be corrected
DASH, DOT, TICK = "\u2014", "\u00b7", "\u2713 "
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1  # a chronology line a record made (a visit, a contact): it opens it


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
        self.picture: PictureView | None = None  # a sitting being looked at, read-only
        self.dialog: QDialog | None = None
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
            lambda: self._ask(PlanItemDialog, lambda d: children.add_plan_item(d.plan_item()))
        )
        self.plan_reviewed_button = QPushButton("Plan reviewed toda&y")  # Alt+T is the Photos and scans tab
        self.plan_reviewed_button.setAccessibleName("The plan was reviewed today and stands")
        self.plan_reviewed_button.clicked.connect(
            lambda: (
                operations.amend_child(self, self.child_id, children.plan_reviewed(date.today()))
                .success(self._changed_here)
                .run_in_background()
            )
        )
        self.correct_event_button = _line_button("Co&rrect\u2026", "Correct the selected chronology entry")
        self.correct_event_button.clicked.connect(lambda: self._correct(self.chronology))
        self.strike_event_button = _line_button("Stri&ke through\u2026", "Strike the selected chronology entry through")
        self.strike_event_button.clicked.connect(lambda: self._strike(self.chronology))
        self.correct_plan_button = _line_button("Co&rrect\u2026", "Correct the selected plan action")
        self.correct_plan_button.clicked.connect(lambda: self._correct(self.plan))
        self.strike_plan_button = _line_button("Stri&ke through\u2026", "Strike the selected plan action through")
        self.strike_plan_button.clicked.connect(lambda: self._strike(self.plan))
        for listing, buttons in (
            (self.chronology, (self.correct_event_button, self.strike_event_button)),
            (self.plan, (self.correct_plan_button, self.strike_plan_button)),
        ):
            listing.currentItemChanged.connect(lambda item, _old, buttons=buttons: _enable(buttons, item))
        self.chronology_tab = ChronologyTab(
            self.chronology, (self.add_event_button, self.correct_event_button, self.strike_event_button)
        )
        self.chronology_tab.filter_changed.connect(self._show_chronology)
        self.chronology.itemActivated.connect(self._open_chronology_line)
        self.contacts = ContactsTab()
        self.contacts.add_button.clicked.connect(self.record_contact)
        QShortcut(QKeySequence(CONTACT_SHORTCUT), self).activated.connect(self.record_contact)
        self.visits = _list("Visits")
        self.visits.itemActivated.connect(lambda item: self.open_visit.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.words = _list("In their words")
        self.oversight = _list("Management oversight")
        self.supervision = SupervisionTab(child_id)
        self.standards = _list("Wandsworth 5: press Enter on one to go where it is kept up to date")
        self.standards.itemActivated.connect(self._fix_standard)
        self.chart = TrendChart()
        self.direct_work = _list("Direct work: Enter shows what the child made")
        self.direct_work.itemActivated.connect(self._show_sitting)
        self.attachments = AttachmentsPanel(ops, child_id)  # every visit's photos and scans
        direct = QWidget()
        direct_layout = QVBoxLayout(direct)
        direct_layout.addWidget(self.chart)
        direct_layout.addWidget(self.direct_work, 1)
        for widget, label in [
            (self.summary, "&Summary"),
            (self.chronology_tab, "Chronolo&gy"),
            (
                _with_buttons(
                    self.plan,
                    self.add_plan_button,
                    self.correct_plan_button,
                    self.strike_plan_button,
                    self.plan_reviewed_button,
                ),
                "P&lan",
            ),
            (self.visits, "&Visits"),
            (self.contacts, "&Contacts"),
            (self.words, "&In their words"),
            (direct, "&Direct work"),
            (self.attachments, "Pho&tos and scans"),
            (self.oversight, "&Oversight"),
            (self.supervision, "S&upervision"),
            (self.standards, "Wandsworth &5"),
        ]:
            self.tabs.addTab(widget, label)
        layout.addWidget(self.tabs)
        layout.addWidget(
            hint(
                f"Ctrl+N starts a new visit; {CONTACT_SHORTCUT} records a phone call or a meeting. "
                "In the Visits tab, press Enter to open one."
            )
        )
        self.setFocusProxy(self.tabs)

    def refresh(self) -> None:
        child_id, policy = self.child_id, self._policy
        read = operations.query(self, lambda store: load_child(store, child_id, policy, date.today()))
        read.success(self._show).run_in_background()
        self.supervision.refresh()
        self.attachments.refresh()

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
        self.summary.setText(summary_html(child, today))
        self._show_chronology()
        self.contacts.show_contacts(view.contacts, view.people)
        self._fill_lines(
            self.plan,
            [
                (f"{TICK if p.done else ''}{p.action} {DASH} {p.owner or 'no owner'}, by {nice_date(p.due)}", p)
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
        heard = [h for h in tools.heard_in(view.sittings) if not is_quoted(h, view.voice)]  # theirs, from direct work
        words = sorted([*view.voice, *heard], key=lambda entry: entry.recorded_at)
        self._fill(
            self.words,
            [_voice_line(v) for v in reversed(words)],
            "Nothing in the child's own words yet.",
        )
        self.chart.set_series(trends(view.sittings))
        self._fill(
            self.direct_work,
            [_work_line(s) for s in reversed(view.sittings)],
            "No direct work yet. Start it from a visit record.",
        )
        for row, sitting in enumerate(reversed(view.sittings)):  # Enter or a double-click shows it
            self.direct_work.item(row).setData(Qt.ItemDataRole.UserRole, sitting)
        notes = [oversight_line(note, view.people) for note in reversed(view.oversight)]
        self._fill(self.oversight, notes, "No management oversight yet.")
        self.standards.clear()
        for standard in view.standards:
            item = QListWidgetItem(_standard_line(standard))
            item.setData(Qt.ItemDataRole.UserRole, standard.name)
            self.standards.addItem(item)

    def _show_chronology(self) -> None:
        """The chronology's lines the tab's filter lets through."""
        if self.view is None:
            return
        lines = self.chronology_tab.chosen(chronology(self.view))
        empty = "No line matches the filter." if self.view.child.events or self.view.visits else ""
        self._fill_lines(
            self.chronology,
            [(line_text(line), line.event) for line in lines],
            empty or "Nothing on the chronology yet.",
        )
        made_by = iter(line for line in lines if line.event is None)  # a record's line is never struck
        for row in range(self.chronology.count()):
            item = self.chronology.item(row)
            if item.data(Qt.ItemDataRole.UserRole) is None and item.flags() & Qt.ItemFlag.ItemIsSelectable:
                line = next(made_by, None)
                item.setData(RECORD_ROLE, line)
                if line is not None:
                    item.setToolTip("Press Enter to open it")

    def _open_chronology_line(self, item: QListWidgetItem) -> None:
        """Enter on a line a record made opens that record: the visit (for its addenda and oversight too),
        the contacts or the case supervision."""
        line = item.data(RECORD_ROLE)
        if not isinstance(line, ChronologyLine) or line.record_id is None:
            return
        if line.category in (Category.VISIT, Category.ADDENDUM, Category.OVERSIGHT):
            self.open_visit.emit(line.record_id)
        elif line.category is Category.SUPERVISION:
            self.tabs.setCurrentWidget(self.supervision)
        else:
            self.tabs.setCurrentWidget(self.contacts)

    def record_contact(self) -> None:
        """Record a phone call, a meeting or a professional contact for this child."""
        if self.view is None:
            return
        dialog = ContactDialog(self)
        self.dialog = dialog
        dialog.accepted.connect(
            lambda: (
                operations.record_contact(self, self.child_id, dialog.details())
                .success(self._changed_here)
                .run_in_background()
            )
        )
        open_dialog(dialog)

    def _show_sitting(self, row: QListWidgetItem) -> None:
        sitting = row.data(Qt.ItemDataRole.UserRole)
        if isinstance(sitting, Sitting):
            self.picture = show_sitting(self, sitting)

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

    def _fill_lines(self, widget: QListWidget, lines: list[tuple[str, Line | None]], empty: str) -> None:
        """Lines that can be corrected carry their record; a struck one is shown struck through, with
        who struck it, when and why (it is never removed)."""
        widget.clear()
        people = self.view.people if self.view is not None else None
        for text, line in lines:
            struck = line.struck if line is not None else None
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, line)
            widget.addItem(item)
            if struck is not None:
                font = item.font()
                font.setStrikeOut(True)
                item.setFont(font)
                by = people.signature(struck.by) if people is not None else struck.by
                note = QListWidgetItem(f"    Struck through by {by}, {nice_date(struck.at.date())}. Why: {struck.why}")
                note.setFlags(Qt.ItemFlag.ItemIsEnabled)  # read, never selected: it belongs to the line above
                item.setToolTip(note.text().strip())
                widget.addItem(note)
        if not lines:
            widget.addItem(empty)
        _enable(self._line_buttons(widget), widget.currentItem())

    def _line_buttons(self, widget: QListWidget) -> tuple[QPushButton, QPushButton]:
        if widget is self.plan:
            return self.correct_plan_button, self.strike_plan_button
        return self.correct_event_button, self.strike_event_button

    def _correct(self, widget: QListWidget) -> None:
        """The corrected line is added and the old one struck through, in one change."""
        line = _selected(widget)
        if line is None:
            return
        dialog = PlanItemDialog(self, correcting=line) if isinstance(line, PlanItem) else EventDialog(self, line)
        self.dialog = dialog

        def save() -> None:
            replacement = dialog.plan_item() if isinstance(dialog, PlanItemDialog) else dialog.chronology_event()
            why = dialog.why.toPlainText() if dialog.why is not None else ""
            operations.strike(self, self.child_id, line, why, replacement).success(
                self._changed_here
            ).run_in_background()

        dialog.accepted.connect(save)
        open_dialog(dialog)

    def _strike(self, widget: QListWidget) -> None:
        line, item = _selected(widget), widget.currentItem()
        if line is None or item is None:
            return
        dialog = StrikeDialog(self, item.text())
        self.dialog = dialog
        dialog.accepted.connect(
            lambda: (
                operations.strike(self, self.child_id, line, dialog.why.toPlainText())
                .success(self._changed_here)
                .run_in_background()
            )
        )
        open_dialog(dialog)

    def _fix_standard(self, item: QListWidgetItem) -> None:
        """Each standard opens where it is kept up to date: the summary's editor, the chronology, the
        plan, a new visit, or the case supervision records."""
        name = item.data(Qt.ItemDataRole.UserRole)
        if name == "Case summary":
            self.edit_button.click()
        elif name == "Visit record":
            self.new_visit.emit(self.child_id)
        else:
            tab = {"Chronology": 1, "SMART plan": 2}.get(name)
            if name == "Supervision record":
                tab = self.tabs.indexOf(self.supervision)
            if tab is not None:
                self.tabs.setCurrentIndex(tab)
                self.tabs.currentWidget().setFocus()

    def _changed_here(self, _child: object) -> None:
        self.refresh()  # this page's own change: others are told by Ops.changed, this one reloads


def _line_button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    button.setEnabled(False)  # until a line that can be corrected is selected
    return button


def _selected(widget: QListWidget) -> Line | None:
    """The selected plan action or chronology entry, if it can still be corrected (not struck, not a visit)."""
    item = widget.currentItem()
    line = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    return line if isinstance(line, (PlanItem, ChronologyEvent)) and line.struck is None else None


def _enable(buttons: tuple[QPushButton, ...], item: QListWidgetItem | None) -> None:
    line = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
    correctable = isinstance(line, (PlanItem, ChronologyEvent)) and line.struck is None
    for button in buttons:
        button.setEnabled(correctable)


def _with_buttons(widget: QWidget, *buttons: QPushButton) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch()
    layout.addLayout(row)
    return holder


def _standard_line(standard: Standard) -> str:
    state = "\u2713 Up to date" if standard.up_to_date else "\u2717 Needs attention"
    last = nice_date(standard.last_touched) if standard.last_touched else "never"
    return f"{standard.name}: {state} {DASH} last touched {last}\n    The rule: {standard.why}."


def _voice_line(entry: VoiceEntry) -> str:
    context = f" ({entry.context})" if entry.context else ""
    context += " \u00b7 a disclosure" if entry.disclosure else ""
    return f"\u201c{entry.words}\u201d {DASH} {entry.expressed.value}, {nice_date(entry.recorded_at.date())}{context}"


def _work_line(sitting: Sitting) -> str:
    """A sitting in the Direct work list: what the child did, as the record says it; the worker's own
    records (the body map, the genogram: not the child's work) in one line each, named as the worker's."""
    tool = tools.get(sitting.tool)
    day = nice_date(sitting.started_at.date())
    if tool.for_worker:
        result = tool.load(sitting.result)
        said = tool.headline(result) if tool.headline else tool.summarise(result).splitlines()[0]
        return f"{day} {DASH} {tool.title} {DASH} {said} (worker's record)"
    return f"{day} {DASH} {tool.title}: {sitting.summary}"
