"""The actions agreed at a visit are rows - what, who, by when - kept as typed in the draft, named when
one is incomplete, and joining the child's plan when the visit is finalised."""

from datetime import date, timedelta

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, confirm_finalise, needed, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.ui.child_page import ChildPage
from wvisit.ui.models import nice_date
from wvisit.ui.visit_editor import VisitEditor


def a_complete_draft(data_dir) -> tuple[str, str]:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    session.lock()
    return child.id, visit.id


def test_actions_typed_as_rows_are_kept_checked_and_join_the_plan_on_finalise(qtbot, open_window, data_dir):
    child_id, visit_id = a_complete_draft(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    rows = editor.fields["agreed_actions"].widget
    qtbot.keyClicks(rows.rows[0].what, "Ask the school about transport")
    qtbot.keyClicks(rows.rows[0].who, "Sam Patel")
    rows.rows[0].when.set_value(None)
    qtbot.keyClicks(rows.rows[0].when.edit, "+5")
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(rows.rows[1].what, "Book the dentist")
    rows.rows[1].who.clear()
    qtbot.waitUntil(lambda: editor.save_mark.text().startswith("Draft \u00b7 saved"), timeout=WAIT)  # autosave

    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Action 2: who will do it" in needed(editor), timeout=WAIT)
    assert not editor.visit.is_final
    qtbot.keyClicks(rows.rows[1].who, "Jo Example")
    qtbot.waitUntil(lambda: "Action 2: who will do it" not in needed(editor), timeout=WAIT)

    window.go("caseload", "")  # leave and come back: the rows are read from the saved draft
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    rows = editor.fields["agreed_actions"].widget
    assert [(r.what.text(), r.who.text()) for r in rows.rows] == [
        ("Ask the school about transport", "Sam Patel"),
        ("Book the dentist", "Jo Example"),
    ]
    confirm_finalise(qtbot, editor)
    assert not rows.add_button.isVisible() and rows.rows[0].what.isReadOnly()

    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    plan = [page.plan.item(i).text() for i in range(page.plan.count())]
    due = nice_date(date.today() + timedelta(days=5))
    assert f"Ask the school about transport \u2014 Sam Patel, by {due}" in plan
    assert any(line.startswith("Book the dentist \u2014 Jo Example") for line in plan)
