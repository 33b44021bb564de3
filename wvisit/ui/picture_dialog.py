"""The frame of a dialog where the worker builds a picture from what they type beside it (the genogram,
the body map): a hint at the top, a banner for what is refused, the picture on the left beside a panel of
lists and boxes, Save and Cancel at the foot.

Both behave the same way, so a worker who has used one knows the other: Escape (or Cancel) with changes
not saved first only says so in the banner, and closes at the second press (ten minutes of typing are not
lost to one key; `reject()` itself always closes, as locking the laptop needs); Enter in a box moves on to
the next box, as Tab does, instead of saving and closing the record half typed; Save (Alt+S) checks the
record with its tool's own rules and, if it is refused, says why in the banner and keeps everything.
Removing something (a person, a relationship, a mark) says what went in the banner, and Ctrl+Z brings it
back, as often as there were removals (in a text box Ctrl+Z still undoes the typing).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLayout, QPushButton, QVBoxLayout, QWidget

from wvisit import tools
from wvisit.errors import InvalidValue
from wvisit.ui.widgets import Banner, hint


def not_saved(what: str) -> str:
    """What the first Escape says, for "the genogram", "the body map"."""
    return (
        f"{what[0].upper()}{what[1:]} has changes that are not saved. Press Save (Alt+S) to keep them, or Escape "
        "again to close without them."
    )


class PictureDialog(QDialog):
    """The frame; a subclass puts its picture, panel and any buttons of its own in with `place`, gives
    `record_now`, and calls `opened` once it shows what it was opened with (changes are counted from there)."""

    def __init__(self, parent: QWidget | None, tool: str, title: str, what: str, hint_text: str):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.tool = tool
        self.not_saved = not_saved(what)
        layout = QVBoxLayout(self)
        layout.addWidget(hint(hint_text))
        self.banner = Banner()
        layout.addWidget(self.banner)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save is not None  # asked for above
        save.setText("&Save")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.cancel)
        self._opened: Any = None
        self._warned = False  # told once that closing loses the changes
        self._before_removals: list[Any] = []  # the record before each removal, the latest last
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo)

    def place(self, picture: QWidget, panel: QLayout, *beside_save: QWidget) -> None:
        """The picture on the left, taking most of the width; the panel of lists and boxes on the right; at
        the foot, `beside_save` (the dialog's own buttons) then Save and Cancel, on one row so the lists
        keep their height at large text. Placed in that order, Tab goes through them in that order too."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # made in __init__
        row = QHBoxLayout()
        row.addWidget(picture, 3)
        row.addLayout(panel, 2)
        layout.addLayout(row, 1)
        foot = QHBoxLayout()
        for widget in beside_save:
            foot.addWidget(widget)
        foot.addWidget(self.buttons, 1)
        layout.addLayout(foot)

    def record_now(self) -> Any:
        """The record as it stands (a copy: the tool's dataclass), to save and to compare."""
        raise NotImplementedError

    def restore(self, record: Any) -> None:
        """Show `record` (one `record_now` gave) as the one being changed."""
        raise NotImplementedError

    def opened(self) -> None:
        self._opened = self.record_now()

    def removed(self, before: Any, said: str) -> None:
        """After a removal: `before` is the record as it was, `said` what went ("Removed mark 2.")."""
        self._before_removals.append(before)
        self.banner.show_message(f"{said} Press Ctrl+Z to bring it back.", False)

    def undo(self) -> None:
        """Bring back what the latest removal took."""
        if not self._before_removals:
            return
        self.restore(self._before_removals.pop())
        self.banner.show_message("Brought back.", False)

    def checked(self) -> bool:
        """Whether the record can be kept; if not, the banner says why and everything stays as typed."""
        tool = tools.get(self.tool)
        try:
            tool.validate(tool.save(self.record_now()))
        except InvalidValue as problem:
            self.banner.show_message(str(problem))
            return False
        return True

    def _accept(self) -> None:
        if self.checked():
            self.accept()

    def cancel(self) -> None:
        """Cancel or Escape: with changes not saved, the first press only says so."""
        if self.record_now() != self._opened and not self._warned:
            self._warned = True
            self.banner.show_message(self.not_saved)
            return
        self.reject()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Escape asks cancel(); Enter in a box moves on to the next one, as Tab does (on a button it still
        presses the button)."""
        if event.key() == Qt.Key.Key_Escape:
            self.cancel()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(self.focusWidget(), QPushButton):
            self.focusNextChild()
        else:
            super().keyPressEvent(event)
