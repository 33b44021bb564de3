"""The app's look where the style alone fails people: a clear keyboard focus ring, and radio buttons that
show in a dark palette.

Fusion draws keyboard focus as a thin line in a shade of the window colour, and draws a radio button's
ring in the window colour made darker: on a dark palette both all but vanish. So:

- FocusRing: a 3-pixel ring in the palette's highlight colour around whatever has keyboard focus, drawn
  as a transparent overlay that ignores the mouse (the focused widget keeps its own style). The
  highlight colour stands out on the window colour of the usual light and dark palettes.
- A style sheet for radio buttons, made from the palette in force (its text colour on its base colour),
  made again when the palette changes (a worker switching to dark mode).
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QWidget

RING = 3  # pixels: wide enough to see from a sofa, not so wide it covers the next field


class FocusRing(QWidget):
    """A ring round `target`, on `target`'s parent, following it as it moves or resizes."""

    def __init__(self, target: QWidget):
        parent = target.parentWidget()
        super().__init__(parent)
        self.target = target
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        target.installEventFilter(self)
        self.follow()
        self.show()

    def follow(self) -> None:
        grown = self.target.geometry().adjusted(-RING - 1, -RING - 1, RING + 1, RING + 1)
        parent = self.parentWidget()
        if parent is not None:
            grown = grown.intersected(QRect(0, 0, parent.width(), parent.height()))
        self.setGeometry(grown)
        self.setVisible(self.target.isVisible())
        self.raise_()

    def colour(self):
        return self.target.palette().color(QPalette.ColorRole.Highlight)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self.follow()
        return False

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour(), RING))
        inner = self.target.geometry().translated(-self.pos()).adjusted(-2, -2, 2, 2)
        painter.drawRoundedRect(inner.adjusted(-1, -1, 0, 0), 4, 4)


def radio_style(palette: QPalette) -> str:
    """Radio buttons drawn in the palette's text colour on its base colour: visible on light and dark."""
    text = palette.color(QPalette.ColorRole.Text).name()
    base = palette.color(QPalette.ColorRole.Base).name()
    return (
        f"QRadioButton::indicator {{ width: 14px; height: 14px; border: 2px solid {text}; border-radius: 9px;"
        f" background: {base}; }}"
        "QRadioButton::indicator:checked { background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5,"
        f" stop:0 {text}, stop:0.5 {text}, stop:0.6 {base}, stop:1 {base}); }}"
        "QRadioButton::indicator:disabled { border-style: dotted; }"
    )


class Look(QObject):
    """Installed once on the application: the focus ring follows focus; the radio style follows the palette."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.app = app
        self.ring: FocusRing | None = None
        self._sheet = ""
        app.focusChanged.connect(self._focus_moved)
        self.restyle()  # first: PySide builds the style sheet style's classes outside the filter (inside it can crash)
        app.installEventFilter(self)
        self._focus_moved(None, app.focusWidget())  # installed after the first paint: focus may be set already

    def restyle(self) -> None:
        """Put the radio style in the application's style sheet (replacing the one made for the last palette)."""
        sheet = self.app.styleSheet().replace(self._sheet, "")
        self._sheet = radio_style(self.app.palette())
        self.app.setStyleSheet(sheet + self._sheet)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.app and event.type() == QEvent.Type.ApplicationPaletteChange:
            self.restyle()
        return False

    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self.ring is not None and shiboken6.isValid(self.ring):
            if shiboken6.isValid(self.ring.target):
                self.ring.target.removeEventFilter(self.ring)
            self.ring.hide()
            self.ring.deleteLater()
        self.ring = None
        if now is None or now.parentWidget() is None or now.window().windowType() == Qt.WindowType.Popup:
            return
        self.ring = FocusRing(now)


def dark_palette() -> QPalette:
    """A dark system palette, as a worker with dark mode on has it (for the screenshots and the tests)."""
    palette = QPalette()
    for role, colour in [
        (QPalette.ColorRole.Window, "#202124"),
        (QPalette.ColorRole.WindowText, "#e8eaed"),
        (QPalette.ColorRole.Base, "#17181a"),
        (QPalette.ColorRole.AlternateBase, "#2a2b2e"),
        (QPalette.ColorRole.Text, "#e8eaed"),
        (QPalette.ColorRole.Button, "#2d2e31"),
        (QPalette.ColorRole.ButtonText, "#e8eaed"),
        (QPalette.ColorRole.Highlight, "#8ab4f8"),
        (QPalette.ColorRole.HighlightedText, "#202124"),
        (QPalette.ColorRole.PlaceholderText, "#9aa0a6"),
        (QPalette.ColorRole.ToolTipBase, "#2d2e31"),
        (QPalette.ColorRole.ToolTipText, "#e8eaed"),
    ]:
        palette.setColor(role, QColor(colour))
    return palette


def install(app: QApplication) -> Look:
    """The look, once per application (later calls return the first)."""
    found = app.findChild(Look)
    return found if found is not None else Look(app)
