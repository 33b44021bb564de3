"""The one date field of the app: typed the way a worker says a date, or picked from a calendar.

Typing is read by the domain's parser (wvisit/domain/dates.py), the same one the CLI uses:
"14/11/2026", "14112026", "14 Nov", "today", "tomorrow", "+10". Nothing is guessed section by
section as a spin box does (where "09/12/2026" once became 09/01/2202).

What the worker sees is what is kept:
- while typing, the line under the box shows the date the text stands for, with its weekday
  ("Sat 14 Nov 2026 · in 10 days"); when they leave the box it shows the date that way too;
- text that is not a date says why in red under the box, and the field keeps its last good date
  (or none): a half-typed date never becomes a surprising one;
- an optional field is "not set" while it is empty, and typing is never blocked by that state.

The calendar button (or Alt+Down / F4 in the box) opens a month at the field's date, or at today.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wvisit.domain.dates import EXAMPLES, long_form, parse_date
from wvisit.errors import InvalidValue
from wvisit.ui.widgets import warning_colour


def qdate(day: date) -> QDate:
    """Qt's date for `day`, by its parts: PySide6 converts a Python date itself, but not every release's
    type stubs say so."""
    return QDate(day.year, day.month, day.day)


NEAR_DAYS = 90  # within this many days the note also says how far away the date is ("in 10 days")


def how_far(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 10 days", "3 days ago"; "" for a date further than NEAR_DAYS away."""
    days = (day - today).days
    if abs(days) > NEAR_DAYS:
        return ""
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    return named.get(days) or (f"in {days} days" if days > 0 else f"{-days} days ago")


