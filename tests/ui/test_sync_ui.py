"""The app and the real central record on 127.0.0.1: sign in once, the caseload arrives, a visit syncs."""

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.fault_proxy import FaultProxy
from tests.sync.test_sign_in import revoke
from tests.ui.conftest import WAIT, caseload_loaded, unlock, wait_for_page
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.store import Store
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_mode import ChildMode
from wvisit.ui.dialogs import SignInDialog
from wvisit.ui.lock_screen import LockScreen
from wvisit.ui.main_window import MainWindow
from wvisit.ui.visit_editor import VisitEditor


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
    assert "not right" in window.dialog.banner.text()  # said in the form, not only in the status bar
    window.dialog.password.setText(DEMO_PASSWORD)
    window.dialog._accept()
    window.actions_["caseload"].trigger()  # home is My tasks; the children are one shortcut away
    page = wait_for_page(qtbot, window, CaseloadPage, caseload_loaded)
    qtbot.waitUntil(lambda: page.model.rowCount() == 7, timeout=WAIT)  # the demo caseload arrived
    qtbot.waitUntil(lambda: window.online_label.text().startswith("Online"), timeout=WAIT)
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


def signed_in_laptop(data_dir, central, settings) -> tuple[str, str]:
    """A laptop signed in during an earlier run of the app, with a visit recorded since: only its
    stored sign-in is left (no access token survives a restart)."""
    session = Session.create(data_dir, PASSCODE, "sw.demo", settings)
    engine = SyncEngine(session.store, CentralClient(central.url))
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    engine.sync()
    engine.client.close()
    visit = complete_visit(session.store, make_child(session.store, "Noor Example"))
    session.lock()
    return visit.child_id, visit.id


def restarted_app(qtbot, data_dir, central, url: str) -> tuple[MainWindow, str]:
    """The app opened and unlocked on a laptop signed in before (`signed_in_laptop`), syncing with `url`."""
    settings = config.load({"data_dir": str(data_dir), "central_url": url})
    _, visit_id = signed_in_laptop(data_dir, central, settings)
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    return window, visit_id


def test_the_app_restarted_with_work_waiting_syncs_with_its_stored_sign_in(qtbot, data_dir, central):
    window, visit_id = restarted_app(qtbot, data_dir, central, central.url)
    qtbot.waitUntil(lambda: visit_id in central.records(), timeout=WAIT)
    qtbot.waitUntil(lambda: window.waiting_label.text() == "0 items waiting to sync", timeout=WAIT)
    assert window.online_label.text() == "Online as sw.demo"  # who this laptop syncs as
    assert not isinstance(window.dialog, SignInDialog)  # the stored sign-in was enough


def test_a_laptop_revoked_while_a_child_holds_it_leaves_child_mode_and_locks(qtbot, data_dir, central):
    window, visit_id = restarted_app(qtbot, data_dir, central, central.url)
    qtbot.waitUntil(lambda: window.online_label.text().startswith("Online"), timeout=WAIT)
    window.start_child_mode(visit_id, "feelings", tools.get("feelings").save(tools.get("feelings").empty()))
    qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)

    revoke(central, window.session.store.sync_state.get("device_id"))
    window.sync_now()
    qtbot.waitUntil(lambda: window.session is None and window.child_mode is None, timeout=WAIT)
    assert not any(isinstance(w, ChildMode) and w.isVisible() for w in QApplication.topLevelWidgets())
    assert window.isVisible() and "withdrawn this laptop" in window.lock_screen.banner.text()


def test_with_the_network_hanging_a_draft_is_saved_and_the_window_locks_at_once(qtbot, data_dir, central):
    proxy = FaultProxy(central.port, delay=60.0)  # the central record takes a minute to answer anything
    for _ in range(20):
        proxy.plan("/v1/", "delay")
    window, visit_id = restarted_app(qtbot, data_dir, central, proxy.url)
    qtbot.waitUntil(lambda: len(proxy.seen) > 0, timeout=WAIT)  # a sync is now waiting on the network

    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    editor.fields["what_i_saw"].widget.setPlainText("Noor showed me the new kitten.")
    editor.save_now()
    on_disk = Store.open(data_dir, window.session.keys, "sw.test")  # another connection: what is durable
    qtbot.waitUntil(lambda: on_disk.visits.get(visit_id).what_i_saw == "Noor showed me the new kitten.", timeout=WAIT)
    on_disk.close()

    started = time.monotonic()
    window.lock()
    assert time.monotonic() - started < 5  # not the minute the network would take
    assert window.session is None and isinstance(window.page, LockScreen)
    assert window.online_label.text() == "Locked" and window.waiting_label.text() == ""  # nothing of the records
    proxy.close()  # the line drops: the sync still waiting on the network ends now, not at its timeout
    assert window.ops.wait_network(WAIT)  # (a window is deleted only once its network lane is idle)
