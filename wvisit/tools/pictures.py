"""What the child made, painted again from the sitting's data: a drawing, the three houses, my people
(and the worker's own pictures: the body map, the genogram).

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

from PySide6.QtCore import QPointF, QRectF, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen, QPolygonF

from wvisit.tools import REGISTRY
from wvisit.tools.body_map import SIDES, SPAN, BodyMap
from wvisit.tools.drawing import CANVAS, Drawing, Stroke
from wvisit.tools.genogram import COUPLES, Genogram, Member
from wvisit.tools.genogram_layout import MARGIN, ROW, Layout, lay_out
from wvisit.tools.my_people import RINGS, MyPeople, Person
from wvisit.tools.safety_house import SafetyHouse
from wvisit.tools.three_houses import HOUSES, MAGIC_NAMES, ThreeHouses
from wvisit.tools.words_and_pictures import PARTS, WordsAndPictures

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


SAFETY_ASPECT = 1.5  # the house and its garden path on the left, the fence and the people beyond it on the right
SAFE_GREEN, KEPT_OUT_RED = QColor("#2e7d32"), QColor("#c62828")


def paint_safety_house(painter: QPainter, house: SafetyHouse, rect: QRectF) -> None:
    """The safe house as on paper: who is inside in the house, the path to it as stepping stones with what
    needs to happen, and beyond the fence who can visit (through the gate) and who stays outside."""
    x, y, w, h = rect.x(), rect.y(), rect.width(), rect.height()
    unit = h / 100
    painter.fillRect(rect, PAPER)
    painter.fillRect(QRectF(x, y + 0.62 * h, 0.58 * w, 0.38 * h), QColor("#e8f5e9"))  # the garden
    roof = [
        QPointF(x + 0.02 * w, y + 0.24 * h),
        QPointF(x + 0.28 * w, y + 0.03 * h),
        QPointF(x + 0.54 * w, y + 0.24 * h),
    ]
    painter.setPen(QPen(QColor("#6d4c41"), 0.8 * unit))
    painter.setBrush(QColor("#ffccbc"))
    painter.drawPolygon(QPolygonF(roof))
    walls = QRectF(x + 0.06 * w, y + 0.24 * h, 0.44 * w, 0.38 * h)
    painter.setBrush(QColor("#fff9c4"))
    painter.drawRect(walls)
    door = QRectF(x + 0.24 * w, y + 0.47 * h, 0.08 * w, 0.15 * h)
    painter.setBrush(QColor("#a1887f"))
    painter.drawRect(door)
    painter.setPen(INK)
    _font(painter, 5 * unit, bold=True)
    painter.drawText(QRectF(x + 0.12 * w, y + 0.12 * h, 0.32 * w, 0.11 * h), Qt.AlignmentFlag.AlignCenter, "Inside")
    _font(painter, 4.6 * unit)
    painter.drawText(
        walls.adjusted(unit, unit, -unit, -0.16 * h),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
        ", ".join(house.inside),
    )
    _paint_path(painter, house.path, QRectF(x, y + 0.62 * h, 0.58 * w, 0.38 * h), unit)
    fence_x = x + 0.61 * w
    gate = (y + 0.12 * h, y + 0.38 * h)
    painter.setPen(QPen(QColor("#8d6e63"), 1.2 * unit))
    for step in range(0, 100, 6):
        picket_y = y + step * unit
        if not gate[0] <= picket_y + 3 * unit <= gate[1]:
            painter.drawLine(QPointF(fence_x, picket_y + unit), QPointF(fence_x, picket_y + 5 * unit))
    beyond = QRectF(fence_x + 0.03 * w, y, w - (fence_x - x) - 0.04 * w, h)
    half = beyond.height() / 2
    for (heading, names, colour), top in zip(
        (("Can visit", house.visiting, SAFE_GREEN), ("Stays outside", house.outside, KEPT_OUT_RED)),
        (beyond.y(), beyond.y() + half),
        strict=True,
    ):
        painter.setPen(colour)
        _font(painter, 5 * unit, bold=True)
        painter.drawText(
            QRectF(beyond.x(), top + 2 * unit, beyond.width(), 8 * unit), Qt.AlignmentFlag.AlignLeft, heading
        )
        painter.setPen(INK)
        _font(painter, 4.6 * unit)
        painter.drawText(
            QRectF(beyond.x(), top + 10 * unit, beyond.width(), half - 12 * unit),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            "\n".join(names),
        )


def _paint_path(painter: QPainter, steps: list[str], garden: QRectF, unit: float) -> None:
    """The path down the garden: one stepping stone per step, what must happen beside it (all of it, wrapped)."""
    if not steps:
        return
    painter.setPen(SAFE_GREEN)
    _font(painter, 3.6 * unit, bold=True)
    painter.drawText(
        QRectF(garden.x() + 2 * unit, garden.y() + 0.5 * unit, garden.width(), 5 * unit),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        "To feel safe",
    )
    row = min(9 * unit, (garden.height() - 7 * unit) / len(steps))
    _font(painter, min(4.2 * unit, row * 0.42))
    for index, step in enumerate(steps):
        top = garden.y() + 6 * unit + index * row
        stone = QRectF(garden.x() + 2 * unit + (index % 2) * 2 * unit, top + row * 0.1, row * 1.2, row * 0.8)
        painter.setPen(QPen(QColor("#757575"), 0.4 * unit))
        painter.setBrush(QColor("#cfd8dc"))
        painter.drawEllipse(stone)
        painter.setPen(INK)
        painter.drawText(stone, Qt.AlignmentFlag.AlignCenter, str(index + 1))
        painter.drawText(
            QRectF(stone.right() + unit, top, garden.right() - stone.right() - 2 * unit, row),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap,
            step,
        )


BODY_ASPECT = 1.1  # the front and back outlines side by side, each twice as tall as it is wide, a label above
# The outline, half of it (x from the middle outwards), on a box 1 wide and 2 tall: neck, shoulder, arm and
# hand, armpit, hip, leg and foot, then up the inside of the leg; mirrored for the other side.
HALF_BODY = (
    (0.05, 0.21), (0.22, 0.27), (0.31, 0.60), (0.35, 0.86), (0.28, 0.88), (0.24, 0.62), (0.18, 0.42), (0.14, 0.72),
    (0.17, 0.96), (0.15, 1.90), (0.17, 1.97), (0.03, 1.97), (0.03, 1.10), (0.0, 1.04),
)  # fmt: skip
MARK_RED = QColor("#c62828")


def body_boxes(rect: QRectF) -> dict[str, QRectF]:
    """Where each outline is drawn within the picture's rectangle, by side: marks are placed in these."""
    label = rect.height() * 0.08
    height = rect.height() - label
    width = height / 2
    gap = (rect.width() - 2 * width) / 3
    return {
        side: QRectF(rect.x() + gap + index * (width + gap), rect.y() + label, width, height)
        for index, side in enumerate(SIDES)
    }


