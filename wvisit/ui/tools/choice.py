"""What the child picked, unmistakable: a thick outline in the palette's highlight colour and a tick.

Not a slightly darker grey (Fusion's checked button): a child, and a worker looking over their
shoulder, must see at a glance which face, number, pen or line was chosen, in light and dark
palettes alike. The tick is said to a screen reader too ("Happy, chosen").
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QPushButton

TICK = "\u2713 "
CHOICE_STYLE = (
    "QPushButton { border: 2px solid palette(mid); border-radius: 10px; padding: 6px;"
    " background: palette(button); color: palette(button-text); }"
    "QPushButton:checked { border: 7px solid palette(highlight); font-weight: bold; }"
)


def mark_choice(button: QPushButton, text: str, name: str) -> None:
    """Give a checkable button the outline and tick when checked (and take them away when not)."""

    def show(picked: bool) -> None:
        button.setText(TICK + text if picked else text)
        button.setAccessibleName(f"{name}, chosen" if picked else name)

    button.setCheckable(True)
    button.toggled.connect(show)
    show(button.isChecked())
    bold = QFont(button.font())
    bold.setBold(True)
    room = QFontMetrics(bold).horizontalAdvance(TICK + text) + 2 * (7 + 6) + 4  # border and padding each side
    button.setMinimumWidth(max(button.minimumWidth(), room))  # the tick never pushes the words out


def choice_button(text: str, name: str) -> QPushButton:
    """A checkable choice for the child, with CHOICE_STYLE and a tick when picked."""
    button = QPushButton(text)
    button.setStyleSheet(CHOICE_STYLE)
    mark_choice(button, text, name)
    return button


def swatch_style(colour: str) -> str:
    """A colour to draw with, as a big swatch: picked, it gets the highlight outline and a tick in a colour
    that shows on it (white on a dark swatch, black on a light one)."""
    tick = "#000000" if QColor(colour).lightness() > 140 else "#ffffff"
    return (
        f"QPushButton {{ background: {colour}; border: 3px solid #999; border-radius: 8px; color: {tick};"
        " font-size: 22px; font-weight: bold; }"
        "QPushButton:checked { border: 7px solid palette(highlight); }"
    )
