"""The child's words from direct work, in the visit editor: shown as their voice with the tool as
context, quoted with one click, and enough to finalise. Real widgets on a real store."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.conftest import PASSCODE, complete_fields, make_child
from tests.ui.conftest import WAIT, confirm_finalise, unlock, wait_for_page
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.domain import Sitting
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.ui.visit_editor import VisitEditor


def a_visit_with_houses(data_dir) -> str:
    """A complete draft whose only words from the child are in Three Houses (no quote added yet)."""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = session.store.visits.new_draft(child.id, **complete_fields())
    houses = ThreeHouses(worries=House("When the shouting starts"), dreams=House("A puppy"), magic=True)
    tool = tools.get("three_houses")
    session.store.sittings.save(Sitting(visit.id, child.id, "three_houses", tool.save(houses), tool.summarise(houses)))
    session.lock()
    return visit.id


def test_one_click_quotes_a_tool_answer_and_the_visit_finalises(qtbot, open_window, data_dir):
    visit_id = a_visit_with_houses(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.waitUntil(lambda: len(editor.heard_words.rows) == 2, timeout=WAIT)
    lines = [label.text() for label, _ in editor.heard_words.rows]
    assert lines[0] == "\u201cWhen the shouting starts\u201d \u2014 wrote, from Three Houses, house of worries"
    qtbot.waitUntil(editor.heard_words.isVisible, timeout=WAIT)  # once the window shows the editor

    _, quote = editor.heard_words.rows[0]
    qtbot.waitUntil(lambda: quote.height() > 0, timeout=WAIT)  # laid out, so a click lands on it
    qtbot.mouseClick(quote, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "When the shouting starts" in editor.voice_list.item(0).text(), timeout=WAIT)
    assert "from Three Houses, house of worries" in editor.voice_list.item(0).text()
    qtbot.waitUntil(lambda: editor.heard_words.rows[0][1] is None, timeout=WAIT)  # now "Quoted", no button
    assert editor.heard_words.rows[1][1] is not None

    confirm_finalise(qtbot, editor)


def test_words_in_a_tool_alone_are_the_childs_voice_for_finalising(qtbot, open_window, data_dir):
    visit_id = a_visit_with_houses(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.waitUntil(lambda: len(editor.heard_words.rows) == 2, timeout=WAIT)
    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    said = " ".join(label.text() for label in editor.dialog.findChildren(QLabel))
    assert "the child's words (2)" in said  # the two they wrote in the houses
    qtbot.keyClick(editor.dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.visit.is_final, timeout=WAIT)
    qtbot.waitUntil(lambda: all(button is None for _, button in editor.heard_words.rows), timeout=WAIT)
