"""One widget per direct-work tool, for the child to use in child mode.

Every tool widget has the same three abilities: `changed` when the child did something (the
child mode saves it at once), `result()` as the tool's dataclass, and `picture()` for the
rendered PNG kept with the record. Words are large, targets are big enough for a finger.

What the child picked is unmistakable: a thick outline in the highlight colour and a tick
(CHOICE_STYLE, `choice_button`), in light and dark palettes alike. With a ReadAloud voice, every
question, choice and the child's own words has a "Listen" button, and a choice is said as it is
picked, for a child who does not read yet.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wvisit.domain import to_record
from wvisit.tools import pictures
from wvisit.tools.base import Tool
from wvisit.tools.drawing import Drawing
from wvisit.tools.feelings import FEELINGS, Feelings
from wvisit.tools.my_people import LINES, RINGS, MyPeople, Person
from wvisit.tools.scaling import HIGH, LOW, Scaling
from wvisit.tools.three_houses import HOUSES, MAGIC_NAMES, MAGIC_TITLE, House, ThreeHouses
from wvisit.tools.three_wishes import ThreeWishes
from wvisit.ui.read_aloud import ReadAloud
from wvisit.ui.tools.canvas import DrawingBar, DrawingCanvas, render
from wvisit.ui.tools.choice import choice_button
from wvisit.ui.tools.faces import FEELING_FACES, face_icon, scale_face

BIG = 18  # point size of the child's words


def enlarge(widget: QWidget, scale: float = 1.0) -> None:
    font = widget.font()
    font.setPointSizeF(BIG * scale)
    widget.setFont(font)


def big_label(text: str, scale: float = 1.0) -> QLabel:
    label = QLabel(text)
    enlarge(label, scale)
    label.setWordWrap(True)
    return label


def child_title(key: str, result) -> str:
    """The child-mode title, following the words the worker chose (Wizard and Fairy for Three Houses)."""
    from wvisit import tools

    if isinstance(result, ThreeHouses) and result.magic:
        return MAGIC_TITLE
    return tools.get(key).child_title


def words_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    enlarge(box)
    box.setTabChangesFocus(True)
    return box


class ToolWidget(QWidget):
    changed = Signal()
    reader: ReadAloud | None = None  # the voice for Listen buttons; none (no buttons) outside child mode

    def listen(self, layout, words, what: str) -> None:
        """Add a Listen button to `layout` saying `words()` when pressed (only with a voice)."""
        if self.reader is not None:
            layout.addWidget(self.reader.button(words, what), 0, Qt.AlignmentFlag.AlignTop)

    def with_listen(self, widget: QWidget, words, what: str) -> QHBoxLayout:
        """`widget` with its Listen button beside it."""
        row = QHBoxLayout()
        row.addWidget(widget, 1)
        self.listen(row, words, what)
        return row

    def say(self, text: str) -> None:
        """Speak a choice as it is picked, when there is a voice."""
        if self.reader is not None:
            self.reader.say(text)

    def result(self):
        raise NotImplementedError

    def record(self, tool: Tool) -> dict:
        """The result as `tool` saves it (what child mode saves after each change)."""
        return tool.save(self.result())

    def picture(self) -> QImage:
        return self.grab().toImage()


class DrawingTool(ToolWidget):
    def __init__(self, result: Drawing, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        layout = QVBoxLayout(self)
        self.canvas = DrawingCanvas(result.strokes)
        self.bar = DrawingBar([self.canvas])
        self.words = words_box("What is in your picture?", "What is in your picture?")
        self.words.setPlainText(result.words)
        self.words.setMaximumHeight(90)
        layout.addWidget(self.bar)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(self.with_listen(self.words, lambda: spoken(self.words), "what is in your picture"))
        self.canvas.changed.connect(self.changed)
        self.words.textChanged.connect(self.changed)

    def result(self) -> Drawing:
        return Drawing(list(self.canvas.strokes), self.words.toPlainText())

    def record(self, tool: Tool) -> dict:
        """With the canvas's kept stroke records: a save after a stroke makes only that stroke's."""
        return {**tool.save(Drawing([], self.words.toPlainText())), "strokes": self.canvas.records()}

    def picture(self) -> QImage:
        return render(self.canvas.strokes)


class HousesTool(ToolWidget):
    """The three houses side by side, in a grid of equal columns: the names share a row, the drawings a row
    and the words a row, so the three houses are always the same size whatever their names' lengths."""

    def __init__(self, result: ThreeHouses, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        self.magic = result.magic
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.canvases: dict[str, DrawingCanvas] = {}
        self.words: dict[str, QPlainTextEdit] = {}
        self.titles: dict[str, QLabel] = {}
        for column, (key, title, prompt, magic_prompt) in enumerate(HOUSES):
            house: House = getattr(result, key)
            name = MAGIC_NAMES[key] if self.magic else title
            question = magic_prompt if self.magic else f"{title}: {prompt.lower()}"
            heading = big_label(name, 1.1)
            heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
            grid.addLayout(self.with_listen(heading, lambda q=question: q, f"the {name.lower()}"), 0, column)
            canvas = DrawingCanvas(house.strokes, f"Drawing in {name.lower()}", house=True)
            box = words_box(name, magic_prompt if self.magic else prompt)
            box.setPlainText(house.words)
            box.setMaximumHeight(130)
            grid.addWidget(canvas, 1, column)
            grid.addLayout(self.with_listen(box, lambda b=box: spoken(b), f"your words in {name.lower()}"), 2, column)
            grid.setColumnStretch(column, 1)
            canvas.changed.connect(self.changed)
            box.textChanged.connect(self.changed)
            self.canvases[key], self.words[key], self.titles[key] = canvas, box, heading
        grid.setRowStretch(1, 1)
        self.bar = DrawingBar(list(self.canvases.values()))
        layout.addWidget(self.bar)
        layout.addLayout(grid, 1)

    def result(self) -> ThreeHouses:
        houses = {key: House(self.words[key].toPlainText(), list(self.canvases[key].strokes)) for key, *_ in HOUSES}
        return ThreeHouses(**houses, magic=self.magic)

    def record(self, tool: Tool) -> dict:
        """With each canvas's kept stroke records, as the drawing's: a save makes only the new stroke's."""
        houses = {key: House(self.words[key].toPlainText()) for key, *_ in HOUSES}
        saved = tool.save(ThreeHouses(**houses, magic=self.magic))
        for key, *_ in HOUSES:
            saved[key]["strokes"] = self.canvases[key].records()
        return saved

    def picture(self) -> QImage:
        """The houses as the record paints them, from the data: no palette, no buttons."""
        return pictures.image("three_houses", to_record(self.result()))


class ScalingTool(ToolWidget):
    def __init__(self, result: Scaling, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        self.question = result.question
        layout = QVBoxLayout(self)
        explained = "0 is the worst it could be, 10 is the best it could be."
        layout.addLayout(
            self.with_listen(big_label(result.question, 1.4), lambda: f"{self.question} {explained}", "the question")
        )
        layout.addWidget(big_label(explained, 0.8))
        row = QGridLayout()
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        for answer in range(LOW, HIGH + 1):
            button = choice_button(str(answer), f"{answer} out of 10")
            button.setIcon(scale_face(answer))
            button.setIconSize(QSize(44, 44))
            button.setMinimumSize(72, 96)
            enlarge(button)
            self.group.addButton(button, answer)
            row.addWidget(button, 0, answer)
            self.buttons.append(button)
        if result.answer is not None:
            self.buttons[result.answer].setChecked(True)
        self.group.idClicked.connect(self._picked)
        layout.addLayout(row)
        self.words = words_box("Tell me about your number", "Tell me about your number")
        self.words.setPlainText(result.words)
        self.words.textChanged.connect(self.changed)
        layout.addLayout(self.with_listen(self.words, lambda: spoken(self.words), "your words about your number"), 1)

    def _picked(self, answer: int) -> None:
        self.say(f"{answer} out of 10")
        self.changed.emit()

    def result(self) -> Scaling:
        chosen = self.group.checkedId()
        return Scaling(self.question, chosen if chosen >= 0 else None, self.words.toPlainText())


class FeelingsTool(ToolWidget):
    def __init__(self, result: Feelings, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        layout = QVBoxLayout(self)
        asked = "Touch the faces that show how you feel. You can pick more than one."
        faces = ", ".join(word for _, word in FEELINGS)
        layout.addLayout(self.with_listen(big_label(asked, 1.2), lambda: f"{asked} {faces}.", "the question"))
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, (key, word) in enumerate(FEELINGS):
            button = choice_button(word, word)
            button.setIcon(face_icon(*FEELING_FACES[key]))
            button.setIconSize(QSize(72, 72))
            button.setChecked(key in result.chosen)
            button.setMinimumSize(150, 110)
            enlarge(button)
            button.toggled.connect(lambda on, w=word: self._picked(w, on))
            grid.addWidget(button, index // 4, index % 4)
            self.buttons[key] = button
        layout.addLayout(grid)
        self.words = words_box("Do you want to say more?", "Do you want to say more?")
        self.words.setPlainText(result.words)
        self.words.textChanged.connect(self.changed)
        layout.addLayout(self.with_listen(self.words, lambda: spoken(self.words), "your words"), 1)

    def _picked(self, word: str, on: bool) -> None:
        if on:
            self.say(word)
        self.changed.emit()

    def result(self) -> Feelings:
        return Feelings([key for key, button in self.buttons.items() if button.isChecked()], self.words.toPlainText())


class WishesTool(ToolWidget):
    def __init__(self, result: ThreeWishes, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        layout = QVBoxLayout(self)
        asked = "If you could have three wishes, what would they be?"
        layout.addLayout(self.with_listen(big_label(asked, 1.4), lambda: asked, "the question"))
        self.boxes = []
        for number, wish in enumerate([*result.wishes, "", "", ""][:3], start=1):
            layout.addWidget(big_label(f"\u2605 Wish {number}"))
            box = words_box(f"Wish {number}", "I wish\u2026")
            box.setPlainText(wish)
            box.textChanged.connect(self.changed)
            layout.addLayout(self.with_listen(box, lambda b=box: spoken(b), f"wish {number}"), 1)
            self.boxes.append(box)

    def result(self) -> ThreeWishes:
        return ThreeWishes([box.toPlainText() for box in self.boxes])


class Ecomap(QWidget):
    """Three rings round "Me"; people are dragged to where they feel they belong."""

    moved = Signal()

    def __init__(self, people: list[Person]):
        super().__init__()
        self.people = people
        self.selected: Person | None = None
        self._dragging: Person | None = None
        self.setMinimumSize(420, 420)
        self.setAccessibleName("My people circles")

    def square(self) -> QRectF:
        """The map's square in the widget: the same geometry the record's picture is painted with."""
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def centre(self) -> QPointF:
        return self.square().center()

    def ring_radius(self, ring: int) -> float:
        return pictures.ring_radius(self.square(), ring)

    def position(self, person: Person) -> QPointF:
        return pictures.position(self.square(), person)

    def place(self, person: Person, point: QPointF) -> None:
        """Put a person where the child let go: the ring by distance from Me, the angle as placed."""
        offset = point - self.centre()
        distance = math.hypot(offset.x(), offset.y())
        person.ring = next((r for r in RINGS if distance <= self.ring_radius(r)), RINGS[-1])
        person.angle = round(math.degrees(math.atan2(offset.y(), offset.x()))) % 360

    def person_at(self, point: QPointF) -> Person | None:
        near = self.ring_radius(1) / 2.5
        for person in reversed(self.people):
            spot = self.position(person)
            if math.hypot(spot.x() - point.x(), spot.y() - point.y()) <= near:
                return person
        return None

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._dragging = self.person_at(event.position())
        if self._dragging is not None:
            self.selected = self._dragging
            self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._dragging is not None:
            self.place(self._dragging, event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._dragging is not None:
            self.place(self._dragging, event.position())
            self._dragging = None
            self.update()
            self.moved.emit()

    def paintEvent(self, _event) -> None:  # noqa: N802
        """Painted by the record's own ecomap painter (wvisit/tools/pictures.py), with the chosen person marked."""
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#fffdf5"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pictures.paint_people(painter, MyPeople(self.people), QRectF(self.rect()), self.selected)
        painter.end()


class PeopleTool(ToolWidget):
    def __init__(self, result: MyPeople, suggested: list[str], reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        layout = QHBoxLayout(self)
        self.map = Ecomap([Person(p.name, p.ring, p.line, p.angle) for p in result.people])
        self.map.moved.connect(self._moved)
        layout.addWidget(self.map, 3)
        side = QVBoxLayout()
        asked = "Who is important to you? Put them near you or further away."
        side.addLayout(self.with_listen(big_label(asked, 1.0), lambda: asked, "the question"))
        placed = {p.name for p in self.map.people}
        self.suggestions: dict[str, QPushButton] = {}
        for name in suggested:
            button = QPushButton(f"+ {name}")
            button.setAccessibleName(f"Add {name}")
            button.setMinimumHeight(48)
            button.setEnabled(name not in placed)
            button.clicked.connect(lambda _=False, n=name: self.add(n))
            side.addWidget(button)
            self.suggestions[name] = button
        self.name = QLineEdit()
        self.name.setAccessibleName("Another person's name")
        self.name.setPlaceholderText("Someone else\u2026")
        self.name.setMinimumHeight(48)
        self.name.returnPressed.connect(lambda: self.add(self.name.text()))
        side.addWidget(self.name)
        how = "How is it with them?"
        choices = ("Strong", "Not strong", "Hard / stressful")
        said = f"{how} Strong, not strong, or hard."
        side.addLayout(self.with_listen(big_label(how, 0.9), lambda: said, "how it is with them"))
        self.line_buttons: dict[str, QPushButton] = {}
        self.lines = QButtonGroup(self)  # the selected person's line is the one picked
        for line, words in zip(LINES, choices, strict=True):
            button = choice_button(words, f"{words} line")
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _=False, kind=line, w=words: self.set_line(kind, w))
            self.lines.addButton(button)
            side.addWidget(button)
            self.line_buttons[line] = button
        side.addStretch()
        layout.addLayout(side, 1)
        self._show_line()

    def _moved(self) -> None:
        self._show_line()
        self.changed.emit()

    def _show_line(self) -> None:
        """The line buttons show the selected person's line, picked; with nobody selected, none is."""
        selected = self.map.selected
        self.lines.setExclusive(selected is not None)
        for line, button in self.line_buttons.items():
            button.setChecked(selected is not None and selected.line == line)
            button.setEnabled(selected is not None)

    def add(self, name: str) -> None:
        name = name.strip()
        if not name or any(p.name == name for p in self.map.people):
            return
        person = Person(name, ring=2, angle=(len(self.map.people) * 55 + 270) % 360)
        self.map.people.append(person)
        self.map.selected = person
        if name in self.suggestions:
            self.suggestions[name].setEnabled(False)
        self.name.clear()
        self.map.update()
        self._show_line()
        self.changed.emit()

    def set_line(self, line: str, words: str = "") -> None:
        if self.map.selected is not None:
            self.map.selected.line = line
            self.map.update()
            self._show_line()
            self.say(words)
            self.changed.emit()

    def result(self) -> MyPeople:
        return MyPeople([Person(p.name, p.ring, p.line, p.angle) for p in self.map.people])

    def picture(self) -> QImage:
        return pictures.image("my_people", to_record(self.result()))


def spoken(box: QPlainTextEdit) -> str:
    """What a Listen button beside a text box says: the child's words, or the question when it is empty."""
    return box.toPlainText().strip() or box.placeholderText()


def tool_widget(key: str, result, suggested_people: list[str], reader: ReadAloud | None = None) -> ToolWidget:
    """The widget for a tool of the registry, showing `result` (the tool's dataclass); with `reader`, its
    words can be read aloud."""
    if key == "my_people":
        return PeopleTool(result, suggested_people, reader)
    widgets = {
        "drawing": DrawingTool,
        "three_houses": HousesTool,
        "scaling": ScalingTool,
        "feelings": FeelingsTool,
        "three_wishes": WishesTool,
    }
    from wvisit.ui.tools.prompts import WIDGETS as MORE  # here: that module builds on this one

    widgets.update(MORE)
    return widgets[key](result, reader)
