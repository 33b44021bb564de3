"""Quitting while the central record hangs: the window goes at once, because the sync waiting on the
network is cut short by the laptop (a window is deleted only once its network lane is idle), and what
was typed just before is saved first.

The central record here takes each request and never answers, holding the line open until the test
releases it. That the laptop hung up is read from the central record's end of the line, without
waiting: on 127.0.0.1 the kernel has delivered the laptop's hang-up by the time the call that cut the
line returns. Merely closing the client would not hang up at once (a socket closed while another thread
waits to read it stays open until that read times out, 15 s later)."""

import socket
import threading

import pytest
import shiboken6
from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from tests.ui.test_sync_ui import signed_in_laptop
from wvisit import config
from wvisit.app.session import Session
from wvisit.ui.app import start
from wvisit.ui.main_window import MainWindow
from wvisit.ui.visit_editor import VisitEditor

DRAFT = "Noor showed me the new kitten"


class HangingCentral:
    """Takes every request and never answers; lets go of its lines only when the test releases it."""

    def __init__(self):
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self.asked = threading.Event()  # a request waits for its answer
        self.released = threading.Event()
        self._held: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                line, _ = self._listener.accept()
            except OSError:
                return  # released
            threading.Thread(target=self._hold, args=(line,), daemon=True).start()

    def _hold(self, line: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            if not (chunk := line.recv(65536)):
                line.close()
                return
            request += chunk
        with self._lock:
            self._held.append(line)
        self.asked.set()

    def hung_up_on(self) -> bool:
        """Whether the laptop has closed a line whose answer it was waiting for (read now, not waited for)."""
        with self._lock:
            lines = list(self._held)
        return any(_hung_up(line) for line in lines)

    def release(self) -> None:
        self.released.set()
        self._listener.close()
        with self._lock:
            for line in self._held:
                line.close()


def _hung_up(line: socket.socket) -> bool:
    """Whether the laptop's end of `line` is closed: what it still had on the way (a request's body may
    come after its headers, in a packet of its own) is read first, then the end of the line shows."""
    try:
        while line.recv(65536, socket.MSG_DONTWAIT):
            pass  # the rest of the request, never answered
    except BlockingIOError:
        return False  # still open, waiting for the answer
    except ConnectionError:
        return True
    return True


@pytest.fixture
def hanging():
    central = HangingCentral()
    yield central
    central.release()


@pytest.fixture
def windows():
    """The test's windows, deleted at the end if the test did not get that far."""
    made: list[MainWindow] = []
    yield made
    for window in made:
        if shiboken6.isValid(window):
            window.close()
            shiboken6.delete(window)


def typed_while_syncing(qtbot, data_dir, central, hanging, windows, make_window) -> tuple[MainWindow, str]:
    """A laptop signed in before, opened with `make_window` and unlocked: its sync waits on the hanging
    central record while the worker types a note on a visit (not saved yet)."""
    settings = config.load({"data_dir": str(data_dir), "central_url": hanging.url})
    _, visit_id = signed_in_laptop(data_dir, central, settings)
    window = make_window(settings)
    windows.append(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(hanging.asked.is_set, timeout=WAIT)  # a sync is now waiting on the network
    assert not hanging.hung_up_on()
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    box = editor.fields["what_i_saw"].widget
    box.setFocus()
    box.selectAll()  # what the visit held before is typed over
    type_text(qtbot, box, DRAFT)
    return window, visit_id


def assert_hung_up_and_gone(window: MainWindow, hanging: HangingCentral) -> None:
    """Right after the close: the window is closed and locked, and the laptop has already hung up on the
    central record, which still holds its end; then deleting the window (which waits for its network
    lane) returns while the central record has still not answered."""
    assert not window.isVisible() and window.session is None
    assert hanging.hung_up_on()
    shiboken6.delete(window)
    assert not shiboken6.isValid(window) and not hanging.released.is_set()


def assert_draft_kept(data_dir, visit_id: str) -> None:
    session = Session.unlock(data_dir, PASSCODE)  # a fresh store, read from disk
    try:
        assert session.store.visits.get(visit_id).what_i_saw == DRAFT
    finally:
        session.lock()


def test_closing_the_window_while_the_central_record_hangs_saves_the_draft_and_goes_at_once(
    qtbot, data_dir, central, hanging, windows
):
    window, visit_id = typed_while_syncing(
        qtbot, data_dir, central, hanging, windows, lambda settings: MainWindow(settings, data_dir)
    )
    window.close()  # the window's close button
    assert_hung_up_and_gone(window, hanging)
    assert_draft_kept(data_dir, visit_id)


def test_ctrl_q_while_the_central_record_hangs_saves_the_draft_and_goes_at_once(
    qtbot, data_dir, central, hanging, windows
):
    window, visit_id = typed_while_syncing(qtbot, data_dir, central, hanging, windows, start)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert_hung_up_and_gone(window, hanging)
    assert_draft_kept(data_dir, visit_id)
