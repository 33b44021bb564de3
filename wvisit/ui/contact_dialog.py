"""Record a contact beside the visits: a phone call, a meeting, a professional contact.

Short on purpose: when, what kind, who with, a summary, and whether it belongs on the child's
chronology (and under which category). Nothing is chosen for the worker but today's date and the
time now, which is when most contacts are written up.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QTimeEdit

from wvisit.domain import Category
from wvisit.domain.contact import ContactKind
from wvisit.ui.date_field import DateField
from wvisit.ui.dialogs import _Form, category_box
from wvisit.ui.widgets import line_edit, text_box


class ContactDialog(_Form):
    def __init__(self, parent=None):
        super().__init__(
            parent,
            "Record a contact",
            "A phone call, a meeting or a contact with another professional, beside the visits. "
            "It cannot be changed once saved; it syncs to the central record.",
        )
        self.kind = QComboBox()
        self.kind.setAccessibleName("Kind of contact")
        self.kind.addItem("Choose the kind of contact\u2026", None)
        for kind in ContactKind:
            self.kind.addItem(kind.label, kind)
        self.on = DateField("Date of the contact", date.today())
        self.time = QTimeEdit(QTime.currentTime())
        self.time.setDisplayFormat("HH:mm")
        self.time.setAccessibleName("Time of the contact")
        self.with_whom = line_edit("Who the contact was with", "e.g. Ms Bell, class teacher")
        self.summary = text_box("Summary of the contact", 4)
        self.on_chronology = QCheckBox("Put it on the child's c&hronology, as a significant event")
        self.on_chronology.setAccessibleName("Put the contact on the child's chronology")
        self.category = category_box("Category on the chronology")
        self.category.setEnabled(False)
        self.on_chronology.toggled.connect(self.category.setEnabled)
        self.form.addRow("&Kind", self.kind)
        self.form.addRow("&Date", self.on)
        self.form.addRow("&Time", self.time)
        self.form.addRow("&With", self.with_whom)
        self.form.addRow("&Summary", self.summary)
        self.form.addRow("", self.on_chronology)
        self.form.addRow("&Category", self.category)
        self.require(self.kind, "Choose the kind of contact: a phone call, a meeting or a professional contact.")
        self.require(self.on, "Type the date of the contact.")
        self.require(self.with_whom, "Say who the contact was with.")
        self.require(self.summary, "Write a short summary of the contact.")
        self.finish_layout()
        self.kind.setFocus()

    def _accept(self) -> None:
        if self.on_chronology.isChecked() and self.category.currentData() is None:
            self.banner.show_message("Choose the category it goes under on the chronology, or untick the box.")
            self.category.setFocus()
            return
        super()._accept()

    def at(self) -> datetime:
        """When the contact happened, in the laptop's time zone."""
        day = self.on.value() or date.today()  # Save refuses an empty date; this is never reached without one
        moment = self.time.time()
        return datetime(day.year, day.month, day.day, moment.hour(), moment.minute()).astimezone()

    def details(self) -> dict:
        """What the worker typed, as the app's `contacts.record` takes it."""
        category = self.category.currentData() if self.on_chronology.isChecked() else None
        return dict(  # Qt hands a str enum back as a plain str: made an enum again here
            kind=ContactKind(self.kind.currentData()),
            at=self.at(),
            with_whom=self.with_whom.text(),
            summary=self.summary.toPlainText(),
            chronology=Category(category) if category is not None else None,
        )
