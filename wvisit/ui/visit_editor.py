"""The visit editor: sections from the template, autosave as you type, finalise, then addenda only.

Autosave: every change restarts a short timer (AUTOSAVE_MS); when it fires, the form is
read into a Visit and saved on the background thread, so typing never waits on the disk.
A crash loses at most that interval. Finalising asks the domain rule, and the banner
names everything still missing.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wvisit import resources, tools
from wvisit.app import exports
from wvisit.app import visits as visit_uses
from wvisit.app.queries.visit import VisitView, load_visit
from wvisit.domain import Child, Sitting, Visit, VoiceEntry, from_record, to_record
from wvisit.domain.people import People
from wvisit.domain.policy import Policy
from wvisit.domain.visit import needed_to_finalise
from wvisit.domain.voice import is_quoted
from wvisit.errors import VisitIncomplete, WvisitError
from wvisit.pdf import write_pdf
from wvisit.store import Store
from wvisit.ui import export_paths, operations
from wvisit.ui.attachments_panel import AttachmentsPanel
from wvisit.ui.background import Ops
from wvisit.ui.body_map_dialog import BodyMapRecording
from wvisit.ui.dialogs import (
    AddendumDialog,
    DiscardDialog,
    FinaliseDialog,
    OversightDialog,
    ToolChooser,
    VoiceDialog,
)
from wvisit.ui.dictation import Dictation
from wvisit.ui.dictation_bar import DictationBar, into_quote
from wvisit.ui.genogram_dialog import GenogramRecording
from wvisit.ui.heard_words import HeardWords
from wvisit.ui.letter_dialog import LetterDialog
from wvisit.ui.models import nice_date, oversight_line
from wvisit.ui.page import Page
from wvisit.ui.picture_view import PictureView, show_sitting
from wvisit.ui.visit_form import Field, LimitedDate, build_section
from wvisit.ui.widgets import Banner, hint, open_dialog, title
from wvisit.ui.writing_aid import WritingHelp
from wvisit.writing.letter import LetterMaterial

AUTOSAVE_MS = 1500
VOICE_SHORTCUT = "Ctrl+Shift+W"


class VisitEditor(Page):
    discarded = Signal(str)  # the child's id: the draft has gone, the window shows the child again
    letter_contact = ""  # how a child reaches their worker, for letters (the letter_contact setting)
    # visit id, tool key, first result, the earlier sitting carried on ("" for none): the main window opens child mode
    direct_work = Signal(str, str, dict, str)

    def __init__(
        self,
        ops: Ops,
        store: Store,
        visit_id: str,
        supervisor: bool = False,
        writing: WritingHelp | None = None,
        policy: Policy | None = None,
        dictation: Dictation | None = None,
    ):
        """`policy`: the council's visit-frequency policy; the next visit is offered and checked against it.
        `dictation`: the window's speech to text (ui/dictation.py), for the bar above the form."""
        super().__init__()
        self._ops, self._store, self.visit_id, self._supervisor = ops, store, visit_id, supervisor
        self._policy = policy
        self._dictation = dictation
        ops.changed.connect(self._records_changed)
        self._writing = writing
        self.visit: Visit | None = None
        self._people = People({})  # who wrote what, by name (from each load)
        self._child: Child | None = None  # the child, the words and the direct work as last loaded
        self._voice: list[VoiceEntry] = []
        self._sittings: list[Sitting] = []
        self._following_needs = False
        self.fields: dict[str, Field] = {}
        self.dialog: VoiceDialog | AddendumDialog | None = None
        self.body_map: BodyMapRecording | None = None  # the body map being recorded, if any
        self.genogram: GenogramRecording | None = None  # the genogram being recorded, if any
        self.picture: PictureView | None = None  # a sitting being looked at, read-only
        self._loading = False
        self._dirty = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_now)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.heading = title("Visit")
        top.addWidget(self.heading, 1)
        self.save_mark = QLabel("")
        self.save_mark.setAccessibleName("Save status")
        top.addWidget(self.save_mark)
        layout.addLayout(top)
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.needed = QListWidget()  # what finalising still needs, kept up to date as the worker types
        self.needed.setAccessibleName("Still needed before finalising: press Enter to go to one")
        self.needed.setMaximumHeight(120)
        self.needed.itemActivated.connect(self._go_to_needed)
        self.needed.setVisible(False)
        layout.addWidget(self.needed)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)
        buttons = QHBoxLayout()
        self.voice_button = QPushButton(f"Add the child's &words ({VOICE_SHORTCUT})")
        self.voice_button.setAccessibleName("Add the child's words")
        self.voice_button.clicked.connect(self.add_voice)
        self.finalise_button = QPushButton("&Finalise visit record")
        self.finalise_button.setAccessibleName("Finalise visit record")
        self.finalise_button.clicked.connect(self.finalise)
        self.discard_button = QPushButton("Discard draft\u2026")
        self.discard_button.setAccessibleName("Discard this draft, started in error")
        self.discard_button.clicked.connect(self.discard)
        self.addendum_button = QPushButton("Add an a&ddendum")
        self.addendum_button.setAccessibleName("Add an addendum")
        self.addendum_button.clicked.connect(self.add_addendum)
        self.oversight_button = QPushButton("Add management &oversight")
        self.oversight_button.setAccessibleName("Add management oversight")
        self.oversight_button.clicked.connect(self.add_oversight)
        self.pdf_button = QPushButton("Export &PDF\u2026")
        self.pdf_button.setAccessibleName("Export the visit record as PDF")
        self.pdf_button.clicked.connect(lambda: self._choose_export("pdf"))
        self.json_button = QPushButton("Export &JSON\u2026")
        self.json_button.setAccessibleName("Export the visit record as JSON")
        self.json_button.clicked.connect(lambda: self._choose_export("json"))
        self.letter_button = QPushButton("&Letter to the child\u2026")
        self.letter_button.setAccessibleName("Write a letter to the child")
        self.letter_button.clicked.connect(self.write_letter)
        self._final_buttons = (self.pdf_button, self.json_button, self.letter_button)
        self._row_buttons = (
            self.voice_button,
            self.addendum_button,
            self.finalise_button,
            self.discard_button,
            self.oversight_button,
            *self._final_buttons,
        )
        for button in self._row_buttons:
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        shortcut = QShortcut(QKeySequence(VOICE_SHORTCUT), self)
        shortcut.activated.connect(self.add_voice)
        save = QShortcut(QKeySequence.StandardKey.Save, self)
        save.setWhatsThis("Save the draft now")  # the shortcuts sheet (F1) says so
        save.activated.connect(self.save_now)

    # --- loading ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store. Pending typing is saved first (saves and loads run in order)."""
        self.save_now()
        visit_id, policy, today = self.visit_id, self._policy, date.today()
        read = operations.query(self, lambda store: load_visit(store, visit_id, policy, today))
        read.success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        """Another screen, child mode or a sync changed this child's records: show them."""
        if self.visit is not None and changes.touch(self, self.visit.child_id):
            self.refresh()

    def _show(self, data: VisitView) -> None:
        self._loading = True
        self._people = data.people
        self._child, self._voice, self._sittings = data.child, data.record.voice, data.sittings
        record, child = data.record, data.child
        self.visit = record.visit
        if not self.fields:
            self._build(child)
        if not self._dirty:  # never overwrite what was typed while this load was on its way
            values = to_record(record.visit)
            for field in self.fields.values():
                field.write(values.get(field.name))
        final = record.visit.is_final
        self.heading.setText(f"Visit with {child.name}")
        self.heading.setAccessibleName(self.heading.text())
        for field in self.fields.values():
            field.lock(final)
        self.voice_button.setVisible(not final)
        self.tools_button.setVisible(not final)
        self.body_map_button.setVisible(not final and not self._supervisor)
        self.genogram_button.setVisible(not final and not self._supervisor)
        self.finalise_button.setVisible(not final)
        self.discard_button.setVisible(not final and not self._supervisor)
        self.addendum_button.setVisible(final and not self._supervisor)
        self.oversight_button.setVisible(final and self._supervisor)
        for button in self._final_buttons:
            button.setVisible(final)
        self.addenda_box.setVisible(final)
        self.oversight_box.setVisible(final)
        if final:
            self.save_mark.setText(f"Finalised {nice_date(record.visit.finalised_at.date())} \u00b7 read-only")
        elif not self._dirty:
            self.save_mark.setText("Draft \u00b7 saved")
        self.voice_list.clear()
        self.voice_list.addItems(
            [
                f"\u201c{v.words}\u201d \u2014 {v.expressed.value}{' (' + v.context + ')' if v.context else ''}"
                + (" \u00b7 a disclosure" if v.disclosure else "")
                for v in record.voice
            ]
            or ["Nothing yet. What did the child say, write, draw or show you?"]
        )
        self.heard_words.show_words(tools.heard_in(data.sittings), record.voice, not final)
        self.tools_list.clear()
        for number, sitting in enumerate(data.sittings):
            row = QListWidgetItem(f"{tools.get(sitting.tool).title}: {sitting.summary}")
            row.setData(Qt.ItemDataRole.UserRole, number)  # Enter or a double-click shows it (picture_view.py)
            self.tools_list.addItem(row)
        if not data.sittings:
            self.tools_list.addItem("No direct work yet.")
        self.oversight_list.clear()
        self.oversight_list.addItems(
            [oversight_line(note, data.people) for note in data.oversight] or ["No management oversight yet."]
        )
        self.addenda_list.clear()
        self.addenda_list.addItems(
            [
                f"{nice_date(a.written_at.date())}, {data.people.signature(a.author)} \u2014 why: {a.why}\n{a.text}"
                for a in record.addenda
            ]
            or ["No addenda."]
        )
        self._loading = False
        self._offer_next_visit(data)

    def _offer_next_visit(self, data: VisitView) -> None:
        """The policy's latest next visit is marked in the next-visit field; a draft without a next
        visit gets it (never a day already past), saved like anything typed, for the worker to change."""
        field = self.fields.get("next_visit")
        if field is None or not isinstance(field.widget, LimitedDate):
            return
        field.widget.set_limit(data.next_visit_by)
        visit = data.record.visit
        if visit.is_draft and visit.next_visit is None and data.next_visit_by is not None and not self._dirty:
            field.widget.set_value(max(data.next_visit_by, date.today()))
            self._changed()

    def _build(self, child: Child) -> None:
        template = resources.load_json("visit_template.json")
        for section in template["sections"]:
            if section.get("kind") == "voice":
                self.body_layout.addWidget(self._voice_section(section))
                continue
            if section.get("kind") == "tools":
                self.body_layout.addWidget(self._tools_section(section))
                continue
            box, fields = build_section(section, child.legal_status.value, self._changed, self._writing)
            self.body_layout.addWidget(box)
            self.fields.update({f.name: f for f in fields})
        self.attachments = AttachmentsPanel(self._ops, child.id, self.visit_id)  # photos and scans
        if self._supervisor:
            self.attachments.add_button.hide()
        self.body_layout.addWidget(self.attachments)
        self.attachments.refresh()
        self.dictation_bar = DictationBar(self._dictation, self._changed)  # saved as the form's "dictated"
        self.layout().insertWidget(3, self.dictation_bar)  # above the form, below what is still needed
        self.fields["dictated"] = self.dictation_bar.follow(self.fields)
        self.addenda_box = QGroupBox("Addenda")
        addenda_layout = QVBoxLayout(self.addenda_box)
        self.addenda_list = QListWidget()
        self.addenda_list.setAccessibleName("Addenda")
        self.addenda_list.setWordWrap(True)
        addenda_layout.addWidget(self.addenda_list)
        self.body_layout.addWidget(self.addenda_box)
        self.oversight_box = QGroupBox("Management oversight")
        oversight_layout = QVBoxLayout(self.oversight_box)
        self.oversight_list = QListWidget()
        self.oversight_list.setAccessibleName("Management oversight")
        self.oversight_list.setWordWrap(True)
        oversight_layout.addWidget(self.oversight_list)
        self.body_layout.addWidget(self.oversight_box)
        self.body_layout.addStretch()
        self._buttons_after_the_form()
        first = next(iter(self.fields.values()))
        self.setFocusProxy(first.widget)  # the editor has focus since it opened: the first field takes it now

    def _buttons_after_the_form(self) -> None:
        """Tab runs down the form, then along the buttons: the form is built after the buttons (it needs
        the child's legal status), which would otherwise put every button first in the tab order."""
        previous: QWidget = self.oversight_list  # the form's last widget
        for button in self._row_buttons:
            QWidget.setTabOrder(previous, button)
            previous = button

    @staticmethod
    def _listed_section(section: dict, name: str, lines: int) -> tuple[QGroupBox, QVBoxLayout, QListWidget]:
        """A template section that lists what was added to the visit (the child's words, direct work)."""
        box = QGroupBox(section["title"])
        box.setAccessibleName(section["title"])
        inner = QVBoxLayout(box)
        inner.addWidget(hint(section["help"]))
        listing = QListWidget()
        listing.setAccessibleName(name)
        listing.setWordWrap(True)
        listing.setMaximumHeight(listing.fontMetrics().lineSpacing() * lines)
        inner.addWidget(listing)
        return box, inner, listing

    def _voice_section(self, section: dict) -> QGroupBox:
        box, inner, self.voice_list = self._listed_section(section, "The child's words", 6)
        self.heard_words = HeardWords()  # their words from direct work, one click from a quote
        self.heard_words.quote.connect(self._quote)
        inner.addWidget(self.heard_words)
        return box

    def _tools_section(self, section: dict) -> QGroupBox:
        box, inner, self.tools_list = self._listed_section(section, "Direct work: Enter shows what the child made", 8)
        self.tools_list.itemActivated.connect(self._show_sitting)
        self.tools_button = QPushButton("Direct &work with the child\u2026")
        self.tools_button.setAccessibleName("Direct work with the child")
        self.tools_button.clicked.connect(self.choose_tool)
        inner.addWidget(self.tools_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body_map_button = QPushButton("&Body map\u2026")  # the worker's record of marks seen on the child
        self.body_map_button.setAccessibleName("Body map: marks seen on the child")
        self.body_map_button.clicked.connect(self.record_body_map)
        inner.addWidget(self.body_map_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.genogram_button = QPushButton("&Genogram\u2026")  # the worker's picture of the family
        self.genogram_button.setAccessibleName("Genogram: the child's family, relationships and households")
        self.genogram_button.clicked.connect(self.record_genogram)
        inner.addWidget(self.genogram_button, 0, Qt.AlignmentFlag.AlignLeft)
        return box

    def _show_sitting(self, row: QListWidgetItem) -> None:
        number = row.data(Qt.ItemDataRole.UserRole)
        if number is not None and number < len(self._sittings):
            self.picture = show_sitting(self, self._sittings[number])

    def choose_tool(self) -> None:
        """Offer the tools, and the pictures of earlier visits the child may carry on with (read first)."""
        if self.visit is None or self.visit.is_final:
            return
        visit_id = self.visit_id
        read = operations.query(self, lambda store: visit_uses.earlier_work(store, visit_id))
        read.success(lambda earlier: self._ask(ToolChooser(self, earlier), self._tool_chosen)).run_in_background()

    def record_body_map(self) -> None:
        """The worker's body map for this visit: the one already started, or a new one (body_map_dialog.py)."""
        if self.visit is None or self.visit.is_final:
            return
        started = next((s for s in self._sittings if s.tool == "body_map"), None)
        sitting = started or Sitting(self.visit_id, self.visit.child_id, "body_map")
        self.body_map = BodyMapRecording(self, sitting, self._people.name(self.visit.author))
        self.body_map.saved.connect(self.refresh)
        self.body_map.start()

    def record_genogram(self) -> None:
        """The worker's genogram for this visit, carried on from the child's newest one (genogram_dialog.py)."""
        if self.visit is None or self.visit.is_final:
            return
        self.genogram = GenogramRecording(self, self.visit_id)
        self.genogram.saved.connect(self.refresh)
        self.genogram.start()

    def _tool_chosen(self) -> None:
        self.save_now()
        earlier = self.dialog.continues()
        continues = earlier.id if earlier is not None else ""
        self.direct_work.emit(self.visit_id, self.dialog.tool_key(), self.dialog.first_result(), continues)

    # --- saving ----------------------------------------------------------------------------------

    def _changed(self, *_args) -> None:
        if self._loading or self.visit is None or self.visit.is_final:
            return
        self._dirty = True
        self.save_mark.setText("Draft \u00b7 not saved yet")
        self._timer.start()
        if self._following_needs:
            self._show_needed()

    def current_visit(self) -> Visit:
        values = to_record(self.visit)
        values.update({name: field.read() for name, field in self.fields.items()})
        return from_record(Visit, values)

    def save_now(self) -> None:
        """Save what is typed, if anything changed. Safe to call often: saves queue in order."""
        self._timer.stop()
        if not self._dirty or self.visit is None:
            return
        visit = self.current_visit()
        self.visit = visit
        self._dirty = False
        operations.save_draft(self, visit).success(self._saved).failure(self._save_failed).run_in_background()

    def _saved(self, _version: int) -> None:
        if not self._dirty:
            self.save_mark.setText(f"Draft \u00b7 saved {datetime.now():%H:%M}")

    def _save_failed(self, error: WvisitError) -> None:
        self._dirty = True  # still unsaved: the next change or Ctrl+S tries again
        self.save_mark.setText("Draft \u00b7 NOT saved")
        self.banner.show_message(str(error))

    # --- the child's voice, finalising, addenda ------------------------------------------------

    def add_voice(self) -> None:
        if self.visit is None or self.visit.is_final:
            return
        dialog = VoiceDialog(self)
        into_quote(dialog, self._dictation)  # the child's words, dictated straight into the quote
        self._ask(dialog, self._voice_given)

    def _voice_given(self) -> None:
        dialog = self.dialog
        entry = VoiceEntry(
            visit_id=self.visit.id,
            child_id=self.visit.child_id,
            words=dialog.words.toPlainText(),
            expressed=dialog.expressed.currentData(),
            context=dialog.context.text(),
            disclosure=dialog.disclosure.isChecked(),
        )
        operations.add_voice(self, entry).success(self._after_change).run_in_background()

    def _quote(self, entry: VoiceEntry) -> None:
        operations.add_voice(self, entry).success(self._after_change).run_in_background()

    def finalise(self) -> None:
        """Lists what is still needed (each a way to its field), or asks once, then finalises."""
        if self.visit is None or not self.visit.is_draft:
            return
        self.save_now()
        self._following_needs = True  # from the first try on, the list follows every change
        if self._show_needed():
            self.needed.setFocus()
            return
        heard = [h for h in tools.heard_in(self._sittings) if not is_quoted(h, self._voice)]  # their words in tools
        words = len(self._voice) + len(heard)
        self._ask(FinaliseDialog(self, words, len(self._sittings)), self._finalise_confirmed)

    def _finalise_confirmed(self) -> None:
        finalising = operations.finalise(self, self.visit, self._policy)
        finalising.success(self._finalised).failure(self._not_finalised).run_in_background()

    def _show_needed(self) -> bool:
        """Fill the list of what finalising still needs, from the form as typed (the domain's rule);
        whether anything is. After the first try to finalise, it follows every change."""
        if self.visit is None or self._child is None:
            return False
        heard = tools.heard_in(self._sittings)
        needed = needed_to_finalise(self.current_visit(), self._child, self._voice, None, self._policy, heard)
        self.needed.clear()
        for item in needed:
            row = QListWidgetItem(item.sentence[0].upper() + item.sentence[1:])
            row.setData(Qt.ItemDataRole.UserRole, item.field)
            self.needed.addItem(row)
        self.needed.setVisible(bool(needed))
        if needed:
            self.banner.show_message(f"Not finalised yet: {len(needed)} still needed. Enter on one goes to it.")
        else:
            self.banner.show_message("Everything a statutory visit needs is there: finalise when ready.", warning=False)
        return bool(needed)

    def _go_to_needed(self, row: QListWidgetItem) -> None:
        name = row.data(Qt.ItemDataRole.UserRole)
        if name == "voice":
            self.voice_button.setFocus()
            return
        field = self.fields.get(name) or self.fields.get(name.removesuffix("_reason"))
        if field is not None:
            self.scroll.ensureWidgetVisible(field.widget)
            field.widget.setFocus()

    def _finalised(self, _done=None) -> None:
        self.banner.show_message("Finalised. The record is now read-only; corrections are addenda.", warning=False)
        self._after_change()

    def _not_finalised(self, error: WvisitError) -> None:
        if isinstance(error, VisitIncomplete):
            items = "".join(f"<li>{name}</li>" for name in error.missing)
            self.banner.show_message(f"Not finalised yet. Still needed:<ul>{items}</ul>")
        else:
            self.banner.show_message(str(error))

    def discard(self) -> None:
        if self.visit is None or not self.visit.is_draft:
            return
        self._ask(DiscardDialog(self), self._discard_given)

    def _discard_given(self) -> None:
        self.save_now()  # what was typed is kept with the draft it belongs to (the store lane runs in order)
        why = self.dialog.why.toPlainText()
        operations.discard(self, self.visit, why).success(self._discarded).failure(
            self._not_finalised
        ).run_in_background()

    def _discarded(self, visit: Visit) -> None:
        self.discarded.emit(visit.child_id)

    def add_addendum(self) -> None:
        self._ask(AddendumDialog(self), self._addendum_given)

    def _addendum_given(self) -> None:
        why, text = self.dialog.why.toPlainText(), self.dialog.text.toPlainText()
        operations.add_addendum(self, self.visit, why, text).success(self._after_change).run_in_background()

    def add_oversight(self) -> None:
        worker = self._people.name(self.visit.author) if self.visit is not None else ""
        self._ask(OversightDialog(self, worker=worker), self._oversight_given)

    def _oversight_given(self) -> None:
        note = self.dialog.oversight(self.visit.id, self.visit.child_id, author="")  # the use case signs it
        operations.add_oversight(self, note).success(self._after_change).run_in_background()

    # --- exports ---------------------------------------------------------------------------------

    def _choose_export(self, fmt: str) -> None:
        suggested = export_paths.suggested(f"visit-record-{self.visit.started_at:%Y-%m-%d}-{self.visit_id[:8]}.{fmt}")
        path, _ = QFileDialog.getSaveFileName(self, "Export the visit record", suggested, f"{fmt.upper()} (*.{fmt})")
        if path:
            self.export_to(fmt, Path(path))

    def export_to(self, fmt: str, path: Path) -> None:
        """Read the record in the background, write the file here (Qt lays out the PDF), then audit it."""
        visit_id = self.visit_id

        def write(document: dict) -> None:
            try:
                exports.write_document(document, fmt, path, write_pdf)
            except WvisitError as error:
                self.banner.show_message(str(error))
                return
            self._audit_export(fmt)

        prepare = operations.query(self, lambda store: exports.prepare_document(store, visit_id))
        prepare.success(write).failure(self._export_failed).run_in_background()

    def write_letter(self) -> None:
        visit_id = self.visit_id
        contact = self.letter_contact
        draft = operations.query(self, lambda store: exports.prepare_letter(store, visit_id, contact))
        draft.success(self._letter_drafted).failure(self._export_failed).run_in_background()

    def _letter_drafted(self, letter: LetterMaterial) -> None:
        self._ask(LetterDialog(self, letter, self._writing), self._letter_written)

    def _letter_written(self) -> None:
        suggested = export_paths.suggested(f"letter-{self.visit.started_at:%Y-%m-%d}-{self.visit_id[:8]}.pdf")
        path, _ = QFileDialog.getSaveFileName(self, "Save the letter", suggested, "PDF (*.pdf)")
        if path:
            drawing = self.dialog.letter.drawing if self.dialog.with_drawing() else None
            self.save_letter(self.dialog.text.toPlainText(), Path(path), drawing)

    def save_letter(self, text: str, path: Path, drawing: dict | None = None) -> None:
        """`drawing`: the child's drawing (a drawing sitting's result) to put in the letter, painted from the data."""
        try:
            exports.write_letter(text, path, write_pdf, drawing)
        except WvisitError as error:
            self.banner.show_message(str(error))
            return
        self._audit_export("letter")

    def _audit_export(self, what: str) -> None:
        operations.record_export(self, self.visit_id, what).success(lambda _: self._exported(what)).run_in_background()

    def _exported(self, what: str) -> None:
        names = {"pdf": "The PDF is saved", "json": "The JSON file is saved", "letter": "The letter is saved"}
        self.banner.show_message(f"{names[what]}. It is not encrypted: keep it in the case file.", warning=False)

    def _export_failed(self, error: WvisitError) -> None:
        self.banner.show_message(str(error))

    def _ask(self, dialog, on_accept) -> None:
        """Open a form window-modal; `on_accept` reads it from self.dialog when it is saved."""
        self.dialog = dialog
        dialog.accepted.connect(on_accept)
        open_dialog(dialog)

    def _after_change(self, _result=None) -> None:
        self.refresh()
