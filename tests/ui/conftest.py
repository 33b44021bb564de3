"""Fixtures for UI tests: a real MainWindow on a real vault and store in tmp_path, Qt offscreen."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import PASSCODE
from tests.sync.central_server import CentralServer
from wvisit import config
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.main_window import MainWindow

# ms: generous for a loaded CI machine (an unlock once took over 10 s there); waits end as soon as the condition holds
WAIT = 30_000


@pytest.fixture
def central(tmp_path):
    """The real central service on 127.0.0.1, for the sync and supervisor screens."""
    server = CentralServer(tmp_path)
    server.start()
    yield server
    server.close()


@pytest.fixture
def settings(data_dir):
    # No voice in the UI tests (speech-dispatcher would start for every child mode); the read-aloud tests
    # start their own (tests/ui/test_read_aloud.py).
    return config.load({"data_dir": str(data_dir), "read_aloud": "off"})


@pytest.fixture(autouse=True)
def _no_voice_unless_asked(monkeypatch):
    """No UI test starts the laptop's speech service by accident: a test that made its own settings
    (a restarted app, a supervisor's laptop) would otherwise start speech-dispatcher at child mode,
    and it outlives the test. The read-aloud tests name their voice on the command-line layer, which
    wins over this environment one."""
    monkeypatch.setenv("WVISIT_READ_ALOUD", "off")


@pytest.fixture(autouse=True)
def _collect_between_tests():
    """A finished test's windows are garbage holding SQLite cursors and Qt wrappers. Collected at a
    random moment of the next test, a finalizer can run on the UI thread while that test's store lane
    is inside SQLite (two CI runs crashed so): collect them here, when nothing runs."""
    yield
    gc.collect()


@pytest.fixture
def open_window(qtbot, settings, data_dir):
    """Open a main window; `closed_cleanly=False` leaves it for the test to destroy like a crash would."""

    def make(closed_cleanly: bool = True, idle_ms: int | None = None) -> MainWindow:
        window = MainWindow(settings, data_dir, idle_ms=idle_ms)
        if closed_cleanly:
            qtbot.addWidget(window)
        window.resize(1000, 700)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        return window

    return make


def unlock(qtbot, window: MainWindow, passcode: str = PASSCODE) -> None:
    screen = window.lock_screen
    screen.passcode.setText(passcode)
    if screen.confirm.isVisibleTo(screen):
        screen.confirm.setText(passcode)
    qtbot.mouseClick(screen.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session is not None and not isinstance(window.page, type(screen)), timeout=WAIT)


def wait_for_page(qtbot, window: MainWindow, page_type, loaded=lambda page: True):
    qtbot.waitUntil(lambda: isinstance(window.page, page_type) and loaded(window.page), timeout=WAIT)
    return window.page


def caseload_loaded(page: CaseloadPage) -> bool:
    return page.model.rowCount() > 0


def on_store_lane(qtbot, window: MainWindow, work):
    """`work(store)` run on the window's store lane, as the app runs its own reads and saves, and its
    result once done. Run from the test's thread, it could land inside a save of the lane's on the same
    connection (unlocking queues several: the search index, My tasks, the worker's words)."""
    done = []
    store = window.session.store
    window.ops.run(window, lambda: work(store), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    return done[0]


def texts(listing) -> list[str]:
    """A list widget's lines, top to bottom; none while it is still empty (item(0) would be None there,
    and an AttributeError inside waitUntil fails at once instead of waiting)."""
    return [listing.item(n).text() for n in range(listing.count())]


def needed(editor) -> list[str]:
    """What the visit editor lists as still needed before finalising."""
    return [editor.needed.item(n).text() for n in range(editor.needed.count())] if editor.needed.isVisible() else []


def confirm_finalise(qtbot, editor) -> None:
    """Finalise asks once, saying what becomes read-only; Enter (its default button) finalises."""
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    assert "read-only" in " ".join(label.text() for label in editor.dialog.findChildren(QLabel))
    qtbot.keyClick(editor.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.visit.is_final, timeout=WAIT)


def type_text(qtbot, widget, text: str) -> None:
    """Type ASCII as real key presses; insert other characters as an input method (IME) would.

    QTest can only press keys for ASCII characters; emoji and Hebrew arrive through the
    platform's input method in real use, which for a text box is an insert at the cursor.
    """
    run = ""
    for char in text + "\0":
        if char.isascii() and char != "\0":
            run += char
            continue
        if run:
            qtbot.keyClicks(widget, run)
            run = ""
        if char != "\0":
            widget.insertPlainText(char) if hasattr(widget, "insertPlainText") else widget.insert(char)
