"""Turn the visit template (resources/visit_template.json) into input widgets, and read them back.

Each field becomes a widget with the same four abilities - read, write, make read-only,
tell when changed - so the editor treats every kind alike. Values are in record form
(what wvisit.domain.to_record gives), so the editor turns them into a Visit with
from_record and the template needs no code when a section is added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from wvisit.domain import PlanItem, from_record, to_record
from wvisit.domain.dates import long_form
from wvisit.ui.action_rows import ActionRows
from wvisit.ui.date_field import DateField
from wvisit.ui.widgets import YesNo, hint, text_box
from wvisit.ui.writing_aid import ReadingAge, WritingHelp


@dataclass
class Field:
    name: str
    widget: QWidget
    read: Callable[[], Any]
    write: Callable[[Any], None]
    lock: Callable[[bool], None]


def _text(spec: dict, on_change) -> list[Field]:
    box = text_box(spec["label"], spec.get("lines", 3))
    box.textChanged.connect(on_change)
    return [Field(spec["name"], box, box.toPlainText, lambda v: box.setPlainText(v or ""), box.setReadOnly)]


def _choice(spec: dict, on_change) -> list[Field]:
    combo = QComboBox()
    combo.setAccessibleName(spec["label"])
    combo.addItem("Choose\u2026", None)
    for value, label in spec["choices"]:
        combo.addItem(label, value)
    combo.currentIndexChanged.connect(on_change)
    return [
        Field(
            spec["name"],
            combo,
            combo.currentData,
            lambda v: combo.setCurrentIndex(max(0, combo.findData(v))),
            lambda ro: combo.setEnabled(not ro),
        )
    ]


class DateAndTime(QWidget):
    """The visit's day, typed or picked like every date (DateField), and its time of day."""

    def __init__(self, name: str):
        super().__init__()
        self.date = DateField(f"{name}: day")
        self.time = QTimeEdit()
        self.time.setAccessibleName(f"{name}: time")
        self.time.setDisplayFormat("HH:mm")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.date, 1)
        row.addWidget(self.time, 0)
        self.setFocusProxy(self.date)

    def read(self) -> str:
        day = self.date.value() or date.today()  # never None: loaded from the record, or the moment it began
        return datetime.combine(day, self.time.time().toPython()).astimezone().isoformat()

    def write(self, value: str | None) -> None:
        moment = datetime.fromisoformat(value).astimezone() if value else datetime.now().astimezone()
        self.date.set_value(moment.date())
        self.time.setTime(QTime(moment.hour, moment.minute))

    def set_read_only(self, read_only: bool) -> None:
        self.date.set_read_only(read_only)
        self.time.setReadOnly(read_only)


class LimitedDate(QWidget):
    """A date with a latest date (the next visit, against the visit-frequency policy): after it, a
    box asks why, and the reason goes with the record for the supervisor to read."""

    def __init__(self, name: str, reason_label: str):
        super().__init__()
        self.date = DateField(name, optional=True)
        self.limit_note = hint("")
        self.limit_note.setAccessibleName(f"{name}: the latest date the policy allows")
        self.reason_label = QLabel(reason_label)
        self.reason = text_box(reason_label, 2)
        self.reason_label.setBuddy(self.reason)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.date, self.limit_note, self.reason_label, self.reason):
            layout.addWidget(widget)
        self.setFocusProxy(self.date)
        self.limit: date | None = None
        self.date.changed.connect(self._show_reason)
        self.reason.textChanged.connect(self._show_reason)
        self.set_limit(None)

    def set_limit(self, limit: date | None) -> None:
        """The latest date without a reason (None: no limit known), marked in the calendar."""
        self.limit = limit
        self.limit_note.setText(
            f"The visit-frequency policy says by {long_form(limit)} at the latest." if limit else ""
        )
        self.limit_note.setVisible(limit is not None)
        self.date.mark(limit, "the latest date the policy allows")
        self._show_reason()

    def set_value(self, value: date | None) -> None:
        self.date.set_value(value)
        self._show_reason()

    def beyond_limit(self) -> bool:
        value = self.date.value()
        return self.limit is not None and value is not None and value > self.limit

    def _show_reason(self) -> None:
        visible = self.beyond_limit() or bool(self.reason.toPlainText().strip())
        self.reason_label.setVisible(visible)
        self.reason.setVisible(visible)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _datetime(spec: dict, on_change) -> list[Field]:
    both = DateAndTime(spec["label"])
    both.date.changed.connect(on_change)
    both.time.timeChanged.connect(on_change)
    return [Field(spec["name"], both, both.read, both.write, both.set_read_only)]


