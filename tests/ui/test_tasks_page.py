"""My tasks: the worker's home after unlock, a count on the toolbar, each task opening where it is
done; and management oversight's actions typed as rows (what, who, by when) that join the plan."""

from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSCODE, complete_visit
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app import children, visits
from wvisit.app.session import Session
from wvisit.domain import Child, LegalStatus, Outcome, Oversight, PlanItem
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_page import ChildPage
from wvisit.ui.dialogs import OversightDialog
from wvisit.ui.tasks_page import TasksPage
from wvisit.ui.visit_editor import VisitEditor

TODAY = date.today()
CTRL = Qt.KeyboardModifier.ControlModifier


def focused():
    return QApplication.focusWidget()


def seeded(data_dir, role: str | None = None) -> dict[str, str]:
    """Kai never visited (a visit due today), a draft of Ada's, an addendum asked for on Ada's
    finalised visit, and a plan action of Ada's overdue."""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    store = session.store
    ada = store.children.add(Child("Ada Example", date(2016, 3, 4), LegalStatus.CIN))
    kai = store.children.add(Child("Kai Example", date(2014, 7, 1), LegalStatus.CIN))
    done = store.visits.finalise(complete_visit(store, ada).id)
    note = Oversight(done.id, ada.id, "sup.test", "The record.", "More on school.", Outcome.ADDENDUM_REQUESTED)
    visits.add_oversight(store, note)
    draft = visits.start(store, ada.id, datetime.now(UTC))
    late = PlanItem("Book the family meeting", "Sam Patel", TODAY - timedelta(days=2))
    store.children.amend(ada.id, children.add_plan_item(late))
    if role:
        with store.transaction():
            store.sync_state.set("role", role)
    session.lock()
    return {"ada": ada.id, "kai": kai.id, "draft": draft.id, "done": done.id}


def task_rows(page: TasksPage) -> list[tuple[str, str]]:
    """(group heading, task's words) as the worker reads them, top to bottom."""
    rows = []
    for n in range(page.tree.topLevelItemCount()):
        heading = page.tree.topLevelItem(n)
        rows += [(heading.text(0), heading.child(c).text(1)) for c in range(heading.childCount())]
    return rows


def select(qtbot, page: TasksPage, words: str) -> None:
    """Arrow down to the task, as a worker would."""
    page.tree.setFocus()
    for _ in range(20):
        item = page.tree.currentItem()
        if item is not None and words in item.text(1):
            return
        qtbot.keyClick(page.tree, Qt.Key.Key_Down)
    raise AssertionError(f"no task with {words!r}")


def test_unlock_opens_my_tasks_overdue_first_and_enter_opens_each_one(qtbot, open_window, data_dir):
    ids = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.tree.topLevelItemCount() > 0)
    rows = task_rows(page)
    assert rows[0] == ("Overdue (1)", "Book the family meeting")
    assert rows[1][0] == "Asked in management oversight (1)" and "Add the addendum" in rows[1][1]
    assert ("This week (1)", "Visit due") in rows
    assert rows[-1][0] == "Drafts to finish (1)"
    qtbot.waitUntil(lambda: window.actions_["tasks"].text() == "My tasks (4)", timeout=WAIT)

    select(qtbot, page, "Add the addendum")
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.visit.id == ids["done"] and editor.addendum_button.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)  # back home
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.tree.topLevelItemCount() > 0)
    select(qtbot, page, "Finish and finalise")
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.visit.id == ids["draft"] and editor.finalise_button.isVisible()

    qtbot.keyClick(window, Qt.Key.Key_1, CTRL)
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.tree.topLevelItemCount() > 0)
    select(qtbot, page, "Visit due")
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    child = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert child.heading.text() == "Kai Example"

    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)  # the caseload, one shortcut away
    wait_for_page(qtbot, window, CaseloadPage)


