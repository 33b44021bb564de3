"""The child's scaling answers across visits: one line per question, 0 to 10, oldest on the left.

Its accessible description says every point in words, so a screen reader user gets the
same picture.
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from wvisit.tools.scaling import HIGH, LOW

LINE_COLOURS = ("#1976d2", "#c2185b", "#388e3c", "#f57c00", "#7b1fa2")


class TrendChart(QWidget):
    def __init__(self):
        super().__init__()
        self.series: dict[str, list[tuple[date, float]]] = {}
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Scaling answers across visits")

    def set_series(self, series: dict[str, list[tuple[date, float]]]) -> None:
        self.series = series
        said = [
            f"{name}: " + ", ".join(f"{value:g} on {day:%d %b %Y}" for day, value in points)
            for name, points in series.items()
        ]
        self.setAccessibleDescription("; ".join(said) or "No scaling answers yet.")
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.Text)
        line = self.fontMetrics().lineSpacing()
        legend_height = line * (len(self.series) + 1)
        plot = QRectF(line * 2.5, line, self.width() - line * 4, self.height() - line * 2.5 - legend_height)
        painter.setPen(QPen(text, 1))
        for value in (LOW, 5, HIGH):
            y = plot.bottom() - plot.height() * (value - LOW) / (HIGH - LOW)
            painter.drawText(QRectF(0, y - line / 2, line * 2, line), Qt.AlignmentFlag.AlignRight, str(value))
            painter.setPen(QPen(QColor(text.red(), text.green(), text.blue(), 60), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(QPen(text, 1))
        days = sorted({day for points in self.series.values() for day, _ in points})
        if not days:
            painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No scaling answers yet.")
            return
        span = max(1, (days[-1] - days[0]).days)

        def at(day: date, value: float) -> QPointF:
            x = plot.left() + (plot.width() * (day - days[0]).days / span if len(days) > 1 else plot.width() / 2)
            return QPointF(x, plot.bottom() - plot.height() * (value - LOW) / (HIGH - LOW))

        for day in days:
            x = at(day, 0).x()
            painter.drawText(
                QRectF(x - line * 3, plot.bottom() + 2, line * 6, line), Qt.AlignmentFlag.AlignCenter, f"{day:%d %b}"
            )
        for index, (name, points) in enumerate(self.series.items()):
            colour = QColor(LINE_COLOURS[index % len(LINE_COLOURS)])
            painter.setPen(QPen(colour, 3))
            spots = [at(day, value) for day, value in points]
            for a, b in itertools.pairwise(spots):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for spot in spots:
                painter.drawEllipse(spot, 5, 5)
            y = plot.bottom() + line * (1.5 + index)
            painter.drawLine(QPointF(plot.left(), y + line / 2), QPointF(plot.left() + line * 1.5, y + line / 2))
            painter.setPen(QPen(text, 1))
            painter.drawText(QRectF(plot.left() + line * 2, y, plot.width(), line), Qt.AlignmentFlag.AlignLeft, name)
