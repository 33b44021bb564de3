"""The app and the real central record on 127.0.0.1: sign in once, the caseload arrives, a visit syncs."""

from PySide6.QtCore import Qt

from tests.sync.central_server import DEMO_PASSWORD
from tests.ui.conftest import WAIT, caseload_loaded, unlock, wait_for_page
from wvisit import config
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.dialogs import SignInDialog
from wvisit.ui.main_window import MainWindow


def test_sign_in_once_then_the_caseload_arrives_and_a_visit_syncs(qtbot, data_dir, central):
    settings = config.load({"data_dir": str(data_dir), "central_url": central.url})
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog) and window.dialog.isVisible(), timeout=WAIT)
    assert "Sign in" in window.problem_label.text() or window.problem_label.text() == ""
    window.dialog.username.setText("sw.demo")
    window.dialog.password.setText("not-the-password")
    window.dialog._accept()
    qtbot.waitUntil(lambda: "not right" in window.problem_label.text(), timeout=WAIT)

    qtbot.waitUntil(lambda: isinstance(window.dialog, SignInDialog) and window.dialog.isVisible(), timeout=WAIT)
    assert window.dialog.username.text() == "sw.demo"  # kept from the failed try: only the password again
    window.dialog.password.setText(DEMO_PASSWORD)
    window.dialog._accept()
    page = wait_for_page(qtbot, window, CaseloadPage, caseload_loaded)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=WAIT)  # the demo caseload arrived
    qtbot.waitUntil(lambda: window.online_label.text() == "Online", timeout=WAIT)
    assert window.waiting_label.text() == "0 items waiting to sync"
    assert window.last_sync_label.text() != "Last sync: never"

    ada = next(page.model.row_at(n).child for n in range(7) if page.model.row_at(n).child.name == "Ada Example")
    window.new_visit(ada.id)
    qtbot.waitUntil(lambda: window.place[0] == "visit", timeout=WAIT)
    qtbot.waitUntil(lambda: window.waiting_label.text() == "1 item waiting to sync", timeout=WAIT)
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # Sync now
    qtbot.waitUntil(lambda: window.waiting_label.text() == "0 items waiting to sync", timeout=WAIT)
    visit_id = window.place[1]
    assert central.records()[visit_id]["kind"] == "visit"


def test_without_a_central_record_the_app_says_so_and_works_offline(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    assert window.online_label.text().startswith("Offline")
    assert not window.actions_["sync"].isEnabled()