def mark_at(rect: QRectF, point: QPointF) -> tuple[str, int, int] | None:
    """The side and 0-1000 place of a point on one of the outlines' boxes, or None outside both."""
    for side, box in body_boxes(rect).items():
        if box.contains(point):
            x = round((point.x() - box.x()) / box.width() * SPAN)
            y = round((point.y() - box.y()) / box.height() * SPAN)
            return side, min(SPAN, max(0, x)), min(SPAN, max(0, y))
    return None


def paint_body_map(painter: QPainter, body: BodyMap, rect: QRectF, selected: int | None = None) -> None:
    """The front and back outlines, each mark a numbered red spot where the worker put it (the notes,
    sizes and explanations are in the record's text, by the same numbers)."""
    painter.fillRect(rect, PAPER)
    unit = rect.height() / 100
    for side, box in body_boxes(rect).items():
        painter.setPen(INK)
        _font(painter, 4.5 * unit, bold=True)
        painter.drawText(
            QRectF(box.x(), rect.y(), box.width(), box.y() - rect.y()), Qt.AlignmentFlag.AlignCenter, side.capitalize()
        )
        scale = box.width()
        middle = box.x() + scale / 2
        right = [
            QPointF(middle + x * scale, box.y() + y * scale / 1.0 * box.height() / (2 * scale)) for x, y in HALF_BODY
        ]
        left = [QPointF(2 * middle - point.x(), point.y()) for point in reversed(right)]
        painter.setPen(QPen(QColor("#546e7a"), 0.5 * unit))
        painter.setBrush(QColor("#f5f5f5"))
        painter.drawPolygon(QPolygonF(right + left))
        head = QPointF(middle, box.y() + 0.11 * box.height() / 2)
        painter.drawEllipse(head, 0.09 * scale, 0.1 * box.height() / 2)
        # The child's right and left, as on a paper body map: seen from the front their right is on our left.
        painter.setPen(QColor("#546e7a"))
        _font(painter, 3.5 * unit, bold=True)
        near, far = ("R", "L") if side == "front" else ("L", "R")
        for letter, x in ((near, box.x()), (far, box.right() - 0.15 * scale)):
            painter.drawText(
                QRectF(x, box.y() + 0.4 * box.height(), 0.15 * scale, 5 * unit), Qt.AlignmentFlag.AlignCenter, letter
            )
    boxes = body_boxes(rect)
    _font(painter, 3.2 * unit, bold=True)
    for number, mark in enumerate(body.marks, start=1):
        box = boxes[mark.side]
        spot = QPointF(box.x() + mark.x / SPAN * box.width(), box.y() + mark.y / SPAN * box.height())
        chosen = selected == number - 1
        painter.setPen(QPen(QColor("#1976d2") if chosen else MARK_RED, (0.9 if chosen else 0.5) * unit))
        painter.setBrush(QColor("#ffcdd2"))
        painter.drawEllipse(spot, 2.6 * unit, 2.6 * unit)
        painter.setPen(MARK_RED)
        painter.drawText(
            QRectF(spot.x() - 3 * unit, spot.y() - 3 * unit, 6 * unit, 6 * unit),
            Qt.AlignmentFlag.AlignCenter,
            str(number),
        )


