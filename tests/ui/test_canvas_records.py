"""The canvas hands child mode's save every stroke as the drawing's record holds it, whatever was drawn,
taken back or still being drawn, while making each finished stroke's record only once."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from wvisit.domain import to_record
from wvisit.tools.drawing import Stroke
from wvisit.ui.tools.canvas import DrawingCanvas


def as_saved(canvas: DrawingCanvas) -> list[dict]:
    return [to_record(stroke) for stroke in canvas.strokes]


def press(qtbot, canvas, x: int, y: int) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def release(qtbot, canvas, x: int, y: int) -> None:
    QTest.mouseMove(canvas, QPoint(x, y))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(x, y))


def test_records_follow_strokes_undo_and_a_stroke_half_drawn(qtbot):
    canvas = DrawingCanvas([Stroke("#1f1f1f", 4, [10, 10, 20, 20])])
    qtbot.addWidget(canvas)
    canvas.resize(300, 300)
    assert canvas.records() == as_saved(canvas)
    for n in range(4):
        press(qtbot, canvas, 20 + n * 10, 30)
        release(qtbot, canvas, 120, 40 + n * 20)
        assert canvas.records() == as_saved(canvas)
    first = canvas.records()
    canvas.undo()
    canvas.undo()
    assert canvas.records() == as_saved(canvas) and len(canvas.records()) == 3

    press(qtbot, canvas, 50, 50)  # a save while the child is still drawing: the line so far
    QTest.mouseMove(canvas, QPoint(90, 90))
    assert canvas.records() == as_saved(canvas) and len(canvas.records()) == 4
    release(qtbot, canvas, 150, 150)
    latest = canvas.records()
    assert latest == as_saved(canvas) and len(latest[-1]["points"]) == 6
    assert all(kept is made for kept, made in zip(first[:3], latest[:3], strict=True))  # made once, kept

    canvas.strokes = [Stroke("#388e3c", 10, [1, 2, 3, 4])]  # replaced outright: made again
    assert canvas.records() == as_saved(canvas)
