"""The core flow works from the keyboard alone: unlock, add a child, record a visit, search, open it."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_page import ChildPage
from wvisit.ui.search_page import SearchPage
from wvisit.ui.tasks_page import TasksPage
from wvisit.ui.visit_editor import VisitEditor

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def focused():
    return QApplication.focusWidget()


def keys(qtbot, text: str = "", key=None, modifier=Qt.KeyboardModifier.NoModifier):
    if text:
        qtbot.keyClicks(focused(), text)
    if key is not None:
        qtbot.keyClick(focused(), key, modifier)


def test_core_flow_by_keyboard_only(qtbot, open_window):
    window = open_window()
    qtbot.waitUntil(lambda: focused() is window.lock_screen.passcode, timeout=WAIT)
    keys(qtbot, PASSCODE, Qt.Key.Key_Return)  # Enter moves to "passcode again"
    keys(qtbot, PASSCODE, Qt.Key.Key_Return)
    wait_for_page(qtbot, window, TasksPage)  # home: My tasks
    keys(qtbot, key=Qt.Key.Key_2, modifier=CTRL)  # My children
    wait_for_page(qtbot, window, CaseloadPage)

    keys(qtbot, key=Qt.Key.Key_A, modifier=CTRL | SHIFT)  # Add a child
    qtbot.waitUntil(lambda: window.dialog is not None and focused() is window.dialog.name, timeout=WAIT)
    keys(qtbot, "Kai Example", Qt.Key.Key_Tab)
    assert focused() is window.dialog.dob.edit
    keys(qtbot, "04032016", Qt.Key.Key_Return)  # the date of birth typed as digits; Enter saves
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert page.heading.text() == "Kai Example"

    keys(qtbot, key=Qt.Key.Key_N, modifier=CTRL)  # New visit
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    first = next(iter(editor.fields.values())).widget
    target = editor.fields["present"].widget
    # The new visit opens with the form's first field; Qt shows the rest of the form on its next pass.
    qtbot.waitUntil(lambda: focused() is first and target.isVisible(), timeout=WAIT)
    for _ in range(10):  # Tab down the form to "who was there"
        if focused() is target:
            break
        keys(qtbot, key=Qt.Key.Key_Tab)
    assert focused() is target
    keys(qtbot, "Kai and his dad")
    keys(qtbot, key=Qt.Key.Key_W, modifier=CTRL | SHIFT)  # in their words
    qtbot.waitUntil(lambda: editor.dialog is not None and focused() is editor.dialog.words, timeout=WAIT)
    keys(qtbot, "Dad makes the best pancakes")
    keys(qtbot, key=Qt.Key.Key_Tab)  # to "how"
    keys(qtbot, key=Qt.Key.Key_Tab)  # to "context"
    keys(qtbot, "breakfast", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "pancakes" in editor.voice_list.item(0).text(), timeout=WAIT)
    keys(qtbot, key=Qt.Key.Key_S, modifier=CTRL)
    qtbot.waitUntil(lambda: editor.save_mark.text().startswith("Draft \u00b7 saved"), timeout=WAIT)

    keys(qtbot, key=Qt.Key.Key_F, modifier=CTRL)
    search = wait_for_page(qtbot, window, SearchPage)
    qtbot.waitUntil(lambda: focused() is search.query, timeout=WAIT)
    keys(qtbot, "pancakes", Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: search.results.count() == 1 and focused() is search.results, timeout=WAIT)
    search.results.setCurrentRow(0)
    keys(qtbot, key=Qt.Key.Key_Return)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.fields["present"].read() == "Kai and his dad"


def test_every_input_has_an_accessible_name(qtbot, open_window):
    window = open_window()
    unlock(qtbot, window)
    window.actions_["add_child"].trigger()
    qtbot.waitUntil(lambda: window.dialog is not None, timeout=WAIT)
    inputs = [
        w for kind in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractSpinBox) for w in window.dialog.findChildren(kind)
    ]
    inputs = [
        w for w in inputs if w.isVisibleTo(window.dialog) and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
    ]
    assert inputs and all(w.accessibleName() for w in inputs), [
        type(w).__name__ for w in inputs if not w.accessibleName()
    ]