STORY_ASPECT = 2.4  # the four pictures in a row, like a comic strip: a heading above each, its words below


def paint_story(painter: QPainter, story: WordsAndPictures, rect: QRectF) -> None:
    """Words and Pictures as a strip: each part's heading, its picture on a square, its words under it."""
    painter.fillRect(rect, PAPER)
    column = rect.width() / len(PARTS)
    side = column * 0.92
    heading = side * 0.2
    for index, (part, panel) in enumerate(zip(PARTS, story.panels, strict=False)):
        x = rect.x() + index * column + (column - side) / 2
        painter.setPen(INK)
        _font(painter, side * 0.065, bold=True)
        painter.drawText(
            QRectF(x, rect.y(), side, heading),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom | Qt.TextFlag.TextWordWrap,
            f"{index + 1}. {part}",
        )
        square = QRectF(x, rect.y() + heading + side * 0.03, side, side)
        paint_strokes(painter, panel.strokes, square)
        painter.setPen(QPen(OUTLINE, max(1.0, side / 150)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(square)
        painter.setPen(INK)
        _font(painter, side * 0.06)
        painter.drawText(
            QRectF(x, square.bottom() + side * 0.03, side, rect.bottom() - square.bottom() - side * 0.03),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            panel.words.strip(),
        )


GENOGRAM_ASPECT = 1.6  # a genogram not yet drawn; one with people takes its layout's own shape
FLATTEST, TALLEST = 3.2, 1.0  # the widest and narrowest shapes a genogram is drawn in (width / height)
READABLE = 10  # pixels: the genogram's smallest words at its readable size
SYMBOL = 0.34  # a person's square, circle or diamond, in column widths (wvisit/tools/genogram_layout.py)
SYMBOL_Y, WORDS_Y, WORDS_BOTTOM = 0.42, 0.64, 1.2  # down a row: the symbol's centre, the words under it
NAME_TEXT, FACTS_TEXT = 0.12, 0.1  # the name and the facts under it, in column widths
MOST_UNIT = 1 / 5  # a column is at most a fifth of the picture's width: a small family is not drawn huge
HOME_COLOURS = ("#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#5d4037")
CLOSE_GREEN, CONFLICT_RED, LINE_GREY = QColor("#2e7d32"), QColor("#c62828"), QColor("#37474f")


def _genogram_frame(genogram: Genogram, rect: QRectF) -> tuple[Layout, float, QPointF]:
    """The layout, the size of one column in pixels and where the grid's corner is, centred in `rect`."""
    layout = lay_out(genogram)
    unit = min(rect.width() / layout.width, rect.height() / layout.height, rect.width() * MOST_UNIT)
    corner = QPointF(
        rect.x() + (rect.width() - layout.width * unit) / 2,
        rect.y() + (rect.height() - layout.height * unit) / 2 + MARGIN / 2 * unit,
    )
    return layout, unit, corner


def genogram_centres(genogram: Genogram, rect: QRectF) -> tuple[dict[str, QPointF], float]:
    """Where each person's symbol is drawn (its centre, by id) and the symbol's size: a click lands on it."""
    layout, unit, corner = _genogram_frame(genogram, rect)
    centres = {
        member_id: corner + QPointF(x * unit, (row * ROW + SYMBOL_Y) * unit)
        for member_id, (x, row) in layout.places.items()
    }
    return centres, SYMBOL * unit


def genogram_aspect(genogram: Genogram) -> float:
    """Width over height of this family's layout (a wide family drawn wide, its words not shrunk to fit a
    fixed page shape), within FLATTEST and TALLEST so one page of the case file holds it."""
    layout = lay_out(genogram)
    return min(FLATTEST, max(TALLEST, layout.width / layout.height))


def genogram_readable_size(genogram: Genogram) -> QSizeF:
    """The size, in its own shape, at which the genogram's smallest words are READABLE pixels high."""
    layout = lay_out(genogram)
    unit = READABLE / FACTS_TEXT
    ratio = genogram_aspect(genogram)
    width = max(layout.width * unit, layout.height * unit * ratio, unit / MOST_UNIT)
    return QSizeF(width, width / ratio)


def genogram_text_size(genogram: Genogram, rect: QRectF) -> int:
    """The pixel size of the smallest words drawn under the people (their relationship to the child and
    when they were born): what decides whether the picture can be read."""
    _, unit, _ = _genogram_frame(genogram, rect)
    return max(6, round(FACTS_TEXT * unit))


def genogram_outlines(genogram: Genogram, rect: QRectF) -> dict[str, QRectF]:
    """The outline round each household's people, by the household's name. Kept close to its people and
    above the line their parents' line comes down to, so that neither a line coming down between two
    households nor one running across to a child's parents ever runs along an outline and reads as one."""
    layout, unit, corner = _genogram_frame(genogram, rect)
    return {
        band.household: QRectF(
            corner.x() + (band.left - 0.06) * unit,
            corner.y() + (band.top_row * ROW - 0.06) * unit,
            (band.width + 0.12) * unit,
            ((band.bottom_row - band.top_row) * ROW + WORDS_BOTTOM + 0.22) * unit,
        )
        for band in layout.bands
        if band.household
    }


def paint_genogram(painter: QPainter, genogram: Genogram, rect: QRectF, selected: str | None = None) -> None:
    """The genogram as on paper: households outlined, couples joined (separated one slash, divorced two),
    children hanging from their parents, close and conflicted lines, then each person's symbol and words."""
    painter.fillRect(rect, PAPER)
    _, unit, _ = _genogram_frame(genogram, rect)
    centres, side = genogram_centres(genogram, rect)
    for index, (household, outline) in enumerate(genogram_outlines(genogram, rect).items()):
        colour = QColor(HOME_COLOURS[index % len(HOME_COLOURS)])
        painter.setPen(QPen(colour, max(1.0, 0.02 * unit), Qt.PenStyle.DashLine))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(outline, 0.12 * unit, 0.12 * unit)
        painter.setPen(colour)
        _font(painter, 0.1 * unit, bold=True)
        painter.drawText(  # at the foot of the outline, clear of the lines coming down to its people
            outline.adjusted(0.1 * unit, 0, -0.1 * unit, -0.03 * unit),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            household,
        )
    _paint_family_lines(painter, genogram, centres, side, unit)
    for person in genogram.people:
        _paint_member(painter, person, centres[person.id], side, unit, person.id == selected)


def _paint_family_lines(
    painter: QPainter, genogram: Genogram, centres: dict[str, QPointF], side: float, unit: float
) -> None:
    pen = max(1.0, 0.025 * unit)
    half = side / 2
    couples: dict[frozenset[str], QPointF] = {}  # a couple: where their children's line comes down from
    for link in genogram.relationships:
        a, b = sorted((centres[link.first], centres[link.second]), key=lambda point: point.x())
        if link.kind in COUPLES:
            style = Qt.PenStyle.DashLine if link.kind == "partners" else Qt.PenStyle.SolidLine
            painter.setPen(QPen(LINE_GREY, pen, style))
            start, end = a + QPointF(half, 0), b - QPointF(half, 0)
            painter.drawLine(start, end)
            middle = (start + end) / 2
            couples[frozenset((link.first, link.second))] = middle
            slashes = {"separated": 1, "divorced": 2}.get(link.kind, 0)
            painter.setPen(QPen(LINE_GREY, pen))
            for number in range(slashes):
                at = middle + QPointF((number - (slashes - 1) / 2) * 0.07 * unit, 0)
                painter.drawLine(at + QPointF(-0.04 * unit, 0.08 * unit), at + QPointF(0.04 * unit, -0.08 * unit))
        elif link.kind in ("close", "conflict"):
            direction = b - a
            length = math.hypot(direction.x(), direction.y()) or 1.0
            step = direction / length * half * 1.15
            aside = QPointF(direction.y(), -direction.x()) / length * 0.14 * unit  # off a couple's line
            start, end = a + step + aside, b - step + aside
            if link.kind == "conflict":
                painter.setPen(QPen(CONFLICT_RED, pen))
                _zigzag(painter, start, end)
            else:
                normal = QPointF(-direction.y(), direction.x()) / length * 0.035 * unit
                painter.setPen(QPen(CLOSE_GREEN, pen))
                painter.drawLine(start + normal, end + normal)
                painter.drawLine(start - normal, end - normal)
    _paint_children_lines(painter, genogram, centres, couples, half, unit, pen)


def _paint_children_lines(
    painter: QPainter,
    genogram: Genogram,
    centres: dict[str, QPointF],
    couples: dict[frozenset[str], QPointF],
    half: float,
    unit: float,
    pen: float,
) -> None:
    """Brothers and sisters hang from one line under their parents (from the middle of the couple's line
    when both parents are a couple, else from under the parent's words); brothers or sisters with no
    parent in common in the genogram are joined by a line above them. Half-brothers and half-sisters
    are shown by the parent they share, as on paper: a line of their own would run along their
    parents' lines and seem to give each the other's parents."""
    parents: dict[str, set[str]] = {}
    for link in genogram.relationships:
        if link.kind == "parent":
            parents.setdefault(link.second, set()).add(link.first)
    families: dict[frozenset[str], list[str]] = {}
    for child, known in parents.items():
        families.setdefault(frozenset(known), []).append(child)
    painter.setPen(QPen(LINE_GREY, pen))
    words_drop = (WORDS_BOTTOM - SYMBOL_Y) * unit
    for number, (theirs, children) in enumerate(families.items()):
        drops = [couples[theirs]] if theirs in couples else [centres[p] + QPointF(0, words_drop) for p in theirs]
        tops = [centres[child] - QPointF(0, half) for child in children]
        bar_y = min(top.y() for top in tops) - (0.12 + 0.05 * (number % 3)) * unit
        if any(drop.y() >= bar_y for drop in drops):  # drawn in the same row: a straight line will do
            for drop in drops:
                for top in tops:
                    painter.drawLine(drop, top)
            continue
        xs = [point.x() for point in drops + tops]
        painter.drawLine(QPointF(min(xs), bar_y), QPointF(max(xs), bar_y))
        for drop in drops:
            painter.drawLine(drop, QPointF(drop.x(), bar_y))
        for top in tops:
            painter.drawLine(QPointF(top.x(), bar_y), top)
    for link in genogram.relationships:
        shared_parent = parents.get(link.first, set()) & parents.get(link.second, set())
        if link.kind != "siblings" or shared_parent:
            continue
        a, b = centres[link.first] - QPointF(0, half), centres[link.second] - QPointF(0, half)
        bar_y = min(a.y(), b.y()) - 0.1 * unit
        painter.drawPolyline([a, QPointF(a.x(), bar_y), QPointF(b.x(), bar_y), b])


def _paint_member(painter: QPainter, person: Member, centre: QPointF, side: float, unit: float, chosen: bool) -> None:
    """A square (male), circle (female) or diamond (not known); a cross if they have died; the child with a
    double outline; under it their name, their relationship to the child and when they were born."""
    half = side / 2
    box = QRectF(centre.x() - half, centre.y() - half, side, side)
    painter.setPen(QPen(QColor("#1976d2") if chosen else INK, max(1.0, (0.05 if chosen else 0.025) * unit)))
    painter.setBrush(QColor("#ffe0b2") if person.child else PAPER)
    _symbol(painter, person.sex, box)
    if person.child:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        _symbol(painter, person.sex, box.adjusted(side * 0.14, side * 0.14, -side * 0.14, -side * 0.14))
    if person.deceased:
        painter.setPen(QPen(INK, max(1.0, 0.025 * unit)))
        painter.drawLine(box.topLeft(), box.bottomRight())
        painter.drawLine(box.topRight(), box.bottomLeft())
    words = QRectF(centre.x() - 0.48 * unit, centre.y() + (WORDS_Y - SYMBOL_Y) * unit, 0.96 * unit, 0.56 * unit)
    painter.setPen(INK)
    _font(painter, NAME_TEXT * unit, bold=True)
    name_height = painter.fontMetrics().height()
    _words_on_paper(painter, words, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, person.name.strip())
    facts = [person.relationship.strip() or ("The child" if person.child else "")]
    if person.born is not None:
        facts.append(f"b. {person.born}" + (", died" if person.deceased else ""))
    elif person.deceased:
        facts.append("died")
    _font(painter, FACTS_TEXT * unit)
    _words_on_paper(
        painter,
        words.adjusted(0, name_height, 0, 0),
        Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
        "\n".join(fact for fact in facts if fact),
    )


def _words_on_paper(painter: QPainter, rect: QRectF, flags: Qt.AlignmentFlag | Qt.TextFlag, text: str) -> None:
    """Words on a patch of paper: a close or conflicted line between people far apart crosses others'
    words on its way, and passes behind them instead of striking them through."""
    if text:
        edge = painter.fontMetrics().height() * 0.15  # and round each letter's softened edge
        painter.fillRect(painter.boundingRect(rect, flags, text).adjusted(-edge, -edge, edge, edge), PAPER)
    painter.drawText(rect, flags, text)


def _symbol(painter: QPainter, sex: str, box: QRectF) -> None:
    if sex == "male":
        painter.drawRect(box)
    elif sex == "female":
        painter.drawEllipse(box)
    else:
        centre = box.center()
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(centre.x(), box.top()),
                    QPointF(box.right(), centre.y()),
                    QPointF(centre.x(), box.bottom()),
                    QPointF(box.left(), centre.y()),
                ]
            )
        )