def _date(spec: dict, on_change) -> list[Field]:
    if "reason" not in spec:
        edit = DateField(spec["label"], optional=True)
        edit.changed.connect(on_change)
        return [
            Field(spec["name"], edit, lambda: _iso(edit.value()), lambda v: edit.set_value(_day(v)), edit.set_read_only)
        ]
    limited = LimitedDate(spec["label"], spec["reason_label"])
    limited.date.changed.connect(on_change)
    box = limited.reason
    box.textChanged.connect(on_change)

    def lock(read_only: bool) -> None:
        limited.date.set_read_only(read_only)
        box.setReadOnly(read_only)

    return [
        Field(spec["name"], limited, lambda: _iso(limited.date.value()), lambda v: limited.set_value(_day(v)), lock),
        Field(spec["reason"], box, box.toPlainText, lambda v: box.setPlainText(v or ""), box.setReadOnly),
    ]


def _yesno(spec: dict, on_change) -> list[Field]:
    question = YesNo(spec["label"], spec.get("reason_label"))
    question.changed.connect(on_change)
    fields = [Field(spec["name"], question, question.value, question.set_value, question.set_read_only)]
    if question.reason is not None:
        box = question.reason
        fields.append(Field(spec["reason"], box, box.toPlainText, lambda v: box.setPlainText(v or ""), box.setReadOnly))
    return fields


def _actions(spec: dict, on_change) -> list[Field]:
    """Actions as rows (what, who, by when), read as typed: a row missing who or when is kept in the
    draft and named when finalising (domain/visit.py)."""
    rows = ActionRows()
    rows.setAccessibleName(spec["label"])
    rows.changed.connect(on_change)
    return [
        Field(
            spec["name"],
            rows,
            lambda: to_record(rows.as_typed()),
            lambda v: rows.set_items([from_record(PlanItem, item) for item in v or []]),
            rows.set_read_only,
        )
    ]


BUILDERS = {
    "text": _text,
    "choice": _choice,
    "datetime": _datetime,
    "date": _date,
    "yesno": _yesno,
    "actions": _actions,
}


def build_section(
    section: dict, legal_status: str, on_change, writing: WritingHelp | None = None
) -> tuple[QGroupBox, list[Field]]:
    """A titled group of the section's fields; fields `only_for` other statuses are left out.

    With `writing`, the worker's text boxes get plainer-words and spelling help, and the
    section its reading age.
    """
    box = QGroupBox(section["title"])
    box.setAccessibleName(section["title"])
    form = QFormLayout(box)
    form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
    if section.get("help"):
        form.addRow(hint(section["help"]))
    fields: list[Field] = []
    for spec in section.get("fields", []):
        if "only_for" in spec and legal_status not in spec["only_for"]:
            continue
        made = BUILDERS[spec["kind"]](spec, on_change)
        if spec["kind"] == "yesno":
            form.addRow(made[0].widget)
        else:
            label = QLabel(spec["label"])
            label.setBuddy(made[0].widget)
            form.addRow(label, made[0].widget)
        if spec.get("help") and spec["kind"] != "yesno":
            form.addRow(hint(spec["help"]))
        if writing is not None and spec["kind"] == "text":
            helper = writing.attach(made[0].widget)
            made[0].lock = helper.set_read_only
            form.addRow(helper.strip)
        fields.extend(made)
    boxes = [f.widget for f in fields if isinstance(f.widget, QPlainTextEdit)]
    if writing is not None and boxes:
        form.addRow(ReadingAge(boxes))
    return box, fields
