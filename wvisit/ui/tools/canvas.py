"""The drawing surface: pen, touch or mouse; colours, thickness, rubber and undo.

Touch and pen arrive as mouse events (Qt turns unhandled touch and tablet events into them),
so one set of handlers serves all three. Strokes are stored on a 0-1000 square (see
wvisit/tools/drawing.py) and painted into whatever square the widget has.

Child mode saves the drawing after every stroke, so the canvas keeps each finished stroke's record
(`records`): a save makes only the new stroke's, not every stroke's again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from wvisit.domain import to_record
from wvisit.tools.drawing import CANVAS, Stroke
from wvisit.tools.pictures import paint_house_outline, paint_strokes
from wvisit.ui.tools.choice import CHOICE_STYLE, TICK, mark_choice, swatch_style

COLOURS = (
    ("#1f1f1f", "Black"),
    ("#d32f2f", "Red"),
    ("#f57c00", "Orange"),
    ("#fbc02d", "Yellow"),
    ("#388e3c", "Green"),
    ("#1976d2", "Blue"),
    ("#7b1fa2", "Purple"),
    ("#8d6e63", "Brown"),
)
WIDTHS = ((4, "Thin"), (10, "Medium"), (24, "Thick"))


def render(strokes: list[Stroke], size: int = 600) -> QImage:
    image = QImage(QSize(size, size), QImage.Format.Format_RGB32)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_strokes(painter, strokes, QRectF(0, 0, size, size))
    painter.end()
    return image


class DrawingCanvas(QWidget):
    changed = Signal()  # a stroke finished or was undone: time to save

    def __init__(self, strokes: list[Stroke] | None = None, name: str = "Drawing area", house: bool = False):
        super().__init__()
        self.strokes: list[Stroke] = list(strokes or [])  # changed by drawing (at the end) and undo (the last)
        self._made: list[Stroke] = []  # the finished strokes whose records are kept, in order
        self._records: list[dict[str, Any]] = []  # their records, one each
        self.house = house  # a faint house outline to draw in (Three Houses); not part of the drawing
        self.colour, self.pen_width, self.eraser = COLOURS[0][0], WIDTHS[1][0], False
        self._current: Stroke | None = None
        self.setAccessibleName(name)
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def square(self) -> QRectF:
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _point(self, pos: QPointF) -> list[int]:
        square = self.square()
        x = (pos.x() - square.x()) * CANVAS / square.width()
        y = (pos.y() - square.y()) * CANVAS / square.height()
        return [round(min(CANVAS, max(0, x))), round(min(CANVAS, max(0, y)))]

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton:
            return
        self._current = Stroke(self.colour, self.pen_width, self._point(event.position()), self.eraser)
        self.strokes.append(self._current)
        self.update()

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        if self._current is not None:
            self._current.points += self._point(event.position())
            self.update()

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        if self._current is not None:
            self._current = None
            self.changed.emit()

    def records(self) -> list[dict[str, Any]]:
        """Every stroke as the drawing's record holds it. A finished stroke's record is made once and
        kept, the same dict at every save: making them all again after each stroke grew with the
        drawing (1.2-1.5 ms at 300 strokes, on the UI thread), and the store, which compares a save's
        strokes with the last ones, compares the same dicts in no time. A stroke still being drawn is
        made afresh. Strokes only change at the end, so the kept records hold while the last one kept
        is still where it was; anything else (a list replaced) makes them again."""
        strokes, made, records = self.strokes, self._made, self._records
        finished = len(strokes) - (1 if self._current is not None and strokes and strokes[-1] is self._current else 0)
        keep = min(len(made), finished)
        while keep and made[keep - 1] is not strokes[keep - 1]:
            keep -= 1
        del made[keep:], records[keep:]
        made += strokes[keep:finished]
        records += [to_record(stroke) for stroke in strokes[keep:finished]]
        return [*records, *(to_record(stroke) for stroke in strokes[finished:])]

    def undo(self) -> None:
        if self.strokes:
            self.strokes.pop()
            self.update()
            self.changed.emit()

    def paintEvent(self, _event) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        square = self.square()
        paint_strokes(painter, self.strokes, square)
        if self.house:
            paint_house_outline(painter, square)


class DrawingBar(QWidget):
    """Big colour swatches, three thicknesses, the rubber and undo, for one or more canvases."""

    def __init__(self, canvases: list[DrawingCanvas]):
        super().__init__()
        self.canvases = canvases
        self.last = canvases[0]
        for canvas in canvases:
            canvas.changed.connect(lambda c=canvas: setattr(self, "last", c))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        group = QButtonGroup(self)
        self.colour_buttons: list[QPushButton] = []
        for colour, name in COLOURS:
            button = self._button("", f"{name} pen", lambda _=False, c=colour: self._set(colour=c, eraser=False))
            button.setStyleSheet(swatch_style(colour))  # the pen in the child's hand, plainly
            button.toggled.connect(lambda picked, b=button: b.setText(TICK.strip() if picked else ""))
            group.addButton(button)
            self.colour_buttons.append(button)
        self.eraser_button = self._button("Rubber", "Rubber", lambda: self._set(eraser=True))
        group.addButton(self.eraser_button)
        self.colour_buttons[0].setChecked(True)
        sizes = QButtonGroup(self)
        for width, name in WIDTHS:
            button = self._button(name, f"{name} line", lambda _=False, w=width: self._set(pen_width=w))
            sizes.addButton(button)
            button.setChecked(width == WIDTHS[1][0])
        self.undo_button = self._button("Undo", "Undo the last line", self.undo, checkable=False)

    def _button(self, text: str, name: str, slot, checkable: bool = True) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setCheckable(checkable)
        button.setMinimumSize(56, 56)  # a child's finger
        if checkable and text:  # the rubber and the thicknesses: picked, a thick outline and a tick
            button.setStyleSheet(CHOICE_STYLE)
            mark_choice(button, text, name)
        button.clicked.connect(slot)
        self.layout().addWidget(button)
        return button

    def _set(self, **changes) -> None:
        for canvas in self.canvases:
            for name, value in changes.items():
                setattr(canvas, name, value)

    def undo(self) -> None:
        self.last.undo()
