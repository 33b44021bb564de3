"""The team page: visits on time and late by legal status and by worker over 12 weeks, what is due this
week, what waits for review and who is overdue now. Every bar and every count opens the list behind it,
and each line of a list opens its child or visit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from wvisit.app.queries.team import Bars, TeamLine, TeamPicture, team_picture
from wvisit.domain.policy import Policy
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.models import nice_date
from wvisit.ui.page import Page
from wvisit.ui.team_list import TeamListDialog, line_text
from wvisit.ui.widgets import Banner, hint, is_dark, open_dialog, show_unreadable, title, warning_colour


class TimelinessChart(QWidget):
    """Two bars a group (a legal status or a worker): visits on time and late, with the share on time.
    A bar is opened by a click, or from the keyboard (arrows choose a bar, Enter opens it); its text
    says the same for screen readers."""

    opened = Signal(int, bool)  # the group's index, and whether the late bar was opened

    def __init__(self, name: str):
        super().__init__()
        self.rows: list[Bars] = []
        self.chosen = 0  # the bar the keyboard is on: group * 2 + (1 if late)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 11)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(name)

    def set_rows(self, rows: list[Bars]) -> None:
        self.rows = rows
        self.chosen = min(self.chosen, max(0, len(rows) * 2 - 1))
        self.setAccessibleDescription(
            "; ".join(f"{r.label}: {r.on_time} on time, {r.late} late{_share(r)}" for r in rows)
            + ". Arrow keys choose a bar, Enter lists its visits."
        )
        self.update()

    def open_bar(self, group: int, late: bool) -> None:
        if 0 <= group < len(self.rows):
            self.opened.emit(group, late)

    def _geometry(self) -> tuple[float, float, float, float]:
        line = self.fontMetrics().lineSpacing()
        top, bottom = line * 2.2, self.height() - line * 2.6
        slot = (self.width() - 20) / max(1, len(self.rows))
        return top, bottom, slot, min(slot / 3, line * 3)

    def _bar_rect(self, group: int, late: bool) -> QRectF:
        top, bottom, slot, bar = self._geometry()
        row = self.rows[group]
        biggest = max(max(r.on_time, r.late) for r in self.rows) or 1
        count = row.late if late else row.on_time
        height = max((bottom - top) * count / biggest, 2.0)
        x = 10 + group * slot + (slot - 2 * bar) / 2 + (bar if late else 0)
        return QRectF(x, bottom - height, bar * 0.9, height)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        top, bottom, _slot, _bar = self._geometry()
        for group in range(len(self.rows)):
            for late in (False, True):
                rect = self._bar_rect(group, late)
                if QRectF(rect.left(), top, rect.width(), bottom - top).contains(event.position()):
                    self.chosen = group * 2 + int(late)
                    self.update()
                    self.open_bar(group, late)
                    return
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self.rows and key in (Qt.Key.Key_Right, Qt.Key.Key_Down):
            self.chosen = min(self.chosen + 1, len(self.rows) * 2 - 1)
        elif self.rows and key in (Qt.Key.Key_Left, Qt.Key.Key_Up):
            self.chosen = max(self.chosen - 1, 0)
        elif self.rows and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_bar(self.chosen // 2, bool(self.chosen % 2))
            return
        else:
            super().keyPressEvent(event)
            return
        group, late = self.chosen // 2, bool(self.chosen % 2)
        row = self.rows[group]
        self.setAccessibleDescription(
            f"{row.label}: {row.late if late else row.on_time} {'late' if late else 'on time'}"
        )
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.Text)
        on_time = QColor("#7fc8a9" if is_dark(self) else "#2e7d5b")
        late = QColor(warning_colour(self))
        line = self.fontMetrics().lineSpacing()
        painter.setPen(text)
        if not self.rows or not any(r.on_time or r.late for r in self.rows):
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No finalised visits in the last 12 weeks.")
            return
        _top, bottom, slot, bar = self._geometry()
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
        for group, row in enumerate(self.rows):
            for is_late, (count, colour) in enumerate(((row.on_time, on_time), (row.late, late))):
                rect = self._bar_rect(group, bool(is_late))
                painter.fillRect(rect, colour)
                painter.drawText(
                    QRectF(rect.left(), rect.top() - line, bar, line), Qt.AlignmentFlag.AlignCenter, str(count)
                )
                if self.hasFocus() and self.chosen == group * 2 + is_late:
                    painter.setPen(QPen(text, 2, Qt.PenStyle.DashLine))
                    painter.drawRect(rect.adjusted(-3, -3, 3, 3))
                    painter.setPen(text)
            share = row.percent_on_time
            label = f"{row.label}\n{share}% on time" if share is not None else f"{row.label}\nno visits"
            painter.drawText(
                QRectF(10 + group * slot, bottom + 4, slot, line * 2.4),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                label,
            )


class TeamPage(Page):
    open_record = Signal(str, str)  # what a line opens ("child" or "visit") and its id

    def __init__(self, ops: Ops, store: Store, policy: Policy):
        super().__init__()
        self._ops, self._store, self._policy = ops, store, policy
        self.picture: TeamPicture | None = None
        self.dialog: TeamListDialog | None = None
        ops.changed.connect(self._records_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(title("Team"))
        counts = QHBoxLayout()
        self.overdue_button = _count_button("Children overdue a visit")
        self.due_button = _count_button("Visits due this week")
        self.unreviewed_button = _count_button("Visits not yet reviewed")
        for button, lines in (
            (self.overdue_button, lambda p: ("Children overdue a visit", p.overdue)),
            (self.due_button, lambda p: (f"Visits due this week (to {nice_date(p.week_ends)})", p.due_this_week)),
            (self.unreviewed_button, lambda p: ("Visits not yet reviewed", p.unreviewed)),
        ):
            button.clicked.connect(lambda _=False, lines=lines: self.picture and self.show_lines(*lines(self.picture)))
            counts.addWidget(button)
        counts.addStretch()
        layout.addLayout(counts)
        layout.addWidget(
            hint("Finalised visits in the last 12 weeks, on time or late by the visit-frequency policy. Open a bar.")
        )
        self.unreadable = Banner()  # one damaged visit must not silently change the team's figures
        layout.addWidget(self.unreadable)
        self.charts = QTabWidget()
        self.charts.setAccessibleName("Visits on time")
        self.by_status = TimelinessChart("Visits on time and late by legal status, last 12 weeks")
        self.chart = TimelinessChart("Visits on time and late by worker, last 12 weeks")
        for chart, name in ((self.by_status, "By &legal status"), (self.chart, "By &worker")):
            chart.opened.connect(lambda group, late, chart=chart: self._bar_opened(chart, group, late))
            self.charts.addTab(chart, name)
        layout.addWidget(self.charts, 2)
        layout.addWidget(title("Children overdue a visit", 1.2))
        self.overdue = QListWidget()
        self.overdue.setAccessibleName("Children overdue a visit: press Enter on one to open their page")
        self.overdue.itemActivated.connect(self._line_activated)
        layout.addWidget(self.overdue, 1)
        self.setFocusProxy(self.overdue_button)

    def refresh(self) -> None:
        policy, today = self._policy, date.today()
        operations.query(self, lambda store: team_picture(store, policy, today)).success(self._show).run_in_background()

    def _records_changed(self, changes: operations.Changes) -> None:
        if changes.touch(self, None):
            self.refresh()

    def _show(self, picture: TeamPicture) -> None:
        self.picture = picture
        show_unreadable(self.unreadable, picture.unreadable, "in these figures")
        self.by_status.set_rows(picture.by_status)
        self.chart.set_rows(picture.by_worker)
        for button, text in (
            (self.overdue_button, f"&Overdue now: {len(picture.overdue)}"),
            (self.due_button, f"&Due this week: {len(picture.due_this_week)}"),
            (self.unreviewed_button, f"&Not yet reviewed: {len(picture.unreviewed)}"),
        ):
            button.setText(text)
            button.setAccessibleName(f"{text.replace('&', '')}: open the list")
        self.overdue.clear()
        for line in picture.overdue:
            item = QListWidgetItem(line_text(line))
            item.setData(Qt.ItemDataRole.UserRole, line)
            self.overdue.addItem(item)
        if not picture.overdue:
            self.overdue.addItem("No child is overdue a visit.")

    def _bar_opened(self, chart: TimelinessChart, group: int, late: bool) -> None:
        row = chart.rows[group]
        self.show_lines(
            f"{row.label}: visits {'late' if late else 'on time'}", row.late_lines if late else row.on_time_lines
        )

    def show_lines(self, heading: str, lines: Sequence[TeamLine]) -> None:
        """The list behind a bar or a count; a line opened there opens its child or visit."""
        self.dialog = TeamListDialog(self, heading, lines)
        self.dialog.opened.connect(self.open_record)
        open_dialog(self.dialog)

    def _line_activated(self, item: QListWidgetItem) -> None:
        line = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(line, TeamLine):
            self.open_record.emit(line.opens, line.record_id)


def _count_button(name: str) -> QPushButton:
    button = QPushButton(name)
    button.setAccessibleName(f"{name}: open the list")
    return button


def _share(row: Bars) -> str:
    return f" ({row.percent_on_time}% on time)" if row.percent_on_time is not None else ""
