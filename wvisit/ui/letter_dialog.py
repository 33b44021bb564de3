"""The letter to the child: the worker chooses what goes in, then words it; saved as a PDF.

What the letter may say comes ticked or not (wvisit/writing/letter.py): the child's words and what
they made are ticked, the ecomap and any disclosure are not. While the worker has not changed the
wording, each tick rewrites the draft; once they have, their wording is kept and "Start again from
the ticks" is theirs to press. On a child protection case the dialog asks who else may read the
letter at home, warns whenever what the child told of harm is in the text, and will not save a
letter that quotes it when someone else at home may read it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from wvisit.ui.widgets import Banner, hint, text_box
from wvisit.writing.letter import LetterItem, LetterMaterial, disclosures_in, draft

ONLY_THE_CHILD = "child"
READERS = (
    ("Choose who may read it\u2026", None),
    ("Only the child: I will give it to them myself", ONLY_THE_CHILD),
    ("A parent or carer may read it", "parent"),
    ("Others at home may read it", "others"),
    ("I do not know", "unknown"),
)


class LetterDialog(QDialog):
    def __init__(self, parent, letter: LetterMaterial, writing=None):
        super().__init__(parent)
        self.letter = letter
        self.setWindowTitle("A letter to the child")
        self.setMinimumWidth(680)
        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "Choose what goes in, then write to the child as you would talk to them. Others at home may "
                "read a letter: the ecomap and anything the child told you of harm are left out unless you "
                "tick them. The letter is saved as a PDF that is not encrypted."
            )
        )
        self.banner = Banner()
        layout.addWidget(self.banner)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form, 1)
        self.items = QListWidget()
        self.items.setAccessibleName("What goes in the letter: tick or untick each")
        self.items.setWordWrap(True)
        for item in letter.items:
            row = QListWidgetItem(f"{item.line}\n    \u2014 {item.source}")
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.chosen_at_first else Qt.CheckState.Unchecked)
            row.setData(Qt.ItemDataRole.UserRole, item)
            self.items.addItem(row)
        self.items.setMaximumHeight(self.items.fontMetrics().lineSpacing() * 9)
        self.items.itemChanged.connect(self._ticks_changed)
        if letter.items:
            label = QLabel("&What goes in:")
            label.setBuddy(self.items)
            form.addRow(label)
            form.addRow(self.items)
        self.drawing = QCheckBox(f"Put {self._first_name()}'s &drawing in the letter")
        self.drawing.setChecked(not letter.child_protection)
        self.drawing.setVisible(letter.drawing is not None)
        form.addRow(self.drawing)
        self.readers = QComboBox()
        self.readers.setAccessibleName("Who else may read this letter at home?")
        for words, key in READERS:
            self.readers.addItem(words, key)
        self.readers.currentIndexChanged.connect(self._warn)
        if self._asks_readers:
            form.addRow("Who else may &read it at home?", self.readers)
        self.text = text_box("Letter to the child", 14)
        self.text.setMaximumHeight(16777215)  # the letter takes the room the dialog has; the lists keep theirs
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.text.textChanged.connect(self._edited)
        form.addRow(self.text)
        self.restart = QPushButton("&Start again from the ticks")
        self.restart.setAccessibleName("Start the letter again from the ticks")
        self.restart.clicked.connect(self._from_ticks)
        self.restart.setVisible(False)
        form.addRow(self.restart)
        if writing is not None:
            helper = writing.attach(self.text)
            form.addRow(helper.strip)
            helper.strip.refresh()
        self._written_by_ticks = ""
        self._from_ticks()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.text.setFocus()

    def _first_name(self) -> str:
        parts = self.letter.child.name.split()
        return parts[0] if parts else "the child"

    def chosen(self) -> list[LetterItem]:
        rows = (self.items.item(n) for n in range(self.items.count()))
        return [row.data(Qt.ItemDataRole.UserRole) for row in rows if row.checkState() == Qt.CheckState.Checked]

    def set_chosen(self, line: str, chosen: bool) -> None:
        """Tick or untick the item whose letter line is `line` (as a click on its box does)."""
        for n in range(self.items.count()):
            row = self.items.item(n)
            if row.data(Qt.ItemDataRole.UserRole).line == line:
                row.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)

    def with_drawing(self) -> bool:
        return self.letter.drawing is not None and self.drawing.isChecked()

    def _ticks_changed(self, _row=None) -> None:
        if self.text.toPlainText() == self._written_by_ticks:
            self._from_ticks()
        else:
            self._warn()

    def _from_ticks(self) -> None:
        self._written_by_ticks = draft(self.letter, self.chosen())
        self.text.setPlainText(self._written_by_ticks)

    def _edited(self) -> None:
        self.restart.setVisible(self.text.toPlainText() != self._written_by_ticks)
        self._warn()

    @property
    def _asks_readers(self) -> bool:
        """On a child protection case, or whenever the child told of harm: a disclosure usually comes
        before any plan, and a letter read at home by the wrong person can put the child at risk."""
        return self.letter.child_protection or bool(self.letter.disclosures)

    def _others_may_read(self) -> bool:
        return self.readers.currentData() != ONLY_THE_CHILD

    def _warn(self) -> None:
        """Say, as the text changes, if what the child told of harm is in it."""
        told = disclosures_in(self.text.toPlainText(), self.letter)
        if told:
            quoted = "; ".join(f"\u201c{words[:60]}\u201d" for words in told)
            who = " Someone else at home may read this letter." if self._others_may_read() else ""
            self.banner.show_message(f"This letter quotes what the child told you of harm: {quoted}.{who}")
        elif self.text.toPlainText() != self._written_by_ticks and self.items.count():
            self.banner.show_message("You have changed the wording, so the ticks no longer rewrite it.", warning=False)
        else:
            self.banner.clear_message()

    def _accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.banner.show_message("Write the letter first.")
            return
        if self._asks_readers:
            if self.readers.currentData() is None:
                self.banner.show_message("Say who else may read this letter at home before saving it.")
                self.readers.setFocus()
                return
            if disclosures_in(self.text.toPlainText(), self.letter) and self._others_may_read():
                self.banner.show_message(
                    "Not saved: the letter quotes what the child told you of harm, and someone else at home "
                    "may read it. Take those words out, or give the letter to the child yourself."
                )
                self.text.setFocus()
                return
        self.accept()
