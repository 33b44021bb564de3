"""One widget per direct-work tool, for the child to use in child mode.

Every tool widget has the same three abilities: `changed` when the child did something (the
child mode saves it at once), `result()` as the tool's dataclass, and `picture()` for the
rendered PNG kept with the record. Words are large, targets are big enough for a finger.
"""

from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
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

from wvisit.tools.drawing import Drawing
from wvisit.tools.feelings import FEELINGS, Feelings
from wvisit.tools.my_people import LINES, RINGS, MyPeople, Person
from wvisit.tools.scaling import HIGH, LOW, Scaling
from wvisit.tools.three_houses import HOUSES, House, ThreeHouses
from wvisit.tools.three_wishes import ThreeWishes
from wvisit.ui.tools.canvas import DrawingBar, DrawingCanvas, render
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


def words_box(name: str, placeholder: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setPlaceholderText(placeholder)
    enlarge(box)
    box.setTabChangesFocus(True)
    return box


class ToolWidget(QWidget):
    changed = Signal()

    def result(self):
        raise NotImplementedError

    def picture(self) -> QImage:
        return self.grab().toImage()


class DrawingTool(ToolWidget):
    def __init__(self, result: Drawing):
        super().__init__()
        layout = QVBoxLayout(self)
        self.canvas = DrawingCanvas(result.strokes)
        self.bar = DrawingBar([self.canvas])
        self.words = words_box("What is in your picture?", "What is in your picture?")
        self.words.setPlainText(result.words)
        self.words.setMaximumHeight(90)
        layout.addWidget(self.bar)
        layout.addWidget(self.canvas, 1)
        layout.addWidget(self.words)
        self.canvas.changed.connect(self.changed)
        self.words.textChanged.connect(self.changed)

    def result(self) -> Drawing:
        return Drawing(list(self.canvas.strokes), self.words.toPlainText())

    def picture(self) -> QImage:
        return render(self.canvas.strokes)


class HousesTool(ToolWidget):
    def __init__(self, result: ThreeHouses):
        super().__init__()
        self.magic = result.magic
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.canvases: dict[str, DrawingCanvas] = {}
        self.words: dict[str, QPlainTextEdit] = {}
        for key, title, prompt, magic_prompt in HOUSES:
            house: House = getattr(result, key)
            column = QVBoxLayout()
            column.addWidget(big_label(magic_prompt if self.magic else title, 1.1))
            canvas = DrawingCanvas(house.strokes, f"Drawing in the {title.lower()}", house=True)
            box = words_box(title, prompt if not self.magic else magic_prompt)
            box.setPlainText(house.words)
            box.setMaximumHeight(130)
            column.addWidget(canvas, 1)
            column.addWidget(box)
            row.addLayout(column)
            canvas.changed.connect(self.changed)
            box.textChanged.connect(self.changed)
            self.canvases[key], self.words[key] = canvas, box
        self.bar = DrawingBar(list(self.canvases.values()))
        layout.addWidget(self.bar)
        layout.addLayout(row, 1)

    def result(self) -> ThreeHouses:
        houses = {key: House(self.words[key].toPlainText(), list(self.canvases[key].strokes)) for key, *_ in HOUSES}
        return ThreeHouses(**houses, magic=self.magic)


class ScalingTool(ToolWidget):
    def __init__(self, result: Scaling):
        super().__init__()
        self.question = result.question
        layout = QVBoxLayout(self)
        layout.addWidget(big_label(result.question, 1.4))
        layout.addWidget(big_label("0 is the worst it could be, 10 is the best it could be.", 0.8))
        row = QHBoxLayout()
        self.group = QButtonGroup(self)
        self.buttons: list[QPushButton] = []
        for answer in range(LOW, HIGH + 1):
            button = QPushButton(str(answer))
            button.setIcon(scale_face(answer))
            button.setIconSize(QSize(44, 44))
            button.setCheckable(True)
            button.setMinimumSize(72, 96)
            button.setAccessibleName(f"{answer} out of 10")
            enlarge(button)
            self.group.addButton(button, answer)
            row.addWidget(button)
            self.buttons.append(button)
        if result.answer is not None:
            self.buttons[result.answer].setChecked(True)
        self.group.idClicked.connect(lambda _answer: self.changed.emit())
        layout.addLayout(row)
        self.words = words_box("Tell me about your number", "Tell me about your number")
        self.words.setPlainText(result.words)
        self.words.textChanged.connect(self.changed)
        layout.addWidget(self.words, 1)

    def result(self) -> Scaling:
        chosen = self.group.checkedId()
        return Scaling(self.question, chosen if chosen >= 0 else None, self.words.toPlainText())


class FeelingsTool(ToolWidget):
    def __init__(self, result: Feelings):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(big_label("Touch the faces that show how you feel. You can pick more than one.", 1.2))
        grid = QGridLayout()
        self.buttons: dict[str, QPushButton] = {}
        for index, (key, word) in enumerate(FEELINGS):
            button = QPushButton(word)
            button.setIcon(face_icon(*FEELING_FACES[key]))
            button.setIconSize(QSize(72, 72))
            button.setCheckable(True)
            button.setChecked(key in result.chosen)
            button.setMinimumSize(160, 110)
            button.setAccessibleName(word)
            enlarge(button)
            button.toggled.connect(lambda _on: self.changed.emit())
            grid.addWidget(button, index // 4, index % 4)
            self.buttons[key] = button
        layout.addLayout(grid)
        self.words = words_box("Do you want to say more?", "Do you want to say more?")
        self.words.setPlainText(result.words)
        self.words.textChanged.connect(self.changed)
        layout.addWidget(self.words, 1)

    def result(self) -> Feelings:
        return Feelings([key for key, button in self.buttons.items() if button.isChecked()], self.words.toPlainText())


class WishesTool(ToolWidget):
    def __init__(self, result: ThreeWishes):
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addWidget(big_label("If you could have three wishes, what would they be?", 1.4))
        self.boxes = []
        for number, wish in enumerate([*result.wishes, "", "", ""][:3], start=1):
            layout.addWidget(big_label(f"\u2605 Wish {number}"))
            box = words_box(f"Wish {number}", "I wish\u2026")
            box.setPlainText(wish)
            box.textChanged.connect(self.changed)
            layout.addWidget(box, 1)
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

    def centre(self) -> QPointF:
        return QPointF(self.width() / 2, self.height() / 2)

    def ring_radius(self, ring: int) -> float:
        return min(self.width(), self.height()) / 2 * ring / (len(RINGS) + 0.3)

    def position(self, person: Person) -> QPointF:
        radius = self.ring_radius(person.ring) - self.ring_radius(1) * 0.35
        angle = math.radians(person.angle)
        return self.centre() + QPointF(radius * math.cos(angle), radius * math.sin(angle))

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
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#fffdf5"))
        centre = self.centre()
        for ring, colour in zip(reversed(RINGS), ("#e3f2fd", "#c8e6c9", "#fff59d"), strict=True):
            radius = self.ring_radius(ring)
            painter.setPen(QPen(QColor("#90a4ae"), 2))
            painter.setBrush(QColor(colour))
            painter.drawEllipse(centre, radius, radius)
        styles = {"strong": (Qt.PenStyle.SolidLine, 5), "weak": (Qt.PenStyle.DashLine, 2), "stressful": (None, 3)}
        font = QFont(self.font())
        font.setPointSizeF(14)
        painter.setFont(font)
        for person in self.people:
            spot = self.position(person)
            style, width = styles[person.line]
            if style is None:  # stressful: a zigzag, as on a paper ecomap
                painter.setPen(QPen(QColor("#c62828"), width))
                self._zigzag(painter, centre, spot)
            else:
                painter.setPen(QPen(QColor("#37474f"), width, style))
                painter.drawLine(centre, spot)
        self._bubble(painter, centre, "Me", QColor("#ffcc80"), False)
        for person in self.people:
            self._bubble(painter, self.position(person), person.name, QColor("#ffffff"), person is self.selected)

    def _bubble(self, painter: QPainter, at: QPointF, text: str, fill: QColor, selected: bool) -> None:
        metrics = painter.fontMetrics()
        width = max(56, metrics.horizontalAdvance(text) + 20)
        box = QRectF(at.x() - width / 2, at.y() - 20, width, 40)
        painter.setPen(QPen(QColor("#1976d2" if selected else "#546e7a"), 4 if selected else 2))
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 18, 18)
        painter.setPen(QColor("#212121"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _zigzag(painter: QPainter, start: QPointF, end: QPointF) -> None:
        steps = 12
        delta = (end - start) / steps
        normal = QPointF(-delta.y(), delta.x()) * 0.5
        points = [start + delta * i + (normal if i % 2 else QPointF()) for i in range(steps + 1)]
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)


class PeopleTool(ToolWidget):
    def __init__(self, result: MyPeople, suggested: list[str]):
        super().__init__()
        layout = QHBoxLayout(self)
        self.map = Ecomap([Person(p.name, p.ring, p.line, p.angle) for p in result.people])
        self.map.moved.connect(self.changed)
        layout.addWidget(self.map, 3)
        side = QVBoxLayout()
        side.addWidget(big_label("Who is important to you? Put them near you or further away.", 1.0))
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
        side.addWidget(big_label("How is it with them?", 0.9))
        self.line_buttons: dict[str, QPushButton] = {}
        for line, words in zip(LINES, ("Strong", "Not strong", "Hard / stressful"), strict=True):
            button = QPushButton(words)
            button.setAccessibleName(f"{words} line")
            button.setMinimumHeight(48)
            button.clicked.connect(lambda _=False, kind=line: self.set_line(kind))
            side.addWidget(button)
            self.line_buttons[line] = button
        side.addStretch()
        layout.addLayout(side, 1)

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
        self.changed.emit()

    def set_line(self, line: str) -> None:
        if self.map.selected is not None:
            self.map.selected.line = line
            self.map.update()
            self.changed.emit()

    def result(self) -> MyPeople:
        return MyPeople([Person(p.name, p.ring, p.line, p.angle) for p in self.map.people])

    def picture(self) -> QImage:
        return self.map.grab().toImage()


def tool_widget(key: str, result, suggested_people: list[str]) -> ToolWidget:
    """The widget for a tool of the registry, showing `result` (the tool's dataclass)."""
    if key == "my_people":
        return PeopleTool(result, suggested_people)
    widgets = {
        "drawing": DrawingTool,
        "three_houses": HousesTool,
        "scaling": ScalingTool,
        "feelings": FeelingsTool,
        "three_wishes": WishesTool,
    }
    return widgets[key](result)
