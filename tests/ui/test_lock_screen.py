"""The first screen a worker sees: every sentence on it is whole, the passcode rules and a refusal too."""

from PySide6.QtWidgets import QLabel

from tests.ui.conftest import WAIT


def test_the_passcode_rules_and_a_refusal_are_shown_whole(qtbot, open_window):
    window = open_window()
    screen = window.lock_screen
    screen.passcode.setText("password123")
    screen.confirm.setText("password123")
    screen.submit()
    qtbot.waitUntil(lambda: "commonest" in screen.banner.text() and screen.banner.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: all(whole(label) for label in wrapped(screen)), timeout=WAIT)
    assert "at least 10" in " ".join(label.text() for label in wrapped(screen))


def wrapped(screen) -> list[QLabel]:
    return [label for label in screen.findChildren(QLabel) if label.wordWrap() and label.isVisible()]


def whole(label: QLabel) -> bool:
    """A wrapped label is cut off when it is shorter than its text needs at its width."""
    return label.height() >= label.heightForWidth(label.width())