class DateField(QWidget):
    """A date typed or picked. `value()` is the date shown, or the last good one while the text is
    not a date; `changed` is emitted whenever that value changes."""

    changed = Signal()

    def __init__(
        self,
        name: str,
        value: date | None = None,
        *,
        optional: bool = False,
        today: Callable[[], date] = date.today,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._name, self._optional, self._today = name, optional, today
        self._value: date | None = None
        self._kept: date | None = None  # the last date the worker finished with: kept while the text is not one
        self._problem = ""
        self._marks: dict[date, str] = {}

        self.edit = QLineEdit()
        self.edit.setAccessibleName(name)
        self.edit.setAccessibleDescription(f"Type the day first, {EXAMPLES}.")
        # Short enough that two date fields and their captions fit a 1366 px laptop at 1.6x text; the
        # accessible description and the note under the box give every form wvisit reads.
        self.edit.setPlaceholderText(("Not set \u2014 " if optional else "") + "e.g. 14/11/2026, +10")
        wide = self.edit.fontMetrics().horizontalAdvance(self.edit.placeholderText()) + 24  # from the font: scales
        self.edit.setMinimumWidth(wide)
        self.edit.setMaximumWidth(wide)
        self.edit.textEdited.connect(self._typed)
        self.edit.installEventFilter(self)
        self.edit.editingFinished.connect(self._finished)
        self.button = QToolButton()
        self.button.setText("Calendar\u2026")
        self.button.setAccessibleName(f"{name}: choose from a calendar")
        self.button.setToolTip("Choose from a calendar (Alt+Down)")
        self.button.clicked.connect(self.open_calendar)
        self.note = QLabel()
        self.note.setAccessibleName(f"{name}: the date as read")
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit)
        row.addWidget(self.button)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.note)
        self.setFocusProxy(self.edit)

        self.popup = QFrame(self, Qt.WindowType.Popup)
        self.popup.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(f"{name}: calendar")
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        for spin in self.calendar.findChildren(QAbstractSpinBox):  # the month header's year box
            spin.setAccessibleName(f"{name}: year shown")
        self.calendar.clicked.connect(self._picked)
        self.calendar.activated.connect(self._picked)
        popup_layout = QVBoxLayout(self.popup)
        popup_layout.setContentsMargins(4, 4, 4, 4)
        popup_layout.addWidget(self.calendar)
        self.set_value(value)

    # --- what the screens use ------------------------------------------------------------------

    def value(self) -> date | None:
        return self._value

    def set_value(self, value: date | None) -> None:
        """Show `value` (None: not set), as loaded from a record; emits nothing."""
        self._value = self._kept = value
        self.edit.setText(long_form(value) if value else "")
        self._problem = ""
        self._show_note()

    def problem(self) -> str:
        """Why the text in the box is not a date ("" when it is, or when an optional box is empty)."""
        return self._problem

    def set_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.button.setEnabled(not read_only)

    def mark(self, day: date | None, meaning: str = "") -> None:
        """Mark `day` in the calendar (the date the visit-frequency policy gives), or clear the marks."""
        for old in self._marks:
            self.calendar.setDateTextFormat(qdate(old), QTextCharFormat())
        self._marks = {day: meaning} if day else {}
        if day:
            marked = QTextCharFormat()
            marked.setBackground(self.palette().color(QPalette.ColorRole.Highlight).lighter(170))
            marked.setToolTip(meaning)
            self.calendar.setDateTextFormat(qdate(day), marked)
        self._show_today()

    def open_calendar(self) -> None:
        """The month of the field's date, or of today when it has none, with that day selected."""
        if self.edit.isReadOnly():
            return
        at = self._value or self._today()
        self._show_today()
        self.calendar.setSelectedDate(qdate(at))
        self.calendar.setCurrentPage(at.year, at.month)
        self.popup.adjustSize()
        self.popup.show()
        self.popup.move(self._popup_position())  # once shown, its size is the one it shows at
        self.calendar.setFocus()

    # --- typing and picking ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Coming into the box selects its date, so typing replaces it (as in a spin box), not adds to it;
        Alt+Down or F4 opens the calendar, as in a drop-down list."""
        if watched is self.edit and event.type() == QEvent.Type.FocusIn and not self.edit.isReadOnly():
            QTimer.singleShot(0, self.edit, self.edit.selectAll)  # after the click has placed the cursor
        if watched is self.edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            alt_down = event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def _typed(self, text: str) -> None:
        """Each key: when the text reads as a date, that date is the value; otherwise the date the worker
        last finished with is (never a date half-typed on the way, like 09/01/22 on the way to 09/01/2202)."""
        if not text.strip() and self._optional:
            self._problem = ""
            self._set(None)
            return
        try:
            day = parse_date(text, self._today())
        except InvalidValue as error:
            self._problem = str(error)
            self._set(self._kept)
            return
        self._problem = ""
        self._set(day)

    def _finished(self) -> None:
        """Leaving the box: a date is written back in full ("Sat 14 Nov 2026"); a problem is shown in red."""
        if not self._problem and self.edit.text().strip():
            self.edit.setText(long_form(self._value) if self._value else "")
        elif not self.edit.text().strip() and not self._optional:
            self._problem = f"Type a date, {EXAMPLES}."
        if not self._problem:
            self._kept = self._value
        self._show_note()

    def _picked(self, picked: QDate) -> None:
        self.popup.hide()
        self._problem = ""
        day = date(picked.year(), picked.month(), picked.day())
        self.edit.setText(long_form(day))
        self._set(day)
        self._kept = day
        self.edit.setFocus()

    def _set(self, day: date | None) -> None:
        changed = day != self._value
        self._value = day
        self._show_note(typing=True)
        if changed:
            self.changed.emit()

    # --- showing -----------------------------------------------------------------------------------

    def _show_note(self, typing: bool = False) -> None:
        if self._problem and typing:  # still typing: a quiet hint, not an alarm
            self._note("Type the day first: 14/11/2026, 14 Nov, today, +10", warning=False)
        elif self._problem:
            kept = f"The date stays {long_form(self._kept)}." if self._kept else "No date is set."
            self._note(f"{self._problem} {kept}", warning=True)
        elif self._value is None:
            self._note("Not set" if self._optional else "", warning=False)
        else:
            far = how_far(self._value, self._today())
            meaning = self._marks.get(self._value, "")
            parts = [long_form(self._value), far, meaning]
            self._note(" \u00b7 ".join(part for part in parts if part), warning=False)

    def _note(self, text: str, warning: bool) -> None:
        self.note.setText(text)
        self.note.setAccessibleDescription(text)
        if warning:
            self.note.setStyleSheet(f"QLabel {{ color: {warning_colour(self)}; }}")
            self.note.setForegroundRole(QPalette.ColorRole.WindowText)
        else:
            self.note.setStyleSheet("")
            self.note.setForegroundRole(QPalette.ColorRole.PlaceholderText)

    def _show_today(self) -> None:
        today = self._today()
        bold = self.calendar.dateTextFormat(qdate(today))
        bold.setFontWeight(QFont.Weight.Bold)
        bold.setFontUnderline(True)
        self.calendar.setDateTextFormat(qdate(today), bold)

    def _popup_position(self) -> QPoint:
        """Below the box, kept on the screen."""
        at = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = QApplication.screenAt(at) or QApplication.primaryScreen()
        area = screen.availableGeometry()
        size = self.popup.frameGeometry().size()
        x = min(max(area.left(), at.x()), area.right() - size.width())
        above = self.edit.mapToGlobal(QPoint(0, 0)).y() - size.height()
        y = at.y() if at.y() + size.height() <= area.bottom() else above
        return QPoint(x, max(area.top(), y))
