"""Ctrl+F finds children by name as well as visits by their words: typing part of a name lists the child
first, and Enter on them opens their page. Real widgets, a real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.domain import LegalStatus
from wvisit.ui.child_page import ChildPage
from wvisit.ui.search_page import SearchPage
from wvisit.ui.visit_editor import VisitEditor


def test_ctrl_f_finds_a_child_by_name_and_opens_their_page(qtbot, open_window, data_dir):
    # Recorded before the window opens: written from here after unlock, it would race the window's
    # store lane (the search index, My tasks) on the same connection.
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    ada = make_child(session.store, "Ada Example", LegalStatus.CLA)
    make_child(session.store, "Ben Sample", LegalStatus.CP)
    visit = complete_visit(session.store, ada, what_i_saw="Ada showed me her Lego castle.")
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    search = wait_for_page(qtbot, window, SearchPage)
    qtbot.keyClicks(search.query, "ada ex")
    # Typing restarts the search: a result for the first letters ("a": both children) may show first.
    qtbot.waitUntil(lambda: search.count.text().startswith("1 child, "), timeout=WAIT)
    assert search.results.item(0).text().startswith("Ada Example \u2014 Child in care")
    assert not any("Ben" in search.results.item(n).text() for n in range(search.results.count()))

    search.query.clear()
    qtbot.keyClicks(search.query, "lego")  # words from a visit: the visit, and no child
    qtbot.waitUntil(lambda: search.count.text() == "1 visit found", timeout=WAIT)
    assert search.results.item(0).data(Qt.ItemDataRole.UserRole) == visit.id

    search.query.clear()
    qtbot.keyClicks(search.query, "sam")
    qtbot.waitUntil(lambda: search.results.count() == 1 and "Ben Sample" in search.results.item(0).text(), timeout=WAIT)
    qtbot.keyClick(search.query, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.results.hasFocus(), timeout=WAIT)
    search.results.setCurrentRow(0)
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert page.view.child.name == "Ben Sample"

    window.go("search", "")
    search = wait_for_page(qtbot, window, SearchPage)
    qtbot.keyClicks(search.query, "castle")
    qtbot.waitUntil(lambda: search.results.count() == 1, timeout=WAIT)
    search.results.setCurrentRow(0)
    qtbot.keyClick(search.results, Qt.Key.Key_Return)
    wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None and e.visit.id == visit.id)
