"""Add or edit a child's details, offline. Key people are typed one a line: "Name - relationship"."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wvisit.app import children
from wvisit.domain import Child, LegalStatus, PlanCategory
from wvisit.domain.text_forms import people_to_text, text_to_people
from wvisit.errors import InvalidValue
from wvisit.ui.date_field import DateField
from wvisit.ui.widgets import Banner, line_edit, text_box


class ChildDialog(QDialog):
    saved = Signal(object)  # the Child, validated

    def __init__(self, parent=None, child: Child | None = None):
        super().__init__(parent)
        self.setWindowTitle("Edit the child's details" if child else "Add a child")
        self._original = child
        layout = QVBoxLayout(self)
        self.banner = Banner()
        layout.addWidget(self.banner)
        fields = QWidget()  # scrolled: at large text the form is taller than a laptop's screen
        form = QFormLayout(fields)
        self.name = line_edit("Name")
        self.dob = DateField("Date of birth")  # empty until typed: no child is born on a default date
        self.status = QComboBox()
        self.status.setAccessibleName("Legal status")
        for status in LegalStatus:
            self.status.addItem(status.label, status)
        self.status_since = DateField("Legal status since", optional=True)
        self.placement_start = DateField("Placement started (child in care)", optional=True)
        self.plan_category = QComboBox()
        self.plan_category.setAccessibleName("Category of the child protection plan")
        self.plan_category.addItem("Not recorded", None)
        for category in PlanCategory:
            self.plan_category.addItem(category.label, category)
        self.next_conference = DateField("Next review child protection conference", optional=True)
        self.next_core_group = DateField("Next core group meeting", optional=True)
        self.household = text_box("Household members, one a line: Name - relationship", 3)
        self.summary = text_box("Case summary", 3)
        self.people = text_box("Key people, one a line: Name - relationship", 3)
        self.identity = text_box("Identity and culture", 2)
        self.language = text_box("Language and communication", 2)
        self.address = text_box("Address", 2)
        for label, widget in [
            ("&Name", self.name),
            ("Date of &birth", self.dob),
            ("Legal &status", self.status),
            ("Status si&nce", self.status_since),
            ("Placement s&tarted", self.placement_start),
            ("Plan &category", self.plan_category),
            ("Next &review conference", self.next_conference),
            ("Next c&ore group", self.next_core_group),
            ("&Household members", self.household),
            ("Case s&ummary", self.summary),
            ("&Key people", self.people),
            ("&Identity and culture", self.identity),
            ("&Language and communication", self.language),
            ("A&ddress", self.address),
        ]:
            form.addRow(label, widget)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(fields)
        scroll.setMinimumWidth(fields.sizeHint().width() + scroll.verticalScrollBar().sizeHint().width())
        layout.addWidget(scroll, 1)
        self._form = form
        self.status.currentIndexChanged.connect(self._status_shown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if child:
            self.name.setText(child.name)
            self.dob.set_value(child.date_of_birth)
            self.status.setCurrentIndex(list(LegalStatus).index(child.legal_status))
            self.summary.setPlainText(child.summary)
            self.people.setPlainText(people_to_text(child.key_people))
            self.identity.setPlainText(child.identity_notes)
            self.language.setPlainText(child.language_notes)
            self.address.setPlainText(child.address)
            self.status_since.set_value(child.status_since)
            self.placement_start.set_value(child.placement_start)
            self.plan_category.setCurrentIndex(max(0, self.plan_category.findData(child.plan_category)))
            self.next_conference.set_value(child.next_conference)
            self.next_core_group.set_value(child.next_core_group)
            self.household.setPlainText(people_to_text(child.household))
        self._status_shown()
        room = self.screen().availableGeometry().height() - 60 if self.screen() is not None else 700
        self.resize(self.sizeHint().width(), min(fields.sizeHint().height() + 100, room))  # all of it, if it fits
        self.name.setFocus()

    def _status_shown(self) -> None:
        """The rows of the status chosen: a child protection plan's details for a plan (whose start is
        the status's own date), the placement for a child in care. A hidden row keeps its value."""
        status = LegalStatus(self.status.currentData())  # Qt hands a str enum back as str
        plan = status is LegalStatus.CP
        for widget in (self.plan_category, self.next_conference, self.next_core_group):
            self._form.setRowVisible(widget, plan)
        self._form.setRowVisible(self.placement_start, status is LegalStatus.CLA)
        label = self._form.labelForField(self.status_since)
        if isinstance(label, QLabel):
            label.setText("Plan s&tarted" if plan else "Status si&nce")
        self.status_since.edit.setAccessibleName("Plan started" if plan else "Legal status since")

    def _accept(self) -> None:
        dates = (self.dob, self.status_since, self.placement_start, self.next_conference, self.next_core_group)
        for field in dates:
            if field.problem():  # text that is not a date: say why, rather than keep an older date unseen
                self.banner.show_message(field.problem())
                field.setFocus()
                return
        if self.dob.value() is None:
            self.banner.show_message("Type the child's date of birth, for example 04/03/2016.")
            self.dob.setFocus()
            return
        fields = dict(
            name=self.name.text().strip(),
            date_of_birth=self.dob.value(),
            legal_status=self.status.currentData(),
            summary=self.summary.toPlainText(),
            key_people=text_to_people(self.people.toPlainText()),
            identity_notes=self.identity.toPlainText(),
            language_notes=self.language.toPlainText(),
            address=self.address.toPlainText(),
            placement_start=self.placement_start.value(),
            status_since=self.status_since.value(),
            plan_category=PlanCategory(category) if (category := self.plan_category.currentData()) else None,
            next_conference=self.next_conference.value(),
            next_core_group=self.next_core_group.value(),
            household=text_to_people(self.household.toPlainText()),
        )
        try:
            child = children.edited(self._original, fields, date.today())
        except InvalidValue as error:
            self.banner.show_message(str(error))
            return
        self.accept()
        self.saved.emit(child)
