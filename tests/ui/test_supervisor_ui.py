"""A supervisor in the app: the review queue, oversight and sign-off, the team dashboard; the worker sees it."""

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.test_sync import fresh_laptop
from tests.ui.conftest import WAIT, unlock, wait_for_page
from tests.unit.test_visit_facts import pulled
from wvisit import config
from wvisit.app.session import Session
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.ui.main_window import MainWindow
from wvisit.ui.review_page import ReviewPage
from wvisit.ui.team_page import TeamPage
from wvisit.ui.visit_editor import VisitEditor


def test_a_supervisor_reviews_signs_off_and_the_worker_sees_it(qtbot, data_dir, central, tmp_path):
    worker_store, worker = fresh_laptop(tmp_path, "worker", central.url, user="sw.demo")
    worker.sync()
    ada = next(c for c in worker_store.children.all() if c.name == "Ada Example")
    visit = complete_visit(worker_store, ada, what_i_saw="Ada built a den in the garden.")
    worker_store.visits.finalise(visit.id)
    worker.sync()

    settings = config.load({"data_dir": str(data_dir), "central_url": central.url})
    session = Session.create(data_dir, PASSCODE, "sup.demo", settings)
    SyncEngine(session.store, CentralClient(central.url)).sign_in("sup.demo", DEMO_PASSWORD)
    session.lock()
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.actions_["review"].isVisible() and window.online_label.text().startswith("Online"), timeout=WAIT
    )

    window.actions_["review"].trigger()
    queue = wait_for_page(qtbot, window, ReviewPage, lambda p: p.proxy.rowCount() > 0)
    rows = [
        queue.proxy.rows[queue.proxy.mapToSource(queue.proxy.index(n, 0)).row()] for n in range(queue.proxy.rowCount())
    ]
    assert visit.id in [row.visit_id for row in rows] and all(not row.reviewed for row in rows)
    waiting = [row.waiting_days for row in rows]
    assert waiting == sorted(waiting, reverse=True) and waiting[0] > 0  # the longest waiting first
    headers = [queue.model.headerData(n, Qt.Orientation.Horizontal) for n in range(queue.model.columnCount())]
    assert "Legal status" in headers and "Waiting" in headers
    assert all(row.worker != "sw.demo" for row in rows)  # workers by name, never by login
    queue.worker.setCurrentIndex(queue.worker.findData("Sam Patel"))
    queue.child.setText("Ada")
    qtbot.waitUntil(lambda: queue.proxy.rowCount() == 4, timeout=WAIT)  # Ada's three demo visits and the new one
    shown = [[queue.proxy.index(n, column).data() for column in (1, 3, 4)] for n in range(4)]  # as the table shows
    assert shown == [["Ada Example", "Sam Patel", "Not yet reviewed"]] * 4

    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.oversight_button.isVisible() and not editor.addendum_button.isVisible()
    qtbot.mouseClick(editor.oversight_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    dialog = editor.dialog
    qtbot.keyClicks(dialog.considered, "The record, Ada's words, the carer's view.")
    qtbot.keyClicks(dialog.decision, "Placement is stable; keep six-weekly visits.")
    action = dialog.action_rows.rows[0]  # what, who, by when: a box each
    qtbot.keyClicks(action.what, "Ask the school about transport")
    assert action.who.text() == "Sam Patel"  # the worker whose visit it is, by name, until changed
    action.when.edit.clear()
    qtbot.keyClicks(action.when.edit, "01/01/2027")
    dialog._accept()  # no decision chosen for the supervisor: asked for
    assert dialog.isVisible() and "Choose" in dialog.banner.text()
    dialog.sign_off.setChecked(True)
    dialog._accept()
    qtbot.waitUntil(lambda: "signed off" in editor.oversight_list.item(0).text(), timeout=WAIT)
    assert "Jo Reed, supervisor" in editor.oversight_list.item(0).text()  # signed by name and role, not a login

    window.sync_now()
    qtbot.waitUntil(lambda: window.waiting_label.text() == "0 items waiting to sync", timeout=WAIT)
    window.go("review", "")
    queue = wait_for_page(qtbot, window, ReviewPage, lambda p: bool(p.proxy.rows))
    assert visit.id not in [
        queue.proxy.rows[queue.proxy.mapToSource(queue.proxy.index(n, 0)).row()].visit_id
        for n in range(queue.proxy.rowCount())
    ]  # "not yet reviewed": it has gone

    window.actions_["team"].trigger()
    team = wait_for_page(qtbot, window, TeamPage, lambda p: bool(p.chart.rows))
    assert "Sam Patel" in team.chart.accessibleDescription()

    worker.sync()
    (note,) = worker_store.oversight.for_visit(visit.id)
    assert note.decision == "Placement is stable; keep six-weekly visits." and note.actions[0].owner == "Sam Patel"


def test_a_worker_has_no_review_queue(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    assert not window.actions_["review"].isVisible() and not window.actions_["team"].isVisible()


def test_a_visit_that_cannot_be_read_is_said_on_the_team_page_and_the_review_queue(qtbot, settings, data_dir):
    """Both pages leave a damaged visit out rather than failing to open; each says so, so a supervisor
    does not take a shorter queue or a late-looking visit at face value."""
    session = Session.create(data_dir, PASSCODE, "sup.test", settings)
    store = session.store
    ada = make_child(store, "Ada Example")
    damaged, readable = (pulled(store, ada, "sw.amber", days) for days in (40, 20))
    with store.transaction():
        store.sync_state.set("role", "supervisor")
        store.conn.execute("UPDATE visits SET sealed = zeroblob(60) WHERE id = ?", (damaged.id,))
        store.audit.append("edited", "visit", damaged.id, 3)
    session.lock()
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)

    window.go("team", "")
    team = wait_for_page(qtbot, window, TeamPage, lambda page: page.picture is not None)
    assert team.unreadable.isVisible()
    assert team.unreadable.text().startswith("1 visit record on this laptop could not be read")
    window.go("review", "")
    queue = wait_for_page(qtbot, window, ReviewPage, lambda page: bool(page.proxy.rows))
    assert [row.visit_id for row in queue.proxy.rows] == [readable.id]
    assert queue.unreadable.isVisible() and "please tell IT" in queue.unreadable.text()
