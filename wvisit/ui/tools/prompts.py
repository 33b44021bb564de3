"""Child-mode widgets for the tools that ask a few questions, each answered in the child's own words:
All about me (four questions) and Safety House (four parts, with the house drawn as the child fills it).

One widget serves both: the tool module's table of parts (field, name, question, hint) says what is
asked. A part kept as a list (Safety House's names and steps) is one line per entry in its box.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPlainTextEdit, QSizePolicy, QVBoxLayout, QWidget

from wvisit.domain import to_record
from wvisit.tools import pictures
from wvisit.tools.all_about_me import QUESTIONS, AllAboutMe
from wvisit.tools.safety_house import PARTS, SafetyHouse
from wvisit.ui.read_aloud import ReadAloud
from wvisit.ui.tools.storyboard import StoryTool
from wvisit.ui.tools.tool_widgets import ToolWidget, big_label, spoken, words_box


def lines(box: QPlainTextEdit) -> list[str]:
    """A box's entries: one per line, blank lines and spaces at the ends left out."""
    return [line.strip() for line in box.toPlainText().splitlines() if line.strip()]


class PromptsTool(ToolWidget):
    """A question and a box for each part of the tool, in a grid of `columns`."""

    def __init__(self, result, parts, reader: ReadAloud | None = None, columns: int = 2):
        super().__init__()
        self.reader = reader
        self._type = type(result)
        self.boxes: dict[str, QPlainTextEdit] = {}
        self.grid = QGridLayout()
        for index, (key, _name, question, hint) in enumerate(parts):
            value = getattr(result, key)
            box = words_box(question, hint)
            box.setPlainText("\n".join(value) if isinstance(value, list) else value)
            box.textChanged.connect(self.changed)
            self.boxes[key] = box
            part = QVBoxLayout()
            part.addLayout(self.with_listen(big_label(question, 1.2), lambda q=question: q, "the question"))
            part.addLayout(self.with_listen(box, lambda b=box: spoken(b), question.lower()), 1)
            self.grid.addLayout(part, index // columns, index % columns)

    def result(self):
        values = {
            key: lines(box) if isinstance(getattr(self._type(), key), list) else box.toPlainText()
            for key, box in self.boxes.items()
        }
        return self._type(**values)


class AllAboutMeTool(PromptsTool):
    def __init__(self, result: AllAboutMe, reader: ReadAloud | None = None):
        super().__init__(result, QUESTIONS, reader)
        QVBoxLayout(self).addLayout(self.grid)


class HousePicture(QWidget):
    """The safe house as the record will show it, painted again each time the child changes a part."""

    def __init__(self, tool: PromptsTool):
        super().__init__()
        self.tool = tool
        self.setAccessibleName("Your safe house")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(450, 300)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        pictures.paint(painter, "safety_house", to_record(self.tool.result()), QRectF(self.rect()))
        painter.end()


class SafetyHouseTool(PromptsTool):
    """The four parts beside the house they fill: names appear in, by and beyond the house as they are typed."""

    def __init__(self, result: SafetyHouse, reader: ReadAloud | None = None):
        super().__init__(result, PARTS, reader, columns=1)
        row = QHBoxLayout(self)
        self.house = HousePicture(self)
        row.addWidget(self.house, 3)
        row.addLayout(self.grid, 2)
        self.changed.connect(self.house.update)

    def picture(self):
        return pictures.image("safety_house", to_record(self.result()))


# The newer tools' widgets, which tool_widgets.tool_widget looks up here.
WIDGETS: dict[str, type[ToolWidget]] = {
    "all_about_me": AllAboutMeTool,
    "safety_house": SafetyHouseTool,
    "words_and_pictures": StoryTool,
}
