"""A worker edits a child's page opened before a sync brought a newer summary: nothing is overwritten;
both texts are shown side by side, and what the worker merges is saved."""

from tests.conftest import make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit.ui.child_dialog import ChildDialog
from wvisit.ui.child_page import ChildPage
from wvisit.ui.merge_dialog import MergeDialog


def test_a_stale_edit_shows_both_summaries_and_saves_the_merge(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    store = window.session.store
    done = []
    window.ops.run(window, lambda: make_child(store, "Ada Example"), done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=WAIT)
    child_id = done[0].id
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    page.edit_button.click()
    qtbot.waitUntil(lambda: isinstance(window.dialog, ChildDialog) and window.dialog.isVisible(), timeout=WAIT)
    form = window.dialog

    def newer_from_a_sync():
        child, version = store.children.get_versioned(child_id)
        child.summary = "Ada moved school in May."
        child.address = "1 Example Road"
        return store.children.update(child, version)

    window.ops.run(window, newer_from_a_sync, done.append)
    qtbot.waitUntil(lambda: len(done) == 2, timeout=WAIT)

    form.summary.setPlainText("Ada is settled and has a best friend.")
    form._accept()
    qtbot.waitUntil(lambda: isinstance(window.dialog, MergeDialog) and window.dialog.isVisible(), timeout=WAIT)
    merge = window.dialog
    assert list(merge.mine) == ["summary"]  # only the text both changed is asked about
    theirs = merge.findChildren(type(merge.mine["summary"]))[0]
    assert theirs.toPlainText() == "Ada moved school in May." and theirs.isReadOnly()
    merge.mine["summary"].setPlainText("Ada moved school in May and has a best friend there.")
    merge._accept()

    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None and p.view.child_version == 3)
    assert page.view.child.summary == "Ada moved school in May and has a best friend there."
    assert page.view.child.address == "1 Example Road"  # the sync's other change was kept
