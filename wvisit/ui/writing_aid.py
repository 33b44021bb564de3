"""Help while typing a record: plainer words for jargon, British spelling, and a reading-age figure.

- Jargon from the council's list gets a dotted blue underline; hovering shows the plainer
  words, and a button under the box puts them in with one click (one undo step).
- Words the British English dictionary does not know get a red wavy underline; the right-click
  menu offers suggestions and "Add to my dictionary" (kept sealed, see store/my_words.py).
- Each section shows its reading age and reading ease as the worker writes.

Only the worker's own writing is helped: the child's words are recorded as said, never corrected.
Very long text (over MAX_HELPED characters, a pasted report) is left alone so typing stays quick.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QPalette, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QPlainTextEdit, QPushButton, QToolTip, QWidget

from wvisit.ui.lifecycle import SessionState
from wvisit.writing.plain_language import Finding, JargonList
from wvisit.writing.readability import measure
from wvisit.writing.spelling import Misspelling, SpellChecker

MAX_HELPED = 200_000
MAX_BUTTONS = 4
DEBOUNCE_MS = 300


class WritingHelp:
    """What every helped box shares in one unlocked session: the list, the checker, my words."""

    def __init__(self, jargon: JargonList):
        self.jargon = jargon
        self.checker: SpellChecker | None = None  # until spelling_ready, or for good where there is none
        self.save_word: Callable[[str], None] = lambda word: None
        self._highlighters: list[Highlighter] = []

    def spelling_ready(self, checker: SpellChecker | None, my_words: list[str]) -> None:
        self.checker = checker
        if checker is not None:
            checker.add_words(my_words)
            self._rehighlight()

    def follow(self, state) -> None:
        """The session has ended (ui/lifecycle.py): the worker's own words go with the key."""
        if state is SessionState.ENDED and self.checker is not None:
            self.checker.forget()

    def add_to_dictionary(self, word: str) -> None:
        self.checker.add_words([word])
        self._rehighlight()
        self.save_word(word)

    def attach(self, box: QPlainTextEdit) -> Highlighter:
        """Underline, hover and right-click help on the box; its `strip` holds the one-click buttons."""
        highlighter = Highlighter(box, self)
        self._highlighters.append(highlighter)
        box.destroyed.connect(lambda: self._highlighters.remove(highlighter))
        return highlighter

    def _rehighlight(self) -> None:
        for highlighter in self._highlighters:
            highlighter.rehighlight()