PAINTERS: dict[str, tuple[Callable[[QPainter, Any, QRectF], None], float]] = {
    "drawing": (paint_drawing, 1.0),
    "three_houses": (paint_houses, HOUSES_ASPECT),
    "my_people": (paint_people, 1.0),
    "safety_house": (paint_safety_house, SAFETY_ASPECT),
    "body_map": (paint_body_map, BODY_ASPECT),
    "words_and_pictures": (paint_story, STORY_ASPECT),
    "genogram": (paint_genogram, GENOGRAM_ASPECT),
}  # tool key: (painter, width / height)
SHAPED_BY_CONTENT: dict[str, Callable[[Any], float]] = {"genogram": genogram_aspect}  # width / height of one result
READABLE_AT: dict[str, Callable[[Any], QSizeF]] = {"genogram": genogram_readable_size}  # its words' readable size


def has_picture(tool: str, record: dict) -> bool:
    """Whether a sitting of `tool` with this result has a picture to show: a picture tool the child used."""
    found = REGISTRY.get(tool)
    return tool in PAINTERS and found is not None and found.used(found.load(record))


def aspect(tool: str, record: dict | None = None) -> float:
    """Width over height of the tool's picture; of this result's picture when its shape follows what is in
    it (a genogram, as wide as the family is)."""
    if record is not None and tool in SHAPED_BY_CONTENT:
        result = REGISTRY[tool].load(record)
        if REGISTRY[tool].used(result):
            return SHAPED_BY_CONTENT[tool](result)
    return PAINTERS[tool][1]


