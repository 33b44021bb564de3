"""The body map through the real visit editor: click the outline, say what was seen; a mark without what
it looks like is refused and kept; on a child protection case saving says "Tell your manager today" and
My tasks lists it. Real widgets, a real store."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, texts, type_text, unlock, wait_for_page
from tests.ui.test_tasks_page import task_rows
from wvisit import config, tools
from wvisit.app.body_map import TELL_MANAGER
from wvisit.app.session import Session
from wvisit.domain import LegalStatus
from wvisit.ui.picture_dialog import not_saved
from wvisit.ui.tasks_page import TasksPage
from wvisit.ui.visit_editor import VisitEditor


def a_visit(data_dir, status: LegalStatus) -> str:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    visit = complete_visit(session.store, make_child(session.store, status=status))
    session.lock()
    return visit.id


def open_body_map(qtbot, open_window, data_dir, status: LegalStatus):
    visit_id = a_visit(data_dir, status)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.waitUntil(editor.body_map_button.isVisible, timeout=WAIT)  # on a draft, for the worker
    editor.body_map_button.click()
    qtbot.waitUntil(lambda: editor.body_map is not None and editor.body_map.dialog.isVisible(), timeout=WAIT)
    return window, editor, editor.body_map.dialog


def mark_the_front_arm(qtbot, dialog) -> None:
    spot = dialog.outline.point_of("front", 250, 300).toPoint()
    qtbot.mouseClick(dialog.outline, Qt.MouseButton.LeftButton, pos=QPoint(spot.x(), spot.y()))


def save(dialog) -> None:
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()


def test_a_body_map_on_a_child_protection_case_says_tell_your_manager_and_is_in_my_tasks(qtbot, open_window, data_dir):
    window, editor, dialog = open_body_map(qtbot, open_window, data_dir, LegalStatus.CP)
    mark_the_front_arm(qtbot, dialog)
    assert dialog.marks.count() == 1 and dialog.marks.item(0).text().startswith("1. Front")
    save(dialog)  # nothing said about the mark yet: refused, nothing lost
    assert dialog.isVisible() and "Mark 1 needs what it looks like." in dialog.banner.text()
    type_text(qtbot, dialog.note_box, "Bruise, yellow-green")
    type_text(qtbot, dialog.size_box, "about 2 cm")
    type_text(qtbot, dialog.explained_box, "Mum said he fell off his bike")
    save(dialog)

    recording = editor.body_map
    qtbot.waitUntil(lambda: recording.tell_manager is not None and recording.tell_manager.isVisible(), timeout=WAIT)
    assert recording.tell_manager.windowTitle() == "Tell your manager today"
    assert "My tasks" in recording.tell_manager.text()
    qtbot.waitUntil(lambda: any("Body map: 1. Front: Bruise" in t for t in texts(editor.tools_list)), timeout=WAIT)
    (sitting,) = editor._sittings
    mark = tools.get("body_map").load(sitting.result).marks[0]
    assert (mark.side, mark.note, mark.size) == ("front", "Bruise, yellow-green", "about 2 cm")
    assert abs(mark.x - 250) <= 5 and abs(mark.y - 300) <= 5  # where it was clicked
    recording.tell_manager.accept()

    window.go("tasks", "")
    page = wait_for_page(qtbot, window, TasksPage, lambda p: any(TELL_MANAGER in words for _, words in task_rows(p)))
    (heading,) = [heading for heading, words in task_rows(page) if TELL_MANAGER in words]
    assert heading.startswith("This week")


def test_on_a_child_in_need_case_it_is_saved_without_the_message_and_reopens_with_its_marks(
    qtbot, open_window, data_dir
):
    _, editor, dialog = open_body_map(qtbot, open_window, data_dir, LegalStatus.CIN)
    mark_the_front_arm(qtbot, dialog)
    type_text(qtbot, dialog.note_box, "Scratch")
    type_text(qtbot, dialog.size_box, "3 cm")
    save(dialog)
    qtbot.waitUntil(lambda: any("Body map: 1. Front: Scratch" in t for t in texts(editor.tools_list)), timeout=WAIT)
    assert editor.body_map.tell_manager is None

    editor.body_map_button.click()  # the same body map, to add a mark on the back
    qtbot.waitUntil(lambda: editor.body_map.dialog.isVisible(), timeout=WAIT)
    again = editor.body_map.dialog
    assert again.marks.count() == 1 and again.note_box.text() == "Scratch"
    spot = again.outline.point_of("back", 500, 700).toPoint()
    qtbot.mouseClick(again.outline, Qt.MouseButton.LeftButton, pos=spot)
    type_text(qtbot, again.note_box, "Red mark")
    type_text(qtbot, again.size_box, "1 cm")
    save(again)
    qtbot.waitUntil(lambda: any("2. Back: Red mark" in t for t in texts(editor.tools_list)), timeout=WAIT)
    assert len(editor._sittings) == 1 and editor.tools_list.count() == 1  # one body map for the visit
    marks = tools.get("body_map").load(editor._sittings[0].result).marks
    assert [(m.side, m.note, m.size) for m in marks] == [("front", "Scratch", "3 cm"), ("back", "Red mark", "1 cm")]


def test_the_body_map_is_never_handed_to_the_child(qtbot):
    """Not among the tools for child mode, nor among earlier work a child may carry on with."""
    from wvisit.domain import Sitting
    from wvisit.tools.body_map import BodyMap, Mark
    from wvisit.tools.drawing import Drawing, Stroke
    from wvisit.ui.dialogs import ToolChooser

    body = Sitting("v0", "c", "body_map", tools.get("body_map").save(BodyMap([Mark(note="Bruise", size="2 cm")])))
    drawn = Sitting("v0", "c", "drawing", tools.get("drawing").save(Drawing([Stroke(points=[1, 2])])))
    chooser = ToolChooser(None, [body, drawn])
    qtbot.addWidget(chooser)
    offered = [chooser.choice.item(n).data(Qt.ItemDataRole.UserRole) for n in range(chooser.choice.count())]
    assert "body_map" not in offered and {"safety_house", "all_about_me"} <= set(offered)
    carried = [chooser.earlier.item(n).data(Qt.ItemDataRole.UserRole) for n in range(chooser.earlier.count())]
    assert carried == [drawn.id]


def test_marks_are_not_lost_to_escape_or_enter(qtbot, open_window, data_dir):
    """As in the genogram: Enter in a box moves on to the next (it used to press Save, closing a mark
    half described); the first Escape with marks not saved says so, the second closes and nothing is saved."""
    window, editor, dialog = open_body_map(qtbot, open_window, data_dir, LegalStatus.CIN)
    mark_the_front_arm(qtbot, dialog)
    type_text(qtbot, dialog.note_box, "Bruise")
    qtbot.keyClick(dialog.note_box, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.focusWidget() is dialog.size_box
    assert not dialog.banner.isVisible()  # not refused: not saved at all

    qtbot.keyClick(dialog.size_box, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.banner.text() == not_saved("the body map")
    assert dialog.marks.count() == 1 and dialog.note_box.text() == "Bruise"  # nothing lost
    qtbot.keyClick(dialog.size_box, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=WAIT)
    window.ops.wait()
    assert editor._sittings == []


def test_marks_are_placed_from_the_keyboard_and_a_removal_is_undone(qtbot, open_window, data_dir):
    """A worker without a mouse (or a screen reader user) had no way to put a mark on the outline."""
    _, _, dialog = open_body_map(qtbot, open_window, data_dir, LegalStatus.CIN)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=WAIT)
    assert dialog.focusWidget() is dialog.outline  # the first stop: arrows aim, Enter marks
    for _ in range(4):
        qtbot.keyClick(dialog.outline, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.outline, Qt.Key.Key_Return)
    assert dialog.marks.count() == 1 and dialog.focusWidget() is dialog.note_box
    type_text(qtbot, dialog.note_box, "Bruise")
    qtbot.keyClick(dialog.note_box, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.size_box, "2 cm")
    for _ in range(6):  # past the front's right edge: onto the back
        qtbot.keyClick(dialog.outline, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(dialog.outline, Qt.Key.Key_Space)
    assert [(m.side, m.x, m.y) for m in dialog.body.marks] == [("front", 500, 400), ("back", 0, 400)]
    assert "back" in dialog.outline.accessibleDescription()

    dialog.pick(0)
    qtbot.keyClick(dialog.marks, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.marks.count() == 1, timeout=WAIT)
    assert dialog.banner.text() == "Removed mark 1. Press Ctrl+Z to bring it back."
    qtbot.keyClick(dialog.marks, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dialog.marks.count() == 2 and dialog.marks.currentRow() == 0
    assert (dialog.note_box.text(), dialog.size_box.text()) == ("Bruise", "2 cm")
