"""Screens for every worker: large text fits a 1366x768 laptop, keyboard focus is plain to see in light and
dark palettes, radio buttons show in dark mode, and F1 lists every shortcut the window has. Real widgets."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton, QScrollArea, QWidget
from pytestqt.exceptions import TimeoutError

from tests.conftest import complete_visit, make_child
from tests.ui.conftest import WAIT, caseload_loaded, on_store_lane, unlock, wait_for_page
from tests.ui.test_child_mode import leave
from wvisit import tools
from wvisit.ui.caseload import CaseloadPage
from wvisit.ui.child_page import ChildPage
from wvisit.ui.look import RING, dark_palette
from wvisit.ui.shortcuts_sheet import ShortcutsSheet
from wvisit.ui.visit_editor import VisitEditor

LAPTOP = (1366, 768)


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    before = qapp.palette()
    if request.param == "dark":
        qapp.setPalette(dark_palette())
    yield request.param
    qapp.setPalette(before)


@pytest.fixture
def large_text(qapp):
    """1.6x the system's text size, as a worker who needs larger text sets it."""
    before = qapp.font()
    bigger = qapp.font()
    bigger.setPointSizeF(before.pointSizeF() * 1.6)
    qapp.setFont(bigger)
    yield
    qapp.setFont(before)


def near(colour: QColor, other: QColor, within: int = 60) -> bool:
    return sum(abs(a - b) for a, b in zip(colour.getRgb()[:3], other.getRgb()[:3], strict=True)) < within


def coloured(widget: QWidget, colour: QColor) -> int:
    image = widget.grab().toImage()
    return sum(near(image.pixelColor(x, y), colour) for x in range(image.width()) for y in range(image.height()))


def fits(qtbot, widget: QWidget) -> None:
    """`widget` fits the laptop's width, and nothing in it scrolls sideways (a scroll area's content fits too)."""
    wide = {
        f"{type(w).__name__} {w.accessibleName()!r}": w.minimumSizeHint().width()
        for w in widget.findChildren(QWidget)
        if w.isVisibleTo(widget) and w.minimumSizeHint().width() > LAPTOP[0] - 40
    }
    with contextlib.suppress(TimeoutError):  # a replaced page's size is forgotten at the next layout pass
        qtbot.waitUntil(lambda: widget.minimumSizeHint().width() <= LAPTOP[0], timeout=3000)
    width = widget.minimumSizeHint().width()
    assert width <= LAPTOP[0], f"{type(widget).__name__} needs {width} px at 1.6x text: {wide}"
    for area in widget.findChildren(QScrollArea):
        if area.isVisibleTo(widget) and area.widget() is not None:
            inside = area.widget().minimumSizeHint().width()
            assert inside <= LAPTOP[0] - 60, f"{type(widget).__name__} scrolls sideways: {inside} px: {wide}"


def opened_visit(qtbot, open_window, session_store_maker=None):
    window = open_window()
    unlock(qtbot, window)
    child, visit = on_store_lane(qtbot, window, a_child_and_visit)
    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    return window, editor, child


def a_child_and_visit(store):
    child = make_child(store)
    return child, complete_visit(store, child)


def test_keyboard_focus_has_a_clear_ring_in_light_and_dark(qtbot, open_window, palette):
    window = open_window()
    field = window.lock_screen.passcode
    field.setFocus()
    qtbot.waitUntil(field.hasFocus, timeout=WAIT)
    ring = window.findChild(QWidget, "focus_ring")
    assert ring is not None and ring.isVisible() and ring.target is field
    assert ring.geometry().contains(field.geometry())  # round the field, not on it
    highlight = field.palette().color(QPalette.ColorRole.Highlight)
    window_colour = window.palette().color(QPalette.ColorRole.Window)
    assert not near(highlight, window_colour, 150)  # it stands out from the window behind it
    assert coloured(ring, highlight) >= 2 * (field.width() + field.height()) * (RING - 1)

    qtbot.keyClick(field, Qt.Key.Key_Tab)  # the ring follows the keyboard
    qtbot.waitUntil(lambda: QApplication.focusWidget() not in (field, None), timeout=WAIT)
    shown = [r for r in window.findChildren(QWidget, "focus_ring") if r.isVisible()]
    assert [r.target for r in shown] == [QApplication.focusWidget()]


def test_radio_buttons_show_in_a_dark_palette(qtbot, open_window, palette):
    _, editor, _ = opened_visit(qtbot, open_window)
    qtbot.waitUntil(lambda: any(r.isVisible() for r in editor.findChildren(QRadioButton)), timeout=WAIT)
    radio = next(r for r in editor.findChildren(QRadioButton) if r.isVisible())
    text = radio.palette().color(QPalette.ColorRole.Text)
    indicator = radio.grab().toImage().copy(0, 0, radio.height(), radio.height())
    ink = sum(
        near(indicator.pixelColor(x, y), text) for x in range(indicator.width()) for y in range(indicator.height())
    )
    assert ink >= 20  # the ring is drawn in the text colour, on either palette


def test_f1_lists_every_shortcut_the_window_has(qtbot, open_window):
    window, editor, _ = opened_visit(qtbot, open_window)
    window.activateWindow()  # a window's shortcuts work in the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=WAIT)
    qtbot.keyClick(editor, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: isinstance(window.dialog, ShortcutsSheet) and window.dialog.isVisible(), timeout=WAIT)
    sheet = window.dialog
    rows = {(sheet.table.item(r, 0).text(), sheet.table.item(r, 1).text()) for r in range(sheet.table.rowCount())}
    native = QKeySequence.SequenceFormat.NativeText
    for action in window.actions_.values():  # every toolbar action that works now is listed
        if action.isVisible() and action.isEnabled():
            assert (action.shortcut().toString(native), action.text().replace("&", "")) in rows
    assert ("Ctrl+Shift+W", "Add the child's words") in rows
    assert ("Ctrl+S", "Save the draft now") in rows
    assert ("Alt+F", "Finalise visit record") in rows  # a button's underlined letter
    assert ("F1", "Keyboard shortcuts") in rows
    assert not any("(Ctrl" in does for _, does in rows)  # the keys are in their own column, once
    qtbot.keyClick(sheet.table, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not sheet.isVisible(), timeout=WAIT)


def test_main_screens_fit_a_1366_laptop_at_large_text(qtbot, open_window, large_text):
    window = open_window()
    window.resize(*LAPTOP)
    lock = window.lock_screen
    fits(qtbot, window)
    for label in lock.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():  # the first-run passcode rules, shown whole
            assert label.height() >= label.heightForWidth(label.width())
    unlock(qtbot, window)
    child, visit = on_store_lane(qtbot, window, a_child_and_visit)
    window.go("caseload", "")
    fits(qtbot, wait_for_page(qtbot, window, CaseloadPage, caseload_loaded))
    window.go("child", child.id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        fits(qtbot, page)
    window.go("visit", visit.id)
    fits(qtbot, wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None))
    fits(qtbot, window)
    for key in (key for key, tool in tools.REGISTRY.items() if not tool.for_worker):  # the child's tools
        window.start_child_mode(visit.id, key, tools.get(key).save(tools.get(key).empty()))
        qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)
        mode = window.child_mode
        fits(qtbot, mode)
        assert mode.minimumSizeHint().height() <= LAPTOP[1]
        leave(qtbot, window, mode)
        qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
