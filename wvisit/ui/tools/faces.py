"""Faces drawn with QPainter for the scaling and feelings tools: no emoji font needed on the laptop."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# feeling: (smile from -1 to 1, mouth open, brows: "", "worried" or "angry", eyes closed)
FEELING_FACES = {
    "happy": (1.0, False, "", False),
    "calm": (0.4, False, "", False),
    "excited": (1.0, True, "", False),
    "sad": (-1.0, False, "worried", False),
    "worried": (-0.4, False, "worried", False),
    "scared": (-0.3, True, "worried", False),
    "angry": (-0.8, False, "angry", False),
    "tired": (0.0, False, "", True),
}


def face_icon(smile: float, open_mouth: bool = False, brows: str = "", closed: bool = False, size: int = 64) -> QIcon:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_face(painter, QRectF(2, 2, size - 4, size - 4), smile, open_mouth, brows, closed)
    painter.end()
    return QIcon(pixmap)


def scale_face(answer: int) -> QIcon:
    return face_icon((answer - 5) / 5)


def paint_face(painter: QPainter, box: QRectF, smile: float, open_mouth: bool, brows: str, closed: bool) -> None:
    warm = QColor.fromHsvF(0.13 - 0.1 * max(0.0, -smile), 0.55, 1.0)
    painter.setPen(QPen(QColor("#5d4037"), box.width() / 24))
    painter.setBrush(warm)
    painter.drawEllipse(box)
    w, h, x, y = box.width(), box.height(), box.x(), box.y()
    ink = QPen(QColor("#3e2723"), w / 16, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(ink)
    for side in (0.35, 0.65):
        eye = QPointF(x + w * side, y + h * 0.4)
        if closed:
            painter.drawLine(eye - QPointF(w * 0.06, 0), eye + QPointF(w * 0.06, 0))
        else:
            painter.drawPoint(eye)
        if brows:
            tilt = 0.05 if brows == "angry" else -0.05
            inner = -1 if side < 0.5 else 1
            left = QPointF(eye.x() - w * 0.08, y + h * 0.27 + h * tilt * inner)
            right = QPointF(eye.x() + w * 0.08, y + h * 0.27 - h * tilt * inner)
            painter.drawLine(left, right)
    mouth = QPainterPath(QPointF(x + w * 0.3, y + h * 0.68))
    mouth.quadTo(QPointF(x + w * 0.5, y + h * (0.68 + 0.18 * smile)), QPointF(x + w * 0.7, y + h * 0.68))
    if open_mouth:
        painter.setBrush(QColor("#3e2723"))
        mouth.closeSubpath()
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
