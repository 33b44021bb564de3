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

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from wvisit.ui.widgets import OptionalDate, YesNo, hint, text_box
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


def _datetime(spec: dict, on_change) -> list[Field]:
    edit = QDateTimeEdit()
    edit.setAccessibleName(spec["label"])
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy HH:mm")
    edit.dateTimeChanged.connect(on_change)

    def read() -> str:
        return edit.dateTime().toPython().astimezone().isoformat()

    def write(value: str | None) -> None:
        moment = datetime.fromisoformat(value).astimezone() if value else datetime.now().astimezone()
        edit.setDateTime(QDateTime(moment.replace(tzinfo=None)))

    return [Field(spec["name"], edit, read, write, edit.setReadOnly)]


def _date(spec: dict, on_change) -> list[Field]:
    edit = OptionalDate(spec["label"])
    edit.dateChanged.connect(on_change)

    def read() -> str | None:
        value = edit.value()
        return value.isoformat() if value else None

    def write(value: str | None) -> None:
        edit.set_value(date.fromisoformat(value) if value else None)

    return [Field(spec["name"], edit, read, write, edit.setReadOnly)]


def _yesno(spec: dict, on_change) -> list[Field]:
    question = YesNo(spec["label"], spec.get("reason_label"))
    question.changed.connect(on_change)
    fields = [Field(spec["name"], question, question.value, question.set_value, question.set_read_only)]
    if question.reason is not None:
        box = question.reason
        fields.append(Field(spec["reason"], box, box.toPlainText, lambda v: box.setPlainText(v or ""), box.setReadOnly))
    return fields


BUILDERS = {"text": _text, "choice": _choice, "datetime": _datetime, "date": _date, "yesno": _yesno}


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