class Highlighter(QSyntaxHighlighter):
    def __init__(self, box: QPlainTextEdit, help_: WritingHelp):
        super().__init__(box.document())
        self.box, self._help = box, help_
        self._jargon_format = QTextCharFormat()
        self._jargon_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        self._jargon_format.setUnderlineColor(QColor("#1f6fb2"))
        self._spelling_format = QTextCharFormat()
        self._spelling_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self._spelling_format.setUnderlineColor(QColor("#c62828"))
        self.strip = PlainerWords(box, help_)
        self._hover = _HoverTips(box, self)
        box.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        box.customContextMenuRequested.connect(self._menu)

    def _helped(self) -> bool:
        return not self.box.isReadOnly() and self.document().characterCount() <= MAX_HELPED

    def set_read_only(self, read_only: bool) -> None:
        """A finalised record cannot change, so its underlines and buttons would only distract."""
        self.box.setReadOnly(read_only)
        self.rehighlight()
        self.strip.refresh()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        if not text or not self._helped():
            return
        flagged = self._help.jargon.find(text)
        for finding in flagged:
            self.setFormat(finding.start, finding.end - finding.start, self._jargon_format)
        if self._help.checker is None:
            return
        for slip in self._help.checker.misspellings(text):
            if not any(f.start <= slip.start < f.end for f in flagged):
                self.setFormat(slip.start, slip.end - slip.start, self._spelling_format)

    def at(self, cursor: QTextCursor) -> tuple[Finding | None, Misspelling | None, int]:
        """The jargon finding or misspelling under a cursor, and where its block starts."""
        block = cursor.block()
        offset = cursor.position() - block.position()
        text = block.text()
        finding = next((f for f in self._help.jargon.find(text) if f.start <= offset <= f.end), None)
        slip = None
        if finding is None and self._help.checker is not None:
            slip = next((m for m in self._help.checker.misspellings(text) if m.start <= offset <= m.end), None)
        return finding, slip, block.position()

    def _menu(self, pos: QPoint) -> None:
        menu = self.box.createStandardContextMenu(pos)
        self.fill_menu(menu, self.box.cursorForPosition(pos))
        menu.exec(self.box.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def fill_menu(self, menu: QMenu, cursor: QTextCursor) -> None:
        """Put the help for the word under the cursor at the top of the box's own menu."""
        if not self._helped():
            return
        finding, slip, base = self.at(cursor)
        first = menu.actions()[0] if menu.actions() else None
        offered = []
        if finding is not None:
            start, end = base + finding.start, base + finding.end
            for choice in range(len(finding.term.plainer)):
                words = finding.replacement(choice)
                action = menu.addAction(f"Use \u201c{words}\u201d")
                action.triggered.connect(lambda _=False, w=words: replace(self.box, start, end, w))
                offered.append(action)
        elif slip is not None:
            for word in self._help.checker.suggestions(slip.word):
                action = menu.addAction(word)
                action.triggered.connect(
                    lambda _=False, s=slip, w=word: replace(self.box, base + s.start, base + s.end, w)
                )
                offered.append(action)
            add = menu.addAction(f"Add \u201c{slip.word}\u201d to my dictionary")
            add.triggered.connect(lambda _=False, w=slip.word: self._help.add_to_dictionary(w))
            offered.append(add)
        if offered and first is not None:
            for action in offered:
                menu.removeAction(action)
            menu.insertActions(first, offered)
            menu.insertSeparator(first)


def replace(box: QPlainTextEdit, start: int, end: int, words: str) -> None:
    cursor = QTextCursor(box.document())
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(words)


class _HoverTips(QObject):
    """Hovering over an underlined term says what to write instead."""

    def __init__(self, box: QPlainTextEdit, highlighter: Highlighter):
        super().__init__(box)
        self._box, self._highlighter = box, highlighter
        box.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.ToolTip:
            return False
        finding, slip, _ = self._highlighter.at(self._box.cursorForPosition(event.pos()))
        if finding is not None:
            tip = f"Plainer: {' / '.join(finding.term.plainer)}. Click the button below the box, or right-click."
        elif slip is not None:
            tip = "Not in the British English dictionary. Right-click for suggestions."
        else:
            QToolTip.hideText()
            return True
        QToolTip.showText(event.globalPos(), tip, self._box)
        return True


class PlainerWords(QWidget):
    """One button per jargon term in the box: one click puts the plainer words in, everywhere in it."""

    def __init__(self, box: QPlainTextEdit, help_: WritingHelp):
        super().__init__()
        self._box, self._help = box, help_
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        box.textChanged.connect(self._timer.start)
        self.hide()

    def refresh(self) -> None:
        for button in self.buttons:
            button.deleteLater()
        self.buttons = []
        while self._layout.count():
            self._layout.takeAt(0)
        text = self._box.toPlainText()
        findings = [] if self._box.isReadOnly() or len(text) > MAX_HELPED else self._help.jargon.find(text)
        seen: dict[str, Finding] = {}
        for finding in findings:
            seen.setdefault(finding.term.term, finding)
        if seen:
            self._layout.addWidget(QLabel("Plainer words:"))
        for finding in list(seen.values())[:MAX_BUTTONS]:
            button = QPushButton(f"{finding.text} \u2192 {finding.replacement()}")
            button.setAccessibleName(f"Replace {finding.text} with {finding.replacement()}")
            button.clicked.connect(lambda _=False, term=finding.term: self.replace_all(term.term))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self._layout.addStretch()
        self.setVisible(bool(seen))

    def replace_all(self, term: str) -> None:
        """Every use of the term in this box, in one undo step."""
        text = self._box.toPlainText()
        cursor = QTextCursor(self._box.document())
        cursor.beginEditBlock()
        for finding in reversed([f for f in self._help.jargon.find(text) if f.term.term == term]):
            cursor.setPosition(finding.start)
            cursor.setPosition(finding.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(finding.replacement())
        cursor.endEditBlock()


class ReadingAge(QLabel):
    """The reading age of a section's boxes together, updated a moment after typing stops."""

    def __init__(self, boxes: list[QPlainTextEdit]):
        super().__init__("")
        self.setAccessibleName("Reading age")
        self.setWordWrap(True)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._boxes = boxes
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        for box in boxes:
            box.textChanged.connect(self._timer.start)

    def refresh(self) -> None:
        text = "\n\n".join(box.toPlainText() for box in self._boxes)
        self.setText("" if len(text) > MAX_HELPED else measure(text).describe())
