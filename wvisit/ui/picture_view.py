"""A sitting, seen again: the child's drawing, houses or people painted from the record, read-only.

Opened from the visit editor's direct work or the child's page (double-click or Enter on a
sitting), so a worker or a manager sees what the child made without exporting a PDF. The picture
is painted from the sitting's data by wvisit/tools/pictures.py, the same painter the PDF uses;
a tool without a picture (a scaling answer, the feelings) shows what the record says of it.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QSizePolicy, QVBoxLayout, QWidget

from wvisit import tools
from wvisit.domain import Sitting
from wvisit.tools import pictures
from wvisit.ui.models import nice_date
from wvisit.ui.widgets import open_dialog, title


class PictureCanvas(QWidget):
    """Paints one sitting's picture to fill the widget, keeping its shape; nothing here can change it."""

    def __init__(self, sitting: Sitting):
        super().__init__()
        self.sitting = sitting
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(round(320 * pictures.aspect(sitting.tool)), 320))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(round(560 * pictures.aspect(self.sitting.tool)), 560)

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
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def show_sitting(parent: QWidget, sitting: Sitting) -> PictureView:
    """Open the sitting's view window-modal over `parent`; returns it (tests and screenshots look at it)."""
    view = PictureView(parent, sitting)
    open_dialog(view)
    return view
