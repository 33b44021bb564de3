"""A draft started in error (the wrong child, Enter then Ctrl+N) is discarded with a reason from the editor."""

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from tests.ui.test_child_page import seeded
from wvisit.app.session import Session
from wvisit.ui.child_page import ChildPage
from wvisit.ui.visit_editor import VisitEditor


def test_a_draft_started_in_error_is_discarded_with_a_reason_and_leaves_the_childs_page(qtbot, open_window, data_dir):
    child_id = seeded(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.new_visit(child_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    visit_id = editor.visit_id
    type_text(qtbot, editor.fields["what_i_saw"].widget, "Typed on the wrong child")
    assert editor.discard_button.isVisible()

    qtbot.mouseClick(editor.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    editor.dialog._accept()  # no reason: refused, and said so
    assert editor.dialog.isVisible() and "Say why" in editor.dialog.banner.text()
    type_text(qtbot, editor.dialog.why, "Started on the wrong child")
    editor.dialog._accept()

    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert visit_id not in [v.id for v in page.view.visits]
    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)  # kept, with what was typed and why it was discarded
    assert kept.is_discarded and kept.discarded_why == "Started on the wrong child"
    assert kept.what_i_saw == "Typed on the wrong child"
    session.lock()
