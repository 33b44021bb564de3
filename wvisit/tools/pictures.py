"""What the child made, painted again from the sitting's data: a drawing, the three houses, my people.

One painter per tool, each drawing a result onto any QPainter inside a rectangle, so the same code
paints the picture view on screen, an image (QImage) and a page of the case-file PDF. The record
keeps the data (strokes on a 0-1000 square, people by ring and angle), never a screenshot of the
widget: the colour palette and the Rubber/Undo buttons the child used are not part of their picture.

This module needs QtGui (painting), unlike the rest of wvisit/tools; nothing in the registry
imports it, so the central record and the domain never load Qt through it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF

from wvisit.tools import REGISTRY
from wvisit.tools.drawing import CANVAS, Drawing, Stroke
from wvisit.tools.my_people import RINGS, MyPeople, Person
from wvisit.tools.three_houses import HOUSES, MAGIC_NAMES, ThreeHouses

PAPER = QColor("#ffffff")
INK = QColor("#212121")
OUTLINE = QColor("#c8c8c8")
RING_COLOURS = ("#fff59d", "#c8e6c9", "#e3f2fd")  # ring 1 (closest) to ring 3


def paint_strokes(painter: QPainter, strokes: list[Stroke], square: QRectF) -> None:
    """Strokes on white paper filling `square`; the rubber paints paper over what was drawn."""
    painter.fillRect(square, PAPER)
    scale = square.width() / CANVAS
    for stroke in strokes:
        colour = PAPER if stroke.eraser else QColor(stroke.colour)
        pen = QPen(
            colour,
            max(1.0, stroke.width * scale),
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        painter.setPen(pen)
        points = [
            QPointF(square.x() + x * scale, square.y() + y * scale)
            for x, y in zip(stroke.points[::2], stroke.points[1::2], strict=True)
        ]
        if len(points) == 1:
            painter.drawPoint(points[0])
        elif points:  # one call per stroke, not one per point: a long drawing repaints as the child draws
            painter.drawPolyline(QPolygonF(points))


def paint_house_outline(painter: QPainter, square: QRectF) -> None:
    """The faint house the child draws in (Three Houses): a roof and walls, dashed."""
    painter.setPen(QPen(OUTLINE, max(1.0, square.width() / 120), Qt.PenStyle.DashLine))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    w, x, y = square.width(), square.x(), square.y()
    painter.drawPolyline(
        [QPointF(x + w * 0.1, y + w * 0.45), QPointF(x + w * 0.5, y + w * 0.1), QPointF(x + w * 0.9, y + w * 0.45)]
    )
    painter.drawRect(QRectF(x + w * 0.18, y + w * 0.45, w * 0.64, w * 0.5))


def _font(painter: QPainter, pixels: float, bold: bool = False) -> None:
    font = QFont("DejaVu Sans")
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    painter.setFont(font)


def _fit_square(rect: QRectF) -> QRectF:
    side = min(rect.width(), rect.height())
    return QRectF(rect.x() + (rect.width() - side) / 2, rect.y() + (rect.height() - side) / 2, side, side)


def paint_drawing(painter: QPainter, drawing: Drawing, rect: QRectF) -> None:
    """The drawing on its square, with a thin frame, centred in `rect` (the words are in the record's text)."""
    square = _fit_square(rect)
    paint_strokes(painter, drawing.strokes, square)
    painter.setPen(QPen(OUTLINE, 1))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(square)


HOUSES_ASPECT = 2.1  # three squares side by side, a title line above and words below each


def paint_houses(painter: QPainter, houses: ThreeHouses, rect: QRectF) -> None:
    """The three houses side by side, each with its name (Wizard and Fairy names where the child had them),
    what the child drew in it and what they wrote under it."""
    width = min(rect.width(), rect.height() * HOUSES_ASPECT)
    left = rect.x() + (rect.width() - width) / 2
    column = width / 3
    side = column * 0.92
    title_h = side * 0.16
    painter.fillRect(QRectF(left, rect.y(), width, width / HOUSES_ASPECT), PAPER)
    for index, (key, title, _, _) in enumerate(HOUSES):
        house = getattr(houses, key)
        x = left + index * column + (column - side) / 2
        y = rect.y()
        name = MAGIC_NAMES[key] if houses.magic else title
        painter.setPen(INK)
        _font(painter, title_h * 0.55, bold=True)
        painter.drawText(QRectF(x, y, side, title_h), Qt.AlignmentFlag.AlignCenter, name)
        square = QRectF(x, y + title_h, side, side)
        paint_strokes(painter, house.strokes, square)
        paint_house_outline(painter, square)
        painter.setPen(INK)
        _font(painter, side * 0.065)
        words = house.words.strip()
        painter.drawText(
            QRectF(x, y + title_h + side + side * 0.03, side, width / HOUSES_ASPECT - title_h - side * 1.03),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            f"\u201c{words}\u201d" if words else "",
        )


def ring_radius(square: QRectF, ring: int) -> float:
    """The outer edge of a ring (1 closest) within the ecomap's square."""
    return square.width() / 2 * ring / (len(RINGS) + 0.3)


def position(square: QRectF, person: Person) -> QPointF:
    """Where a person sits: inside their ring, at the angle the child put them."""
    radius = ring_radius(square, person.ring) - ring_radius(square, 1) * 0.35
    angle = math.radians(person.angle)
    return square.center() + QPointF(radius * math.cos(angle), radius * math.sin(angle))


def paint_people(painter: QPainter, people: MyPeople, rect: QRectF, selected: Person | None = None) -> None:
    """The ecomap: three rings round "Me", a line to each person (strong, weak or a stressful zigzag)."""
    square = _fit_square(rect)
    painter.fillRect(square, QColor("#fffdf5"))
    centre = square.center()
    unit = square.width() / 420  # the child-mode map is at least 420 px across
    for ring in reversed(RINGS):
        radius = ring_radius(square, ring)
        painter.setPen(QPen(QColor("#90a4ae"), 2 * unit))
        painter.setBrush(QColor(RING_COLOURS[ring - 1]))
        painter.drawEllipse(centre, radius, radius)
    styles = {"strong": (Qt.PenStyle.SolidLine, 5), "weak": (Qt.PenStyle.DashLine, 2), "stressful": (None, 3)}
    for person in people.people:
        spot = position(square, person)
        style, width = styles[person.line]
        if style is None:  # stressful: a zigzag, as on a paper ecomap
            painter.setPen(QPen(QColor("#c62828"), width * unit))
            _zigzag(painter, centre, spot)
        else:
            painter.setPen(QPen(QColor("#37474f"), width * unit, style))
            painter.drawLine(centre, spot)
    _font(painter, 17 * unit)
    _bubble(painter, centre, "Me", QColor("#ffcc80"), False, unit)
    for person in people.people:
        _bubble(painter, position(square, person), person.name, PAPER, person is selected, unit)


def _bubble(painter: QPainter, at: QPointF, text: str, fill: QColor, selected: bool, unit: float) -> None:
    width = max(56 * unit, painter.fontMetrics().horizontalAdvance(text) + 20 * unit)
    box = QRectF(at.x() - width / 2, at.y() - 20 * unit, width, 40 * unit)
    painter.setPen(QPen(QColor("#1976d2" if selected else "#546e7a"), (4 if selected else 2) * unit))
    painter.setBrush(fill)
    painter.drawRoundedRect(box, 18 * unit, 18 * unit)
    painter.setPen(INK)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _zigzag(painter: QPainter, start: QPointF, end: QPointF) -> None:
    steps = 12
    delta = (end - start) / steps
    normal = QPointF(-delta.y(), delta.x()) * 0.5
    points = [start + delta * i + (normal if i % 2 else QPointF()) for i in range(steps + 1)]
    for a, b in itertools.pairwise(points):
        painter.drawLine(a, b)


PAINTERS: dict[str, tuple[Callable[[QPainter, Any, QRectF], None], float]] = {
    "drawing": (paint_drawing, 1.0),
    "three_houses": (paint_houses, HOUSES_ASPECT),
    "my_people": (paint_people, 1.0),
}  # tool key: (painter, width / height)


def has_picture(tool: str, record: dict) -> bool:
    """Whether a sitting of `tool` with this result has a picture to show: a picture tool the child used."""
    found = REGISTRY.get(tool)
    return tool in PAINTERS and found is not None and found.used(found.load(record))


def aspect(tool: str) -> float:
    """Width over height of the tool's picture."""
    return PAINTERS[tool][1]


def paint(painter: QPainter, tool: str, record: dict, rect: QRectF) -> None:
    """Paint a sitting's result (record form) into `rect`, keeping the picture's shape."""
    draw, ratio = PAINTERS[tool]
    width = min(rect.width(), rect.height() * ratio)
    height = width / ratio
    fitted = QRectF(rect.x() + (rect.width() - width) / 2, rect.y() + (rect.height() - height) / 2, width, height)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    draw(painter, REGISTRY[tool].load(record), fitted)
    painter.restore()


def image(tool: str, record: dict, width: int = 900) -> QImage:
    """The picture as an image `width` pixels across, on white."""
    height = round(width / aspect(tool))
    picture = QImage(QSize(width, height), QImage.Format.Format_RGB32)
    picture.fill(PAPER)
    painter = QPainter(picture)
    paint(painter, tool, record, QRectF(0, 0, width, height))
    painter.end()
    return picture
