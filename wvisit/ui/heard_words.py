"""The child's words from direct work, shown in the visit editor as their voice, each one click from a quote.

Words the child typed or said in a tool already count as their voice when the visit is finalised
(wvisit.tools.heard_in); this lists them under the visit's own quotes with the tool as context,
and "Quote" turns one into a voice entry of the visit (the same words, how the child gave them and
"from Three Houses, house of worries"), so the worker can then add what the child meant by it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wvisit.domain import VoiceEntry
from wvisit.domain.voice import as_quote, is_quoted
from wvisit.ui.widgets import hint


def heard_line(entry: VoiceEntry) -> str:
    return f"\u201c{entry.words}\u201d \u2014 {entry.expressed.value}, {entry.context}"


class HeardWords(QWidget):
    quote = Signal(object)  # a VoiceEntry to add to the visit: the worker pressed "Quote"

    def __init__(self) -> None:
        super().__init__()
        self.setAccessibleName("The child's words from direct work")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(hint("From direct work (these count as the child's voice):"))
        self._grid = QGridLayout()
        self._grid.setColumnStretch(0, 1)
        outer.addLayout(self._grid)
        self.rows: list[tuple[QLabel, QPushButton | None]] = []
        self._shown: tuple = ()
        self.setVisible(False)

    def show_words(self, heard: list[VoiceEntry], voice: list[VoiceEntry], editable: bool) -> None:
        """Replace the rows: one per thing the child said in a tool; a "Quote" button on a draft
        for words not yet quoted, "Quoted" where they are. Rows unchanged since the last refresh are left as
        they are, so a button keeps the keyboard focus while the editor reloads around it."""
        shown = (tuple((e.words, e.context) for e in heard), tuple(is_quoted(e, voice) for e in heard), editable)
        if shown == self._shown:
            return
        self._shown = shown
        while self._grid.count():
            item = self._grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.rows = []
        for row, entry in enumerate(heard):
            label = QLabel(heard_line(entry))
            label.setWordWrap(True)
            self._grid.addWidget(label, row, 0)
            button: QPushButton | None = None
            if is_quoted(entry, voice):
                self._grid.addWidget(QLabel("Quoted \u2713"), row, 1)
            elif editable:
                button = QPushButton("Quote")
                button.setAccessibleName(f"Quote as the child's words: {entry.words[:40]}")
                button.setToolTip("Add these words to the child's voice in this visit, with where they came from")
                button.clicked.connect(lambda _=False, e=entry: self.quote.emit(as_quote(e)))
                self._grid.addWidget(button, row, 1)
            self.rows.append((label, button))
        self.setVisible(bool(heard))