def test_an_action_marked_done_leaves_the_list_and_the_count(qtbot, open_window, data_dir):
    ids = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.tree.topLevelItemCount() > 0)
    qtbot.waitUntil(lambda: window.actions_["tasks"].text() == "My tasks (4)", timeout=WAIT)
    select(qtbot, page, "Book the family meeting")
    assert page.done_button.isEnabled()
    qtbot.keyClick(page.tree, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)  # "Mark action done"
    qtbot.waitUntil(lambda: "Book the family meeting" not in [words for _, words in task_rows(page)], timeout=WAIT)
    qtbot.waitUntil(lambda: window.actions_["tasks"].text() == "My tasks (3)", timeout=WAIT)
    assert not task_rows(page)[0][0].startswith("Overdue")

    window.go("child", ids["ada"])
    child = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    plan = [child.plan.item(n).text() for n in range(child.plan.count())]
    assert any("Book the family meeting" in line and line.startswith("\u2713") for line in plan)


def test_nothing_to_do_says_so(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)  # first run: no children, nothing due
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.empty.isVisible())
    assert "Nothing needs you right now" in page.empty.text() and not page.tree.isVisible()
    assert window.actions_["tasks"].text() == "My tasks"


def test_oversight_actions_are_typed_as_rows_and_join_the_childs_plan(qtbot, open_window, data_dir):
    ids = seeded(data_dir, role="supervisor")
    window = open_window()
    unlock(qtbot, window)
    page = wait_for_page(qtbot, window, TasksPage, lambda p: p.tree.topLevelItemCount() > 0)
    assert [group for group, _ in task_rows(page)] == ["Drafts to finish (1)"]  # visits and actions are the workers'
    qtbot.waitUntil(lambda: window.role == "supervisor", timeout=WAIT)
    window.go("visit", ids["done"])
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.waitUntil(lambda: editor.oversight_button.isVisible(), timeout=WAIT)
    qtbot.mouseClick(editor.oversight_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(editor.dialog, OversightDialog) and editor.dialog.isVisible(), timeout=WAIT)
    dialog = editor.dialog
    qtbot.waitUntil(lambda: focused() is dialog.considered, timeout=WAIT)
    qtbot.keyClicks(focused(), "The record and the addendum.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Signed off; the school question is answered.")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    first = dialog.action_rows.rows[0]
    assert focused() is first.what  # Tab reaches the first action's "what"
    qtbot.keyClicks(focused(), "Ask the school about transport")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is first.who
    qtbot.keyClicks(focused(), "Sam Patel")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is first.when.edit
    qtbot.keyClicks(focused(), "+5")  # in five days
    assert first.when.value() == TODAY + timedelta(days=5)

    qtbot.keyClick(dialog, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # "Add another action"
    qtbot.waitUntil(
        lambda: len(dialog.action_rows.rows) == 2 and focused() is dialog.action_rows.rows[1].what, timeout=WAIT
    )
    qtbot.keyClicks(focused(), "Book the review meeting")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    focused().clear()  # no one named: refused by number
    dialog._accept()
    assert dialog.isVisible() and dialog.banner.text() == "Action 2 needs who will do it."
    assert focused() is dialog.action_rows.rows[1].who
    qtbot.keyClicks(focused(), "Jo Reed")
    dialog.sign_off.setChecked(True)  # "Sign the visit off": chosen, never preset
    dialog._accept()

    qtbot.waitUntil(lambda: editor.oversight_list.count() == 2, timeout=WAIT)
    signed = editor.oversight_list.item(1).text()
    assert "signed off" in signed and "Ask the school about transport" in signed
    window.go("child", ids["ada"])
    child = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    plan = " ".join(child.plan.item(n).text() for n in range(child.plan.count()))
    assert "Ask the school about transport" in plan and "Book the review meeting" in plan


def test_each_new_action_is_the_workers_until_changed(qtbot):
    dialog = OversightDialog(None, worker="Sam Patel")
    qtbot.addWidget(dialog)
    assert dialog.action_rows.rows[0].who.text() == "Sam Patel"
    qtbot.mouseClick(dialog.action_rows.add_button, Qt.MouseButton.LeftButton)
    assert dialog.action_rows.rows[1].who.text() == "Sam Patel"
    assert dialog.action_rows.rows[1].when.value() == TODAY + timedelta(days=7)
    qtbot.mouseClick(dialog.action_rows.rows[1].remove, Qt.MouseButton.LeftButton)
    assert len(dialog.action_rows.rows) == 1
    assert dialog.action_rows.plan_items() == []  # a row without "what" is no action
