"""The chronology tab of the child's page: the lines, a filter by category and dates, and the
buttons that add, correct or strike a line through.

A chronology read in court or at a conference is read one thread at a time (every move, every
police call-out, everything since the plan began), so the filter sits above the lines and says how
many it shows. The lines themselves are the child's page's to show: it knows how a struck line is
drawn. This widget only chooses which lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wvisit.app.queries.child import ChronologyLine, filtered
from wvisit.domain import Category
from wvisit.ui.date_field import DateField
from wvisit.ui.models import nice_date

DASH, DOT = "\u2014", "\u00b7"


class ChronologyTab(QWidget):
    """`listing` and `buttons` are the page's; `filter_changed` asks the page to show the lines again
    through `chosen`."""

    filter_changed = Signal()

    def __init__(self, listing: QListWidget, buttons: Sequence[QPushButton], parent: QWidget | None = None):
        super().__init__(parent)
        self.listing = listing
        self.category = QComboBox()
        self.category.setAccessibleName("Show the chronology of one category")
        self.category.addItem("Every category", None)
        for category in Category:
            self.category.addItem(category.label, category)
        self.since = DateField("Show lines from", optional=True)
        self.until = DateField("Show lines up to", optional=True)
        self.clear_button = QPushButton("Show &all")
        self.clear_button.setAccessibleName("Clear the chronology filter and show every line")
        self.shown = QLabel()
        self.shown.setAccessibleName("How many chronology lines are shown")
        self.category.currentIndexChanged.connect(lambda _index: self.filter_changed.emit())
        self.since.changed.connect(self.filter_changed.emit)
        self.until.changed.connect(self.filter_changed.emit)
        self.clear_button.clicked.connect(self.clear)

        # One row each (what, from, up to): side by side, the two date fields alone are wider than a
        # 1366 px laptop at 1.6x text.
        bar = QGridLayout()
        for row, (label, widget) in enumerate(
            (("Sho&w", self.category), ("&From", self.since), ("U&p to", self.until))
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            bar.addWidget(caption, row, 0)
            bar.addWidget(widget, row, 1, Qt.AlignmentFlag.AlignLeft)
        bar.addWidget(self.clear_button, 0, 2, Qt.AlignmentFlag.AlignLeft)
        bar.setColumnStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.shown)
        layout.addWidget(listing, 1)
        button_row = QHBoxLayout()
        for button in buttons:
            button_row.addWidget(button)
        button_row.addStretch()
        layout.addLayout(button_row)
        self.setFocusProxy(listing)

    def choose(self, category: Category | None, since: date | None = None, until: date | None = None) -> None:
        """Set the filter (a button on another tab, a test); the page is asked to show the lines again."""
        self.category.setCurrentIndex(self.category.findData(category) if category is not None else 0)
        self.since.set_value(since)
        self.until.set_value(until)
        self.filter_changed.emit()

    def clear(self) -> None:
        self.choose(None)

    def chosen(self, lines: list[ChronologyLine]) -> list[ChronologyLine]:
        """The lines the filter lets through, and the count said above them. A date box whose text is not
        a date yet filters by the last date it held (its own note says what is wrong)."""
        chosen = self.category.currentData()
        category = Category(chosen) if chosen is not None else None  # Qt hands a str enum back as str
        kept = filtered(lines, category, self.since.value(), self.until.value())
        filtering = category is not None or self.since.value() is not None or self.until.value() is not None
        self.shown.setText(f"Showing {len(kept)} of {len(lines)} lines." if filtering else f"{len(lines)} lines.")
        self.clear_button.setEnabled(filtering)
        return kept


def line_text(line: ChronologyLine) -> str:
    """A chronology line as the list shows it: the date, the category, what happened; then who it is
    known from and the impact on the child, when they were recorded (a line a record made says who
    recorded it)."""
    text = f"{nice_date(line.on)} {DASH} {line.category.label}: {line.what}"
    said_by = "Source" if line.record_id is None else "Recorded by"
    details = [f"{said_by}: {line.source}"] if line.source else []
    if line.impact:
        details.append(f"Impact on the child: {line.impact}")
    return text + (f"\n    {f' {DOT} '.join(details)}" if details else "")
