"""Left alone, the app locks itself and forgets the key; unlocking returns to the same screen."""

from datetime import date

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.ui.lock_screen import LockScreen
from wvisit.ui.visit_editor import VisitEditor


def test_idle_lock_forgets_the_key_and_unlock_restores_the_screen(qtbot, open_window, data_dir):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    seed(session.store, date.today())
    child_id = session.store.children.all()[0].id
    visit = session.store.visits.new_draft(child_id)
    session.lock()

    window = open_window()  # the usual delay while the editor opens: a busy machine's pause there never locks
    unlock(qtbot, window)
    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    keys = window.session.keys
    type_text(qtbot, editor.fields["what_i_saw"].widget, "Typed just before I was called away")
    window.idle.set_interval(700)  # the count starts again, short: the worker was called away

    qtbot.waitUntil(lambda: isinstance(window.page, LockScreen), timeout=WAIT)
    window.idle.set_interval(60_000)  # long again, so the unlock below brings the editor back whatever the load
    assert window.session is None and not keys.is_open  # the key is gone from the app
    assert not window.toolbar.isEnabled()

    window.lock_screen.passcode.setText("not-my-passcode")
    qtbot.mouseClick(window.lock_screen.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "not right" in window.lock_screen.banner.text(), timeout=WAIT)

    unlock(qtbot, window)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.visit_id == visit.id
    assert editor.fields["what_i_saw"].read() == "Typed just before I was called away"  # saved on the way to lock


def test_lock_button_locks_at_once(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    keys = window.session.keys
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(window.page, LockScreen) and not keys.is_open
