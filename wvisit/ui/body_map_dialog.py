"""The body map, for the worker: click the front or back outline where a mark was seen, then say what it
looks like, its size and how it was explained, and by whom. Saved as a sitting of the visit (the tool
"body_map"), painted from its data like the child's pictures (wvisit/tools/pictures.py).

On a child protection case, saving says "Tell your manager today" and adds that to My tasks
(wvisit/app/body_map.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QObject, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wvisit import tools
from wvisit.app.body_map import save_body_map
from wvisit.domain import Sitting
from wvisit.errors import WvisitError
from wvisit.tools import pictures
from wvisit.tools.body_map import SIDES, SPAN, BodyMap, Mark
from wvisit.ui import operations
from wvisit.ui.picture_dialog import PictureDialog
from wvisit.ui.widgets import text_box

TELL_MANAGER_NOW = (
    "Tell your manager today.\n\nThis child has a child protection plan and you recorded marks on a body map. "
    "\u201cTell your manager today\u201d is in My tasks until you tick it done."
)
NEAR = 0.03  # a click this close to a mark (as a share of the picture's height) picks the mark
AIM_STEP = 25  # an arrow key moves the keyboard's aim this far (of 1000 across or down an outline)


class BodyOutline(QWidget):
    """The front and back outlines; a click on one adds a mark there, a click on a mark picks it. From the
    keyboard: Tab to it, move the aim with the arrow keys (Shift for bigger steps; past the edge of one
    outline to the other) and press Enter or Space to add a mark there."""

    clicked = Signal(str, int, int)  # side, x, y (0-1000 on that outline)
    picked = Signal(int)  # the mark's index

    def __init__(self, body: BodyMap):
        super().__init__()
        self.body = body
        self.selected: int | None = None
        self.aim: tuple[str, int, int] = (SIDES[0], SPAN // 2, SPAN * 3 // 10)  # the keyboard's: the chest
        self.setAccessibleName(
            "Body map: click the front or back outline where you saw the mark, or move with the arrow keys and "
            "press Enter"
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._say_aim()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 330)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(560, 510)

    def picture_rect(self) -> QRectF:
        return pictures.fit("body_map", QRectF(self.rect()))

    def point_of(self, side: str, x: int, y: int) -> QPointF:
        """Where on this widget a mark at (side, x, y) is drawn."""
        box = pictures.body_boxes(self.picture_rect())[side]
        return QPointF(box.x() + x / SPAN * box.width(), box.y() + y / SPAN * box.height())

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        at = event.position()
        near = NEAR * self.picture_rect().height()
        for index, mark in enumerate(self.body.marks):
            spot = self.point_of(mark.side, mark.x, mark.y)
            if abs(spot.x() - at.x()) <= near and abs(spot.y() - at.y()) <= near:
                self.picked.emit(index)
                return
        found = pictures.mark_at(self.picture_rect(), at)
        if found is not None:
            self.clicked.emit(*found)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        step = AIM_STEP * (4 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        moves = {
            Qt.Key.Key_Left: (-step, 0),
            Qt.Key.Key_Right: (step, 0),
            Qt.Key.Key_Up: (0, -step),
            Qt.Key.Key_Down: (0, step),
        }
        if event.key() in moves:
            dx, dy = moves[Qt.Key(event.key())]
            side, x, y = self.aim
            x, y = x + dx, min(SPAN, max(0, y + dy))
            other = SIDES[1 - SIDES.index(side)]
            if x < 0:  # past the edge: onto the other outline, if it is that way
                side, x = (other, SPAN) if SIDES.index(side) == 1 else (side, 0)
            elif x > SPAN:
                side, x = (other, 0) if SIDES.index(side) == 0 else (side, SPAN)
            self.aim = (side, x, y)
            self._say_aim()
            self.update()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit(*self.aim)
        else:
            super().keyPressEvent(event)

    def _say_aim(self) -> None:
        side, x, y = self.aim
        self.setAccessibleDescription(
            f"Aiming at the {side}, {round(100 * x / SPAN)}% across and {round(100 * y / SPAN)}% down"
        )

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusInEvent(event)
        self.update()  # the aim shows while the outline has the keyboard

    def focusOutEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pictures.paint_body_map(painter, self.body, self.picture_rect(), self.selected)
        if self.hasFocus():
            at = self.point_of(*self.aim)
            reach = NEAR * self.picture_rect().height()
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Highlight), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawEllipse(at, reach, reach)
            painter.drawLine(QPointF(at.x() - 2 * reach, at.y()), QPointF(at.x() + 2 * reach, at.y()))
            painter.drawLine(QPointF(at.x(), at.y() - 2 * reach), QPointF(at.x(), at.y() + 2 * reach))
        painter.end()


class BodyMapDialog(PictureDialog):
    """Marks on the outline and, for the mark picked, what it looks like, its size and how it was explained."""

    def __init__(self, parent, body: BodyMap):
        super().__init__(
            parent,
            "body_map",
            "Body map",
            "the body map",
            "Click the outline where you saw each mark (or Tab to it, move with the arrow keys and press Enter), "
            "then say what it looks like, its size, and how it was explained and by whom. Record what you saw, "
            "not what you think caused it.",
        )
        self.body = BodyMap([replace(mark) for mark in body.marks])
        self.outline = BodyOutline(self.body)
        self.outline.clicked.connect(self.add_mark)
        self.outline.picked.connect(self.pick)
        side = QVBoxLayout()
        self.marks = QListWidget()
        self.marks.setAccessibleName("Marks")
        self.marks.currentRowChanged.connect(self._show_mark)
        side.addWidget(self.marks, 1)
        form = QFormLayout()
        self.note_box = QLineEdit()
        self.note_box.setAccessibleName("What it looks like")
        self.note_box.setPlaceholderText("e.g. bruise, yellow-green, round")
        self.size_box = QLineEdit()
        self.size_box.setAccessibleName("Size")
        self.size_box.setPlaceholderText("e.g. about 2 cm by 1 cm")
        self.explained_box = text_box("How it was explained, and by whom", 3)
        self.explained_box.setPlaceholderText("e.g. Mum said he fell off his bike. Or: no explanation was given.")
        form.addRow("&What it looks like", self.note_box)
        form.addRow("Si&ze", self.size_box)
        form.addRow("How it was &explained", self.explained_box)
        side.addLayout(form)
        self.remove = QPushButton("&Remove this mark")
        self.remove.clicked.connect(self.remove_mark)
        side.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        self.place(self.outline, side)
        for box in (self.note_box, self.size_box):
            box.textEdited.connect(self._edited)
        self.explained_box.textChanged.connect(self._edited)
        self._showing = False
        self._list_marks()
        if self.body.marks:  # reopened: the first mark's details are showing
            self.pick(0)
        self.opened()
        self.resize(1000, 620)

    def body_map(self) -> BodyMap:
        return BodyMap([replace(mark) for mark in self.body.marks])

    def record_now(self) -> BodyMap:
        return self.body_map()

    def add_mark(self, side: str, x: int, y: int) -> None:
        self.body.marks.append(Mark(side, x, y))
        self._list_marks()
        self.pick(len(self.body.marks) - 1)
        self.note_box.setFocus()

    def pick(self, index: int) -> None:
        self.marks.setCurrentRow(index)

    def remove_mark(self) -> None:
        index = self.marks.currentRow()
        if 0 <= index < len(self.body.marks):
            before = self.body_map()
            del self.body.marks[index]
            self._list_marks()
            self.pick(min(index, len(self.body.marks) - 1))
            self.removed(before, f"Removed mark {index + 1}.")

    def restore(self, record: BodyMap) -> None:
        """Back as it was; the mark brought back is picked."""
        now = self.body.marks
        back = next((n for n, mark in enumerate(record.marks) if n >= len(now) or now[n] != mark), 0)
        self.body.marks[:] = record.marks
        self._list_marks()
        self.pick(back)

    def _list_marks(self) -> None:
        current = self.marks.currentRow()
        self._showing = True
        self.marks.clear()
        for number, mark in enumerate(self.body.marks, start=1):
            self.marks.addItem(f"{number}. {mark.side.capitalize()}: {mark.note.strip() or '(say what it looks like)'}")
        self._showing = False
        if 0 <= current < self.marks.count():
            self.marks.setCurrentRow(current)
        self._show_mark(self.marks.currentRow())

    def _show_mark(self, index: int) -> None:
        has = 0 <= index < len(self.body.marks)
        mark = self.body.marks[index] if has else Mark()
        self._showing = True
        self.note_box.setText(mark.note)
        self.size_box.setText(mark.size)
        self.explained_box.setPlainText(mark.explained)
        self._showing = False
        for box in (self.note_box, self.size_box, self.explained_box, self.remove):
            box.setEnabled(has)
        self.outline.selected = index if has else None
        self.outline.update()

    def _edited(self, *_args) -> None:
        index = self.marks.currentRow()
        if self._showing or not 0 <= index < len(self.body.marks):
            return
        mark = self.body.marks[index]
        mark.note, mark.size, mark.explained = (
            self.note_box.text(),
            self.size_box.text(),
            self.explained_box.toPlainText(),
        )
        self.marks.item(index).setText(
            f"{index + 1}. {mark.side.capitalize()}: {mark.note.strip() or '(say what it looks like)'}"
        )
        self.outline.update()


class BodyMapRecording(QObject):
    """One body map being recorded: the dialog, then the save on the store lane, then on a child protection
    case the "Tell your manager today" message. `saved` is emitted after the body map is saved."""

    saved = Signal()

    def __init__(self, parent: QWidget, sitting: Sitting, owner: str):
        super().__init__(parent)
        self._parent, self.sitting, self.owner = parent, sitting, owner
        self.dialog = BodyMapDialog(parent, tools.get("body_map").load(sitting.result))
        self.dialog.accepted.connect(self._save)
        self.tell_manager: QMessageBox | None = None

    def start(self) -> None:
        self.dialog.open()

    def _save(self) -> None:
        body = self.dialog.body_map()
        tool = tools.get("body_map")
        made = replace(self.sitting, result=tool.save(body), summary=tool.summarise(body))
        owner = self.owner
        op = operations.Op(
            self._parent,
            lambda store: save_body_map(store, made, owner, date.today()),
            lambda _: operations.Changes.of(made.child_id),
        )
        op.success(self._saved).failure(self._failed).run_in_background()

    def _saved(self, tell_manager: bool) -> None:
        self.saved.emit()
        if tell_manager:
            self.tell_manager = QMessageBox(
                QMessageBox.Icon.Warning, "Tell your manager today", TELL_MANAGER_NOW, parent=self._parent
            )
            self.tell_manager.open()

    def _failed(self, problem: WvisitError) -> None:
        QMessageBox.warning(self._parent, "Body map not saved", str(problem))
