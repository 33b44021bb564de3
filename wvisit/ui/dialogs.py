"""Small forms: the child's words, an addendum, a chronology event, a plan item, a letter to the child."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from wvisit import tools
from wvisit.domain import Category, ChronologyEvent, Expressed, Outcome, Oversight, PlanItem
from wvisit.domain.sitting import Sitting
from wvisit.errors import InvalidValue
from wvisit.tools import scaling, three_houses
from wvisit.ui.action_rows import ActionRows
from wvisit.ui.date_field import DateField
from wvisit.ui.widgets import Banner, hint, line_edit, text_box


class _Form(QDialog):
    """A titled form with Save/Cancel that refuses to close while a required box is empty."""

    def __init__(self, parent, window_title: str, explanation: str):
        super().__init__(parent)
        self.setWindowTitle(window_title)
        self.setMinimumWidth(520)
        self._layout = QVBoxLayout(self)
        self._layout.addWidget(hint(explanation))
        self.banner = Banner()
        self._layout.addWidget(self.banner)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self._required: list[tuple[object, str]] = []
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self._buttons = buttons

    def finish_layout(self) -> None:
        self._layout.addWidget(self._buttons)

    def require(self, box, sentence: str) -> None:
        self._required.append((box, sentence))

    def ask_why(self, label: str, sentence: str) -> QPlainTextEdit:
        """A required "why" for a correction: it stays on the record with the struck line."""
        why = text_box("Why", 2)
        self.form.addRow(label, why)
        self.require(why, sentence)
        return why

    def _accept(self) -> None:
        for box, sentence in self._required:
            if isinstance(box, DateField):  # a date that is not one says why; an empty one asks for it
                problem = box.problem() or ("" if box.value() else sentence)
            elif isinstance(box, QComboBox):  # a choice the person must make: nothing is chosen for them
                problem = "" if box.currentData() is not None else sentence
            else:
                text = box.toPlainText() if isinstance(box, QPlainTextEdit) else box.text()
                problem = "" if text.strip() else sentence
            if problem:
                self.banner.show_message(problem)
                box.setFocus()
                return
        self.accept()


def category_box(name: str) -> QComboBox:
    """The categories a worker files a chronology line under, none chosen until the worker chooses."""
    box = QComboBox()
    box.setAccessibleName(name)
    box.addItem("Choose a category\u2026", None)
    for category in Category:
        if category.typed:
            box.addItem(category.label, category)
    return box


class VoiceDialog(_Form):
    def __init__(self, parent=None):
        super().__init__(
            parent,
            "In their words",
            "Write exactly what the child said, wrote, drew or showed you, in their words, not yours.",
        )
        self.words = text_box("The child's words", 4)
        self.expressed = QComboBox()
        self.expressed.setAccessibleName("How the child expressed it")
        for way in Expressed:
            self.expressed.addItem(way.value.capitalize(), way)
        self.context = line_edit("Context", "e.g. while drawing their house, asked about school")
        self.form.addRow("The child's &words", self.words)
        self.form.addRow("&How", self.expressed)
        self.form.addRow("&Context", self.context)
        self.disclosure = QCheckBox("The child told me of &harm (a disclosure)")
        self.disclosure.setToolTip("A letter to the child leaves a disclosure out unless you put it in")
        self.form.addRow(self.disclosure)
        self.require(self.words, "Write down the child's words first.")
        self.finish_layout()
        self.words.setFocus()


def _one_chosen(chosen_in: QListWidget, other: QListWidget) -> None:
    """Something was chosen in one list: the other lets go of its choice."""
    if chosen_in.selectedItems():
        other.clearSelection()


class ToolChooser(_Form):
    """Which direct-work tool to hand the child, with the tool's own choices (the question, the framing);
    or a picture the child made on an earlier visit (`earlier`, newest first), to carry on with."""

    def __init__(self, parent=None, earlier: list[Sitting] | None = None):
        super().__init__(
            parent,
            "Direct work with the child",
            "Choose a tool, then hand the laptop to the child. It opens full screen; only your passcode leaves it.",
        )
        self.choice = QListWidget()
        self.choice.setAccessibleName("Direct-work tools")
        for tool in (tool for tool in tools.REGISTRY.values() if not tool.for_worker):  # not the worker's own
            item = QListWidgetItem(f"{tool.title} \u2014 {tool.about}")
            item.setData(Qt.ItemDataRole.UserRole, tool.key)
            self.choice.addItem(item)
        self.choice.setCurrentRow(0)
        self.question = QComboBox()
        self.question.setEditable(True)
        self.question.setAccessibleName("Scaling question")
        self.question.addItems(scaling.QUESTIONS)
        self.magic = QCheckBox("Wizard and Fairy words, for a younger child")
        self.form.addRow(self.choice)
        self.form.addRow("Scaling &question", self.question)
        self.form.addRow(self.magic)
        self.earlier = self._earlier_list([s for s in earlier or [] if not tools.get(s.tool).for_worker])
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText("Hand to the child")
        self.finish_layout()
        self.choice.setFocus()

    def _earlier_list(self, earlier: list[Sitting]) -> QListWidget:
        """Pictures from earlier visits: choosing one hands the child a copy to carry on with. Choosing in
        one list clears the other, so what the child gets is never in doubt."""
        listing = QListWidget()
        listing.setAccessibleName("Carry on with something from an earlier visit")
        self._earlier = {sitting.id: sitting for sitting in earlier}
        for sitting in earlier:
            summary = sitting.summary.replace("\n", "; ")
            item = QListWidgetItem(f"{tools.get(sitting.tool).title}, {sitting.started_at:%-d %b %Y} \u2014 {summary}")
            item.setData(Qt.ItemDataRole.UserRole, sitting.id)
            listing.addItem(item)
        listing.setMaximumHeight(listing.fontMetrics().lineSpacing() * 6)
        listing.itemSelectionChanged.connect(lambda: _one_chosen(listing, self.choice))
        self.choice.itemSelectionChanged.connect(lambda: _one_chosen(self.choice, listing))
        if earlier:
            label = QLabel("&Or carry on with something the child made on an earlier visit:")
            label.setWordWrap(True)
            label.setBuddy(listing)
            self.form.addRow(label)
            self.form.addRow(listing)
        return listing

    def continues(self) -> Sitting | None:
        """The earlier sitting chosen to carry on with, if one is."""
        chosen = self.earlier.selectedItems()
        return self._earlier.get(chosen[0].data(Qt.ItemDataRole.UserRole)) if chosen else None

    def tool_key(self) -> str:
        earlier = self.continues()
        if earlier is not None:
            return earlier.tool
        return self.choice.currentItem().data(Qt.ItemDataRole.UserRole)

    def first_result(self) -> dict:
        """The tool's empty result with the worker's choices in it; or a copy of the earlier picture chosen."""
        earlier = self.continues()
        if earlier is not None:
            return copy.deepcopy(earlier.result)
        tool = tools.get(self.tool_key())
        result = tool.empty()
        if isinstance(result, scaling.Scaling):
            result.question = self.question.currentText().strip() or scaling.QUESTIONS[0]
        if isinstance(result, three_houses.ThreeHouses):
            result.magic = self.magic.isChecked()
        return tool.save(result)


class AddendumDialog(_Form):
    def __init__(self, parent=None):
        super().__init__(
            parent,
            "Add an addendum",
            "A finalised record is not changed. An addendum adds to it, saying why, "
            "signed with your name and the time.",
        )
        self.why = text_box("Why this addendum is needed", 2)
        self.text = text_box("Addendum", 4)
        self.form.addRow("&Why", self.why)
        self.form.addRow("&Addendum", self.text)
        self.require(self.why, "Say why the addendum is needed.")
        self.require(self.text, "Write the addendum.")
        self.finish_layout()
        self.why.setFocus()


class FinaliseDialog(_Form):
    """Asked once before finalising: what becomes read-only. Enter finalises; Escape goes back."""

    def __init__(self, parent, words: int, sittings: int):
        super().__init__(
            parent,
            "Finalise this visit record?",
            "Once finalised, the record is read-only: every section of the visit, the child's words "
            f"({words}) and the direct work ({sittings}). Corrections after this are addenda, signed and dated.",
        )
        finalise = self._buttons.button(QDialogButtonBox.StandardButton.Save)
        finalise.setText("&Finalise")
        finalise.setDefault(True)  # Enter finalises
        self.finish_layout()
        finalise.setFocus()


class DiscardDialog(_Form):
    """A draft started in error is discarded, never deleted: the reason stays with it."""

    def __init__(self, parent=None):
        super().__init__(
            parent,
            "Discard this draft?",
            "Use this for a visit started in error, such as on the wrong child. It leaves every list, but it is "
            "kept in the audit and on the central record as discarded, with your reason.",
        )
        self.why = text_box("Why this draft is being discarded", 2)
        self.form.addRow("&Why", self.why)
        self.require(self.why, "Say why the draft is being discarded (for example: started on the wrong child).")
        self.finish_layout()
        self.why.setFocus()


class StrikeDialog(_Form):
    """A line of the plan or chronology made in error is struck through, never deleted."""

    def __init__(self, parent, line: str):
        super().__init__(
            parent,
            "Strike this line through?",
            "It stays on the record, struck through, with your name, today's date and why.",
        )
        shown = QLabel(line)
        shown.setWordWrap(True)
        shown.setAccessibleName("The line to strike through")
        self.form.addRow("Line", shown)
        self.why = self.ask_why("&Why", "Say why the line is struck through (for example: entered twice).")
        self.finish_layout()
        self.why.setFocus()


class EventDialog(_Form):
    """A significant event for the child's chronology (a move, a meeting, an incident); with
    `correcting`, the corrected version of an entry, which is struck through beside it."""

    def __init__(self, parent=None, correcting: ChronologyEvent | None = None):
        super().__init__(
            parent,
            "Correct the chronology" if correcting else "Add to the chronology",
            "The entry as it should read. The old one stays on the record, struck through, with your name and why."
            if correcting
            else "Significant events, in plain words, with the date they happened.",
        )
        self.on = DateField("Date of the event")  # empty until typed: a date is never saved by default
        self.category = category_box("Category of the event")
        self.what = text_box("What happened", 3)
        self.source = line_edit("Source: who told us, or where it is recorded", "e.g. police notification, school")
        self.impact = text_box("Impact on the child", 2)
        self.form.addRow("&Date", self.on)
        self.form.addRow("&Category", self.category)
        self.form.addRow("&What happened", self.what)
        self.form.addRow("S&ource", self.source)
        self.form.addRow("&Impact on the child", self.impact)
        self.require(self.on, "Type the date the event happened.")
        self.require(self.category, "Choose the category of the event (for example: police).")
        self.require(self.what, "Say what happened.")
        self.why = None
        if correcting is not None:
            self.on.set_value(correcting.on)
            self.category.setCurrentIndex(self.category.findData(correcting.category))
            self.what.setPlainText(correcting.what)
            self.source.setText(correcting.source)
            self.impact.setPlainText(correcting.impact)
            self.why = self.ask_why("W&hy", "Say why the entry is corrected (for example: wrong date).")
        self.finish_layout()
        self.on.setFocus()

    def chronology_event(self) -> ChronologyEvent:
        on = self.on.value()
        if on is None:  # Save refuses an empty date; asked for anyway, nothing is dated by default
            raise InvalidValue("Type the date the event happened.")
        return ChronologyEvent(
            on=on,
            what=self.what.toPlainText().strip(),
            category=Category(self.category.currentData() or Category.OTHER),  # Qt hands a str enum back as str
            source=self.source.text().strip(),
            impact=self.impact.toPlainText().strip(),
        )


class PlanItemDialog(_Form):
    """One SMART action of the child's plan: what will happen, who does it, by when; with
    `correcting`, the corrected version of an action, which is struck through beside it."""

    def __init__(self, parent=None, correcting: PlanItem | None = None):
        super().__init__(
            parent,
            "Correct the plan" if correcting else "Add to the plan",
            "The action as it should read. The old one stays on the plan, struck through, with your name and why."
            if correcting
            else "What will happen, who will do it, and by when.",
        )
        self.action = text_box("What will happen", 2)
        self.owner = line_edit("Who will do it")
        self.due = DateField("By when")
        self.form.addRow("&What will happen", self.action)
        self.form.addRow("W&ho", self.owner)
        self.form.addRow("&By when", self.due)
        self.require(self.action, "Say what will happen.")
        self.require(self.due, "Type by when it will happen.")
        self.why = None
        if correcting is not None:
            self.action.setPlainText(correcting.action)
            self.owner.setText(correcting.owner)
            self.due.set_value(correcting.due)
            self.why = self.ask_why("Wh&y", "Say why the action is corrected (for example: wrong owner).")
        self.finish_layout()
        self.action.setFocus()

    def plan_item(self) -> PlanItem:
        due = self.due.value()
        if due is None:  # as above
            raise InvalidValue("Type by when it will happen.")
        return PlanItem(action=self.action.toPlainText().strip(), owner=self.owner.text().strip(), due=due)


class SignInDialog(_Form):
    """Once per laptop: the worker's central-record account. The password is not kept."""

    def __init__(self, parent=None, username: str = ""):
        super().__init__(
            parent,
            "Sign in to the central record",
            "Sign in once on this laptop so your visits can sync. Your password is not stored here.",
        )
        self.username = line_edit("User name")
        self.username.setText(username)
        self.password = line_edit("Password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow("&User name", self.username)
        self.form.addRow("&Password", self.password)
        self.require(self.username, "Type your user name.")
        self.require(self.password, "Type your password.")
        self._buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Sign in")
        self.finish_layout()
        (self.password if username else self.username).setFocus()


class OversightDialog(_Form):
    """Management oversight on a finalised visit: what was considered, the decision, actions, the outcome."""

    def __init__(self, parent=None, worker: str = ""):
        """`worker`: the name of the worker whose visit it is, each new action's "who" until changed."""
        super().__init__(
            parent,
            "Management oversight",
            "Your oversight becomes part of the child's record and reaches the worker on their next sync. "
            "Actions join the child's plan.",
        )
        self.considered = text_box("What I considered", 3)
        self.decision = text_box("Decision", 3)
        self.action_rows = ActionRows(default_owner=worker)
        self.sign_off = QRadioButton("&Sign the visit off")
        self.ask = QRadioButton("Ask the worker for an &addendum")  # neither chosen: the supervisor decides
        for button in (self.sign_off, self.ask):
            button.setAccessibleName(button.text().replace("&", ""))
        self.form.addRow("What I &considered", self.considered)
        self.form.addRow("&Decision", self.decision)
        self.form.addRow("Ac&tions", self.action_rows)
        self.form.addRow(self.sign_off)
        self.form.addRow(self.ask)
        self.require(self.considered, "Say what you considered.")
        self.require(self.decision, "Write the decision.")
        self.finish_layout()
        self.considered.setFocus()

    def _accept(self) -> None:
        try:
            self.action_rows.plan_items()
        except InvalidValue as error:
            self.banner.show_message(str(error))
            (self.action_rows.first_incomplete() or self.action_rows).setFocus()
            return
        if not (self.sign_off.isChecked() or self.ask.isChecked()):
            self.banner.show_message("Choose: sign the visit off, or ask the worker for an addendum.")
            self.sign_off.setFocus()
            return
        super()._accept()

    def oversight(self, visit_id: str, child_id: str, author: str) -> Oversight:
        outcome = Outcome.SIGNED_OFF if self.sign_off.isChecked() else Outcome.ADDENDUM_REQUESTED
        return Oversight(
            visit_id=visit_id,
            child_id=child_id,
            author=author,
            considered=self.considered.toPlainText().strip(),
            decision=self.decision.toPlainText().strip(),
            outcome=outcome,
            actions=self.action_rows.plan_items(),
        )
