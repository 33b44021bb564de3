"""Faces drawn with QPainter for the scaling and feelings tools: no emoji font needed on the laptop."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

# feeling: (smile from -1 to 1, mouth open, brows, look). Brows: "", "worried" (tilted up in the middle),
# "angry" (down in the middle) or "raised" (high and arched). Look: "" (dot eyes), "closed" (eyes shut),
# "wide" (big eyes with white round them, and an open mouth is an "O") or "wobbly" (a wavy mouth).
# Worried and Scared must not look alike to a child: worried is a wobbly mouth under tilted brows;
# scared is wide eyes, raised brows and an open "O" mouth.
FEELING_FACES = {
    "happy": (1.0, False, "", ""),
    "calm": (0.4, False, "", ""),
    "excited": (1.0, True, "raised", ""),
    "sad": (-1.0, False, "worried", ""),
    "worried": (-0.4, False, "worried", "wobbly"),
    "scared": (0.0, True, "raised", "wide"),
    "angry": (-0.8, False, "angry", ""),
    "tired": (0.0, False, "", "closed"),
}


def face_icon(smile: float, open_mouth: bool = False, brows: str = "", look: str = "", size: int = 64) -> QIcon:
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_face(painter, QRectF(2, 2, size - 4, size - 4), smile, open_mouth, brows, look)
    painter.end()
    return QIcon(pixmap)


def scale_face(answer: int) -> QIcon:
    return face_icon((answer - 5) / 5)


def paint_face(painter: QPainter, box: QRectF, smile: float, open_mouth: bool, brows: str, look: str) -> None:
    """One face in `box`; FEELING_FACES says what each argument looks like."""
    warm = QColor.fromHsvF(0.13 - 0.1 * max(0.0, -smile), 0.55, 1.0)
    painter.setPen(QPen(QColor("#5d4037"), box.width() / 24))
    painter.setBrush(warm)
    painter.drawEllipse(box)
    w, h, x, y = box.width(), box.height(), box.x(), box.y()
    ink = QPen(QColor("#3e2723"), w / 16, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
    painter.setPen(ink)
    for side in (0.35, 0.65):
        eye = QPointF(x + w * side, y + h * 0.4)
        if look == "closed":
            painter.drawLine(eye - QPointF(w * 0.06, 0), eye + QPointF(w * 0.06, 0))
        elif look == "wide":
            painter.setPen(QPen(QColor("#3e2723"), w / 40))
            painter.setBrush(QColor("#ffffff"))
            painter.drawEllipse(eye, w * 0.09, h * 0.1)
            painter.setPen(ink)
            painter.drawPoint(eye)
        else:
            painter.drawPoint(eye)
        inner = -1 if side < 0.5 else 1
        if brows == "raised":  # high arches, well above the eye
            arch = QPainterPath(QPointF(eye.x() - w * 0.08, y + h * 0.25))
            arch.quadTo(QPointF(eye.x(), y + h * 0.15), QPointF(eye.x() + w * 0.08, y + h * 0.25))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(arch)
        elif brows:
            tilt = 0.05 if brows == "angry" else -0.05
            left = QPointF(eye.x() - w * 0.08, y + h * 0.27 + h * tilt * inner)
            right = QPointF(eye.x() + w * 0.08, y + h * 0.27 - h * tilt * inner)
            painter.drawLine(left, right)
    if look == "wide" and open_mouth:  # a round "O" of fright
        painter.setBrush(QColor("#3e2723"))
        painter.drawEllipse(QPointF(x + w * 0.5, y + h * 0.72), w * 0.08, h * 0.1)
        return
    if look == "wobbly":  # a wavy, unsure mouth
        mouth = QPainterPath(QPointF(x + w * 0.3, y + h * 0.72))
        for step in range(1, 5):
            mouth.quadTo(
                QPointF(x + w * (0.3 + 0.1 * step - 0.05), y + h * (0.72 + (0.05 if step % 2 else -0.05))),
                QPointF(x + w * (0.3 + 0.1 * step), y + h * 0.72),
            )
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(mouth)
        return
    mouth = QPainterPath(QPointF(x + w * 0.3, y + h * 0.68))
    mouth.quadTo(QPointF(x + w * 0.5, y + h * (0.68 + 0.18 * smile)), QPointF(x + w * 0.7, y + h * 0.68))
    if open_mouth:
        painter.setBrush(QColor("#3e2723"))
        mouth.closeSubpath()
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(mouth)
