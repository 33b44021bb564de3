"""A sitting, seen again: the child's drawing, houses or people painted from the record, read-only.

Opened from the visit editor's direct work or the child's page (double-click or Enter on a
sitting), so a worker or a manager sees what the child made without exporting a PDF. The picture
is painted from the sitting's data by wvisit/tools/pictures.py, the same painter the PDF uses;
a tool without a picture (a scaling answer, the feelings) shows what the record says of it.

A picture whose words shrink with it (a genogram, a family in its own shape) opens at the size its
smallest words can be read at, as far as the screen allows; the record's words under it scroll rather
than take the picture's height.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from wvisit import tools
from wvisit.domain import Sitting
from wvisit.tools import pictures
from wvisit.ui.models import nice_date
from wvisit.ui.widgets import open_dialog, title

SUMMARY_LINES = 8  # of the record's words shown under the picture before they scroll


class PictureCanvas(QWidget):
    """Paints one sitting's picture to fill the widget, keeping its shape; nothing here can change it."""

    def __init__(self, sitting: Sitting):
        super().__init__()
        self.sitting = sitting
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(round(320 * pictures.aspect(sitting.tool, sitting.result)), 320))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """560 px high, in the picture's shape; larger when its smallest words need it."""
        ratio = pictures.aspect(self.sitting.tool, self.sitting.result)
        readable = pictures.readable_size(self.sitting.tool, self.sitting.result)
        height = max(560.0, readable.height() if readable is not None else 0.0)
        return QSize(round(height * ratio), round(height))

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        pictures.paint(painter, self.sitting.tool, self.sitting.result, QRectF(self.rect()))
        painter.end()


class PictureView(QDialog):
    def __init__(self, parent: QWidget, sitting: Sitting):
        super().__init__(parent)
        tool = tools.get(sitting.tool)
        day = nice_date(sitting.started_at.date())
        self.setWindowTitle(f"{tool.title}, {day}")
        layout = QVBoxLayout(self)
        heading = title(f"{tool.title} \u2014 {day}")
        layout.addWidget(heading)
        self.canvas: PictureCanvas | None = None
        if pictures.has_picture(sitting.tool, sitting.result):
            self.canvas = PictureCanvas(sitting)
            self.canvas.setAccessibleName(
                f"The {tool.title.lower()}, as the worker recorded it"  # a body map, a genogram: not the child's
                if tool.for_worker
                else f"The child's {tool.title.lower()}, as they made it"
            )
            layout.addWidget(self.canvas, 1)
        self.summary = QLabel(sitting.summary or tool.summary(sitting.result))
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("What the record says")
        said = QScrollArea()  # a genogram's eighteen lines scroll here instead of squeezing its picture
        said.setFrameShape(QFrame.Shape.NoFrame)
        said.setWidgetResizable(True)
        said.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        said.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        said.setWidget(self.summary)
        said.setMaximumHeight(self.summary.fontMetrics().lineSpacing() * SUMMARY_LINES)
        layout.addWidget(said)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._open_at_full_size()

    def _open_at_full_size(self) -> None:
        """As large as the picture asks (Qt would open a window at two thirds of the screen at most), within
        the screen's free area."""
        room = self.screen().availableGeometry().size() * 0.95
        wanted = self.sizeHint()
        self.resize(min(wanted.width(), room.width()), min(wanted.height(), room.height()))


def show_sitting(parent: QWidget, sitting: Sitting) -> PictureView:
    """Open the sitting's view window-modal over `parent`; returns it (tests and screenshots look at it)."""
    view = PictureView(parent, sitting)
    open_dialog(view)
    return view