def readable_size(tool: str, record: dict) -> QSizeF | None:
    """The size this result's picture needs for its smallest words to be read, for the tools whose words
    shrink with the picture (a genogram); None for the others."""
    found = READABLE_AT.get(tool)
    return found(REGISTRY[tool].load(record)) if found is not None else None


def fit(tool: str, rect: QRectF, record: dict | None = None) -> QRectF:
    """The part of `rect` the tool's picture (of `record`, when given) fills, keeping its shape, centred
    (where a click lands on it)."""
    ratio = aspect(tool, record)
    width = min(rect.width(), rect.height() * ratio)
    height = width / ratio
    return QRectF(rect.x() + (rect.width() - width) / 2, rect.y() + (rect.height() - height) / 2, width, height)


def paint(painter: QPainter, tool: str, record: dict, rect: QRectF) -> None:
    """Paint a sitting's result (record form) into `rect`, keeping the picture's shape."""
    draw, _ = PAINTERS[tool]
    fitted = fit(tool, rect, record)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    draw(painter, REGISTRY[tool].load(record), fitted)
    painter.restore()


def image(tool: str, record: dict, width: int = 900) -> QImage:
    """The picture as an image `width` pixels across, on white."""
    height = round(width / aspect(tool, record))
    picture = QImage(QSize(width, height), QImage.Format.Format_RGB32)
    picture.fill(PAPER)
    painter = QPainter(picture)
    paint(painter, tool, record, QRectF(0, 0, width, height))
    painter.end()
    return picture
