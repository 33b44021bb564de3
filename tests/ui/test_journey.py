"""A worker's whole visit, through real widgets: first run to a finalised, corrected, searchable record."""

import gc
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, caseload_loaded, confirm_finalise, needed, type_text, unlock, wait_for_page
from wvisit import config, logs
from wvisit.app.session import Session
from wvisit.demo import seed
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_dialog import ChildDialog
from wvisit.ui.child_page import ChildPage
from wvisit.ui.lock_screen import LockScreen
from wvisit.ui.search_page import SearchPage
from wvisit.ui.tasks_page import TasksPage
from wvisit.ui.visit_editor import VisitEditor

TYPED = {
    "present": "Ada, foster carer Jo, me",
    "what_i_saw": "Ada showed me her room. Posters of \U0001f984 unicorns; "
    "\u05e9\u05dc\u05d5\u05dd on a card from her cousin.",
    "parents_views": "Jo says bedtimes are easier since the summer.",
    "analysis": "Working well: settled. Worried about: school transport. Next: ask the school.",
}


def fill_child_dialog(qtbot, window, name="Ada Example"):
    qtbot.waitUntil(lambda: isinstance(window.dialog, ChildDialog) and window.dialog.isVisible(), timeout=WAIT)
    dialog = window.dialog
    qtbot.keyClicks(dialog.name, name)
    qtbot.keyClicks(dialog.dob.edit, "04/03/2016")
    dialog.status.setCurrentIndex(2)  # Child in care
    qtbot.keyClicks(dialog.summary, "Lives with foster carers since June.")
    dialog._accept()


def test_first_run_to_finalised_record_surviving_a_crash(qtbot, open_window, data_dir, tmp_path):
    log_file = logs.setup(tmp_path / "logs", "DEBUG")  # as the app does at start, at its most talkative
    window = open_window(closed_cleanly=False)
    assert isinstance(window.page, LockScreen)
    assert window.lock_screen.confirm.isVisibleTo(window.lock_screen)  # first run: choose a passcode
    window.lock_screen.passcode.setText(PASSCODE)
    window.lock_screen.confirm.setText(PASSCODE + "x")
    window.lock_screen.submit()
    assert "not the same" in window.lock_screen.banner.text()
    unlock(qtbot, window)
    wait_for_page(qtbot, window, TasksPage)  # home: My tasks

    window.actions_["add_child"].trigger()
    fill_child_dialog(qtbot, window)
    child_page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert child_page.heading.text() == "Ada Example"
    qtbot.mouseClick(child_page.new_button, Qt.MouseButton.LeftButton)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    visit_id = editor.visit_id

    for name, text in TYPED.items():
        box = editor.fields[name].widget
        type_text(qtbot, box, text)
        assert box.toPlainText() == text
    assert editor.save_mark.text() == "Draft \u00b7 not saved yet"
    qtbot.waitUntil(lambda: editor.save_mark.text().startswith("Draft \u00b7 saved"), timeout=WAIT)  # autosave

    # The laptop dies: the window goes without a clean close, no lock, no final save.
    window.ops.wait()  # a dead laptop runs nothing more: what the store lane had queued ends first
    window.deleteLater()
    qtbot.wait(10)
    gc.collect()  # the dead window's Python side goes now, not at a random moment of the next one

    window = open_window()
    assert not window.lock_screen.confirm.isVisibleTo(window.lock_screen)
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    for name, text in TYPED.items():
        assert editor.fields[name].read() == text

    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(needed(editor)), timeout=WAIT)
    assert needed(editor)[0] == "Where the visit took place"  # named first, in template order
    assert "Whether the child was seen" in needed(editor) and editor.visit.is_final is False
    editor.needed.setCurrentRow(0)
    qtbot.keyClick(editor.needed, Qt.Key.Key_Return)  # Enter on one goes to its field
    assert QApplication.focusWidget() is editor.fields["location"].widget

    editor.fields["location"].widget.setCurrentIndex(1)  # Home
    editor.fields["child_seen"].widget.yes.click()
    assert "Whether the child was seen" not in needed(editor)  # the list follows what is typed
    editor.fields["seen_alone"].widget.yes.click()
    editor.fields["bedroom_seen"].widget.no.click()
    qtbot.keyClicks(editor.fields["bedroom_not_seen_reason"].widget, "Ada did not want me upstairs today.")
    next_visit = editor.fields["next_visit"].widget.date  # offered from the policy: the worker types their own
    next_visit.edit.selectAll()
    qtbot.keyClicks(next_visit.edit, "+28")
    qtbot.keyClick(editor, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    qtbot.keyClicks(editor.dialog.words, "I want to stay here till I'm big")
    editor.dialog._accept()
    qtbot.waitUntil(lambda: "stay here" in editor.voice_list.item(0).text(), timeout=WAIT)

    confirm_finalise(qtbot, editor)
    assert editor.fields["what_i_saw"].widget.isReadOnly()
    assert not editor.finalise_button.isVisible() and editor.addendum_button.isVisible()

    qtbot.mouseClick(editor.addendum_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    qtbot.keyClicks(editor.dialog.why, "Carer's name was incomplete")
    qtbot.keyClicks(editor.dialog.text, "The carer is Jo Example.")
    editor.dialog._accept()
    qtbot.waitUntil(lambda: "Jo Example" in editor.addenda_list.item(0).text(), timeout=WAIT)

    window.actions_["search"].trigger()
    search = wait_for_page(qtbot, window, SearchPage)
    qtbot.keyClicks(search.query, "unicorns")
    qtbot.waitUntil(lambda: search.results.count() == 1, timeout=WAIT)
    assert search.results.item(0).data(Qt.ItemDataRole.UserRole) == visit_id
    search.query.clear()
    qtbot.keyClicks(search.query, "Jo Example")  # words from the addendum
    qtbot.waitUntil(lambda: search.count.text() == "1 visit found", timeout=WAIT)

    # Nothing the worker typed is in a log line or in a raw byte of the files on disk.
    window.lock()
    assert "unlocked" in log_file.read_text()
    typed = [
        "Ada Example",
        "unicorns",
        "bedtimes",
        "school transport",
        "stay here till",
        "upstairs today",
        "Jo Example",
    ]
    for path in [*(tmp_path / "logs").iterdir(), *data_dir.iterdir()]:
        raw = path.read_bytes()
        assert not [word for word in typed if word.encode() in raw], path.name


def test_caseload_shows_overdue_children_first_and_filters(qtbot, open_window, data_dir):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    seed(session.store, date.today())
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    wait_for_page(qtbot, window, TasksPage)
    window.actions_["caseload"].trigger()
    page = wait_for_page(qtbot, window, CaseloadPage, caseload_loaded)
    first = page.proxy.index(0, 4).data()
    assert first.startswith("Overdue by")
    qtbot.keyClicks(page.filter, "care leaver")
    qtbot.waitUntil(lambda: page.proxy.rowCount() == 1, timeout=WAIT)
    assert page.proxy.index(0, 0).data() == "Dev Placeholder"
