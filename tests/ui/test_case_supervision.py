"""Case supervision in the app: a supervisor records one meeting for two children of a worker, each child
gets their own record, the Wandsworth 5 reads it, and the worker sees it on the child's page once synced."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.test_sync import fresh_laptop
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.domain import to_record
from wvisit.domain.people import Person
from wvisit.domain.supervision import Reflection, Supervision
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.ui.child_page import ChildPage
from wvisit.ui.main_window import MainWindow


def _texts(widget) -> list[str]:
    return [widget.item(n).text() for n in range(widget.count())]


def test_a_supervisor_records_one_meeting_for_two_children_and_the_worker_receives_both(
    qtbot, data_dir, central, tmp_path
):
    worker_store, worker = fresh_laptop(tmp_path, "worker", central.url, user="sw.demo")
    worker.sync()
    ada = next(c for c in worker_store.children.all() if c.name == "Ada Example")
    ben = next(c for c in worker_store.children.all() if c.name == "Ben Sample")

    settings = config.load({"data_dir": str(data_dir), "central_url": central.url})
    session = Session.create(data_dir, PASSCODE, "sup.demo", settings)
    SyncEngine(session.store, CentralClient(central.url)).sign_in("sup.demo", DEMO_PASSWORD)
    session.lock()
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: window.actions_["review"].isVisible() and "never" not in window.last_sync_label.text(), timeout=WAIT
    )  # the first sync has brought the team's children

    window.go("child", ada.id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None and p.supervision.view is not None)
    page.tabs.setCurrentWidget(page.supervision)
    tab = page.supervision
    assert tab.record_button.isVisible() and _texts(tab.records) == ["No case supervision recorded yet."]
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.dialog is not None and tab.dialog.isVisible(), timeout=WAIT)
    dialog = tab.dialog
    assert dialog.attendees.text() == "Jo Reed, Sam Patel"  # names from the people book, never logins
    listed = [dialog.child_list.item(n).text() for n in range(dialog.child_list.count())]
    assert listed[0] == "Ada Example" and "Ben Sample" in listed and "Gita Fictional" not in listed  # Sam's, visited
    assert dialog.pages.count() == 1  # only the child whose page it is, until another is ticked
    dialog.child_list.item(listed.index("Ben Sample")).setCheckState(Qt.CheckState.Checked)
    assert [dialog.pages.tabText(n) for n in range(dialog.pages.count())] == ["Ada Example", "Ben Sample"]

    for_ada, for_ben = dialog.discussions[ada.id], dialog.discussions[ben.id]
    qtbot.keyClicks(for_ada.boxes["hypotheses"], "Moving school may be unsettling her evenings.")
    qtbot.keyClicks(for_ada.boxes["lived_experience"], "Ada says the den in the garden is her safe place.")
    qtbot.keyClicks(for_ada.decisions, "Placement stable; keep six-weekly visits.")
    action = for_ada.action_rows.rows[0]
    qtbot.keyClicks(action.what, "Ask the school about transport")
    assert action.who.text() == "Sam Patel"
    dialog._accept()  # Ben's discussion is empty: refused on Ben's tab, nothing saved
    assert dialog.isVisible() and dialog.banner.text() == "Ben Sample: Write about the child's lived experience."
    assert dialog.pages.currentWidget() is for_ben
    qtbot.waitUntil(lambda: for_ben.boxes["lived_experience"].hasFocus(), timeout=WAIT)  # back where it is missing
    qtbot.keyClicks(for_ben.boxes["lived_experience"], "Ben says home is calmer since dad moved out.")
    qtbot.keyClicks(for_ben.boxes["domestic_abuse"], "No incidents reported since the safety plan.")
    qtbot.keyClicks(for_ben.decisions, "Step down to child in need at review if calm holds.")
    dialog._accept()

    qtbot.waitUntil(lambda: "signed by Jo Reed, supervisor" in tab.records.item(0).text(), timeout=WAIT)
    shown = tab.records.item(0).text()
    assert "The child's lived experience: Ada says the den" in shown and "Ask the school about transport" in shown
    qtbot.waitUntil(
        lambda: any(t.startswith("Supervision record: \u2713 Up to date") for t in _texts(page.standards)),
        timeout=WAIT,
    )

    window.sync_now()
    qtbot.waitUntil(lambda: window.waiting_label.text() == "0 items waiting to sync", timeout=WAIT)
    worker.sync()
    (ada_record,) = worker_store.supervision.for_child(ada.id)
    (ben_record,) = worker_store.supervision.for_child(ben.id)
    assert ada_record.meeting == ben_record.meeting and ada_record.id != ben_record.id  # one meeting, two records
    assert ben_record.discussion.domestic_abuse.startswith("No incidents") and ben_record.author == "sup.demo"
    assert "Ask the school about transport" in [p.action for p in worker_store.children.get(ada.id).plan]


def test_the_worker_reads_a_signed_supervision_on_the_childs_page_and_cannot_record_one(qtbot, open_window, data_dir):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    store, today = session.store, date.today()
    seed(store, today)
    child_id = next(c.id for c in store.children.all() if c.name == "Ben Sample")
    record = Supervision(
        child_id=child_id,
        author="sup.demo",
        held_on=today - timedelta(days=3),
        attendees="Jo Reed, Sam Patel",
        discussion=Reflection(working_well="Ben's football club", lived_experience="Ben feels safer at home."),
        decisions="Keep the plan.",
        next_due=today + timedelta(days=39),
    )
    with store.transaction():  # as a sync brings it: signed by the supervisor, named in the people book
        store.apply_pulled([("supervision", record.id, 1, to_record(record))])
        store.people.remember([Person("sup.demo", "Jo Reed", "supervisor")])
    session.lock()

    window = open_window()
    unlock(qtbot, window)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None and p.supervision.view is not None)
    page.tabs.setCurrentWidget(page.supervision)
    first = page.supervision.records.item(0).text()
    assert "signed by Jo Reed, supervisor" in first and "What is working well: Ben's football club" in first
    assert not page.supervision.record_button.isVisible()  # a worker reads supervision; a supervisor records it
    (standard,) = [t for t in _texts(page.standards) if t.startswith("Supervision record")]
    assert "\u2713 Up to date" in standard and "oversight of a single visit does not count" in standard
