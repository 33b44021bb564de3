"""Small widgets shared by the screens: titles, a notice banner, a labelled form row, a yes/no question."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)


def open_dialog(dialog: QDialog) -> None:
    """Open window-modal; when it closes, the window is active again and focus is back where it was.

    Keyboard users keep their place. A widget that was replaced meanwhile (the page moved
    on) is skipped: focus then stays wherever the new page put it.
    """
    before = QApplication.focusWidget()
    owner = dialog.parentWidget().window()

    def restore(_result: int) -> None:
        owner.activateWindow()
        if before is not None and shiboken6.isValid(before) and before.isVisible():
            before.setFocus()

    dialog.finished.connect(restore)
    dialog.open()


def title(text: str, scale: float = 1.5) -> QLabel:
    """A heading that scales with the system font, never a fixed pixel size."""
    label = QLabel(text)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    label.setAccessibleName(text)
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    return label


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


def warning_colour(widget: QWidget) -> str:
    """A red that stays readable on light and dark palettes."""
    return "#f2b8b5" if is_dark(widget) else "#a4161a"


class Banner(QLabel):
    """A notice across the top of a screen: missing fields, errors. Read out by screen readers."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("Notice")
        self.hide()

    def show_message(self, text: str, warning: bool = True) -> None:
        # The text is made selectable with its first message, not when the banner is made: the unlock window
        # makes one, hidden, and the first use of PySide's Qt namespace builds all of it (~17 ms of the start).
        from PySide6.QtCore import Qt

        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        colour = warning_colour(self) if warning else self.palette().color(QPalette.ColorRole.Text).name()
        self.setStyleSheet(f"QLabel {{ border: 2px solid {colour}; border-radius: 6px; padding: 8px; }}")
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


def show_unreadable(banner: Banner, visits: int, where: str) -> None:
    """Say on a list of the team's visits how many could not be read and are left out of it: a damaged
    record must not silently shrink a supervisor's figures."""
    if visits:
        records, are = ("visit record", "is") if visits == 1 else ("visit records", "are")
        banner.show_message(
            f"{visits} {records} on this laptop could not be read and {are} not {where}: please tell IT."
        )
    else:
        banner.clear_message()


def text_box(name: str, lines: int = 3) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)  # Tab moves on, so the whole form works from the keyboard
    box.setFixedHeight(box.fontMetrics().lineSpacing() * (lines + 1) + 12)  # from the font: scales with it
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


def line_edit(name: str, placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    edit.setPlaceholderText(placeholder)
    return edit


class YesNo(QWidget):
    """A yes/no question that may be left unanswered, with a reason box shown when the answer is no."""

    changed = Signal()

    def __init__(self, question: str, reason_label: str | None = None):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        label = QLabel(question)
        row.addWidget(label)
        self.yes, self.no = QRadioButton("Yes"), QRadioButton("No")
        for button, answer in ((self.yes, "yes"), (self.no, "no")):
            button.setAccessibleName(f"{question} {answer}")
            row.addWidget(button)
        row.addStretch()
        self._group = QButtonGroup(self)
        self._group.addButton(self.yes)
        self._group.addButton(self.no)
        self._group.buttonToggled.connect(self._toggled)
        layout.addLayout(row)
        self.reason = text_box(reason_label, 2) if reason_label else None
        if self.reason is not None:
            self.reason_label = QLabel(reason_label)
            self.reason_label.setBuddy(self.reason)
            layout.addWidget(self.reason_label)
            layout.addWidget(self.reason)
            self.reason.textChanged.connect(self.changed)
        self._show_reason()

    def value(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_value(self, value: bool | None) -> None:
        self._group.setExclusive(False)
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)
        self._group.setExclusive(True)
        self._show_reason()

    def set_read_only(self, read_only: bool) -> None:
        self.yes.setEnabled(not read_only)
        self.no.setEnabled(not read_only)
        if self.reason is not None:
            self.reason.setReadOnly(read_only)

    def _toggled(self, _button, checked: bool) -> None:
        if checked:
            self._show_reason()
            self.changed.emit()

    def _show_reason(self) -> None:
        if self.reason is not None:
            visible = self.no.isChecked()
            self.reason.setVisible(visible)
            self.reason_label.setVisible(visible)
