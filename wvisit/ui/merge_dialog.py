"""Both versions of a child's record side by side, when an edit and a newer save changed the same text."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit

from wvisit.domain import Child
from wvisit.domain.merge import Merge
from wvisit.ui.dialogs import _Form
from wvisit.ui.widgets import text_box

LABELS = {
    "name": "Name",
    "summary": "Case summary",
    "identity_notes": "Identity and culture",
    "language_notes": "Language and communication",
    "address": "Address",
}


class MergeDialog(_Form):
    """For each text both sides changed: the newer saved version (read-only) beside the worker's own,
    which starts as their text and is what gets saved. Everything else was merged already."""

    def __init__(self, parent, merge: Merge, mine: Child):
        super().__init__(
            parent,
            "Merge your changes",
            "Someone saved this child's record while you were editing it (a sync, or another window). "
            "Where you both changed the same text, the saved version is on the left and yours on the right. "
            "Edit the right-hand box into the text to keep; everything else has been combined for you.",
        )
        self._merge = merge
        self.mine: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        grid.addWidget(QLabel("Saved meanwhile"), 0, 1)
        grid.addWidget(QLabel("Yours (this is saved)"), 0, 2)
        for row, name in enumerate(merge.conflicts, start=1):
            label = LABELS.get(name, name)
            theirs = text_box(f"{label}, saved meanwhile", 4)
            theirs.setPlainText(getattr(merge.child, name))
            theirs.setReadOnly(True)
            ours = text_box(f"{label}, yours", 4)
            ours.setPlainText(getattr(mine, name))
            grid.addWidget(QLabel(label), row, 0)
            grid.addWidget(theirs, row, 1)
            grid.addWidget(ours, row, 2)
            self.mine[name] = ours
        self._layout.insertLayout(2, grid)
        self.setMinimumWidth(900)
        self.finish_layout()
        if self.mine:
            next(iter(self.mine.values())).setFocus()

    def merged(self) -> Child:
        """The record to save: the merge, with the worker's final text for each conflict."""
        return replace(self._merge.child, **{name: box.toPlainText() for name, box in self.mine.items()})
