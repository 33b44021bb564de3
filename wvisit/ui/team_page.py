"""The team dashboard: visits on time and late by worker over 12 weeks, and the children overdue now."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import QListWidget, QSizePolicy, QVBoxLayout, QWidget

from wvisit.app.queries.review import TeamPicture, team_picture
from wvisit.domain.policy import Policy
from wvisit.domain.timeliness import WorkerTimeliness
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.page import Page
from wvisit.ui.widgets import hint, is_dark, title, warning_colour


class TimelinessChart(QWidget):
    """Two bars a worker: visits on time and visits late. Its text says the same for screen readers."""

    def __init__(self):
        super().__init__()
        self.rows: list[WorkerTimeliness] = []
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 14)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Visits on time and late by worker, last 12 weeks")

    def set_rows(self, rows: list[WorkerTimeliness]) -> None:
        self.rows = rows
        self.setAccessibleDescription("; ".join(f"{r.worker}: {r.on_time} on time, {r.late} late" for r in rows))
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.Text)
        on_time = QColor("#7fc8a9" if is_dark(self) else "#2e7d5b")
        late = QColor(warning_colour(self))
        line = self.fontMetrics().lineSpacing()
        painter.setPen(text)
        if not self.rows:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No finalised visits in the last 12 weeks.")
            return
        top, bottom = line * 2, self.height() - line * 2
        biggest = max(max(r.on_time, r.late) for r in self.rows) or 1
        slot = (self.width() - 20) / len(self.rows)
        bar = min(slot / 3, line * 3)
        painter.drawText(
            QRectF(0, 0, self.width(), line * 1.5), Qt.AlignmentFlag.AlignLeft, "  \u25a0 on time   \u25a0 late"
        )
        painter.fillRect(QRectF(4, line * 0.35, line * 0.6, line * 0.6), on_time)
        painter.fillRect(
            QRectF(
                4 + self.fontMetrics().horizontalAdvance("  \u25a0 on time   "), line * 0.35, line * 0.6, line * 0.6
            ),
            late,
        )
        for n, row in enumerate(self.rows):
            x = 10 + n * slot + (slot - 2 * bar) / 2
            for k, (count, colour) in enumerate(((row.on_time, on_time), (row.late, late))):
                height = (bottom - top) * count / biggest
                rect = QRectF(x + k * bar, bottom - height, bar * 0.9, height)
                painter.fillRect(rect, colour)
                painter.drawText(
                    QRectF(rect.left(), rect.top() - line, bar, line), Qt.AlignmentFlag.AlignCenter, str(count)
                )
            painter.drawText(QRectF(10 + n * slot, bottom + 4, slot, line), Qt.AlignmentFlag.AlignCenter, row.worker)


class TeamPage(Page):
    def __init__(self, ops: Ops, store: Store, policy: Policy):
        super().__init__()
        self._ops, self._store, self._policy = ops, store, policy
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(title("Team: visits on time"))
        layout.addWidget(hint("Finalised visits in the last 12 weeks, by the worker who made them."))
        self.chart = TimelinessChart()
        layout.addWidget(self.chart)
        layout.addWidget(title("Children overdue a visit", 1.2))
        self.overdue = QListWidget()
        self.overdue.setAccessibleName("Children overdue a visit")
        layout.addWidget(self.overdue, 1)
        self.setFocusProxy(self.overdue)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        operations.query(self, lambda store: team_picture(store, policy, today)).success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, picture: TeamPicture) -> None:
        self.chart.set_rows(picture.timeliness)
        self.overdue.clear()
        for row in picture.overdue:
            self.overdue.addItem(
                f"{row.child.name} \u2014 {row.child.legal_status.label} \u2014 overdue by {row.due.overdue_days} days"
            )
        if not picture.overdue:
            self.overdue.addItem("No child is overdue a visit.")
