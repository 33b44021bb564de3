"""The shortcuts sheet (F1): every keyboard shortcut of the window as it is now, read from the window itself.

Nothing here is a hand-kept list: the sheet walks the window's actions (the toolbar's and the
window's own), its shortcuts (QShortcut, described by their whatsThis) and the buttons with an
underlined letter (Alt+letter), so a shortcut added anywhere shows up here, and one removed goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class Shortcut:
    keys: str  # as the keyboard shows them: "Ctrl+Shift+W"
    does: str  # what it does, in the words of the button or action
    where: str  # "Everywhere", or the screen or form it belongs to


KEYS_IN_WORDS = re.compile(r"\s*\((?:Ctrl|Alt|Shift|Meta|F\d)[^)]*\)")


def plain(text: str) -> str:
    """A button's or action's words without the & of its underlined letter, the keys it names in brackets
    (the sheet shows them in their own column) or a trailing ellipsis."""
    words = KEYS_IN_WORDS.sub("", text)
    return words.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".\u2026 ")


def _where(widget: QWidget | None, window: QWidget) -> str:
    """Where a shortcut works: the nearest named part of the screen ("Direct work"), "This screen" for
    one of the page itself, "Everywhere" for the window's own."""
    while widget is not None and widget is not window:
        name = widget.accessibleName() or (widget.windowTitle() if widget.isWindow() else "")
        if name:
            return name
        if isinstance(widget.parentWidget(), QStackedWidget):
            return "This screen"
        widget = widget.parentWidget()
    return "Everywhere"


def _button_saying(parent: object, keys: str) -> str:
    """What a shortcut without words of its own does: the words of the button that names its keys
    ("Add the child's words (Ctrl+Shift+W)"), if the screen has one."""
    if not isinstance(parent, QWidget) or not keys:
        return ""
    for button in parent.findChildren(QAbstractButton):
        if f"({keys})" in button.text():
            return plain(button.text())
    return parent.accessibleName()


def collect(window: QWidget) -> list[Shortcut]:
    """Every shortcut that works in `window` now (visible and enabled), one line each, sorted by where."""
    found: dict[tuple[str, str], Shortcut] = {}

    def add(keys: str, does: str, where: str) -> None:
        if keys and does:
            found.setdefault((keys, where), Shortcut(keys, does, where))

    for action in window.findChildren(QAction):
        if action.isVisible() and action.isEnabled():
            for sequence in action.shortcuts():
                add(sequence.toString(NATIVE), plain(action.text()), "Everywhere")
    for shortcut in window.findChildren(QShortcut):
        parent = shortcut.parent()
        if shortcut.isEnabled() and (not isinstance(parent, QWidget) or parent.isVisible()):
            does = shortcut.whatsThis() or _button_saying(parent, shortcut.key().toString(NATIVE))
            add(shortcut.key().toString(NATIVE), does, _where(parent if isinstance(parent, QWidget) else None, window))
    for button in window.findChildren(QAbstractButton):
        if button.isVisible() and button.isEnabled() and not button.shortcut().isEmpty():
            add(button.shortcut().toString(NATIVE), plain(button.text()), _where(button.parentWidget(), window))
    return sorted(found.values(), key=lambda s: (s.where != "Everywhere", s.where, s.keys))


class ShortcutsSheet(QDialog):
    """The sheet itself: a read-only table, Escape or Close leaves it."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Every shortcut you can use on this screen now. Alt with an underlined letter presses that button."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.shortcuts = collect(window)
        self.table = QTableWidget(len(self.shortcuts), 3)
        self.table.setAccessibleName("Keyboard shortcuts: keys, what they do, where")
        self.table.setHorizontalHeaderLabels(["Keys", "What it does", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for row, shortcut in enumerate(self.shortcuts):
            for column, text in enumerate((shortcut.keys, shortcut.does, shortcut.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.setFocus()
        self.resize(min(900, window.width()), min(640, window.height()))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
