"""A drawing, the three houses or an ecomap from an earlier visit can be carried on at a later visit: a new
sitting of the new visit that starts from a copy of the old one and names it; the old one is left as its
visit recorded it. Real widgets, a real store."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from tests.ui.test_child_mode import leave, saved, stroke
from wvisit import config, tools
from wvisit.app import visits
from wvisit.app.session import Session
from wvisit.domain import Sitting
from wvisit.errors import InvalidValue
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.feelings import Feelings
from wvisit.ui.dialogs import ToolChooser
from wvisit.ui.visit_editor import VisitEditor

OLD_STROKES = [Stroke("#1976d2", 24, [200, 700, 350, 500]), Stroke("#d32f2f", 10, [100, 100, 300, 300])]


def two_visits(data_dir) -> tuple[str, str, str]:
    """Last month's finalised visit with a drawing and a feelings check-in; today's draft."""
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    store = session.store
    child = make_child(store)
    before = complete_visit(store, child, started_at=datetime.now(UTC) - timedelta(days=30))
    drawing = Sitting(before.id, child.id, "drawing", tools.get("drawing").save(Drawing(OLD_STROKES, "My house")))
    drawing.summary = tools.get("drawing").summary(drawing.result)
    store.sittings.save(drawing)
    store.sittings.save(Sitting(before.id, child.id, "feelings", tools.get("feelings").save(Feelings(["happy"]))))
    store.visits.finalise(before.id)
    today = store.visits.new_draft(child.id, present="Ada, me")
    session.lock()
    return child.id, drawing.id, today.id


def test_a_drawing_from_last_visit_is_carried_on_as_a_new_sitting(qtbot, open_window, data_dir):
    _, old_id, visit_id = two_visits(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    qtbot.mouseClick(editor.tools_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(editor.dialog, ToolChooser) and editor.dialog.isVisible(), timeout=WAIT)
    chooser = editor.dialog
    listed = [chooser.earlier.item(n).text() for n in range(chooser.earlier.count())]
    assert len(listed) == 1 and listed[0].startswith("Drawing, ") and "My house" in listed[0]  # pictures only
    assert chooser.continues() is None  # nothing carried on unless the worker picks it
    chooser.earlier.setCurrentRow(0)
    assert chooser.continues().id == old_id and not chooser.choice.selectedItems()
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)

    mode = window.child_mode
    assert mode.tool.canvas.strokes == OLD_STROKES and mode.tool.words.toPlainText() == "My house"
    stroke(qtbot, mode.tool.canvas, [(40, 40), (120, 90)])
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
    qtbot.waitUntil(lambda: bool(saved(window, visit_id) and saved(window, visit_id)[0].picture_png), timeout=WAIT)
    (carried,) = saved(window, visit_id)
    assert carried.continues == old_id and carried.id != old_id and carried.tool == "drawing"
    assert len(tools.get("drawing").load(carried.result).strokes) == 3
    window.ops.wait()
    old = window.session.store.sittings.get(old_id)
    assert tools.get("drawing").load(old.result).strokes == OLD_STROKES  # last month's record is as it was


def test_choosing_a_tool_again_clears_the_earlier_picture(qtbot, open_window, data_dir):
    _, _, visit_id = two_visits(data_dir)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    editor.choose_tool()
    qtbot.waitUntil(lambda: isinstance(editor.dialog, ToolChooser) and editor.dialog.isVisible(), timeout=WAIT)
    chooser = editor.dialog
    chooser.earlier.setCurrentRow(0)
    chooser.choice.setCurrentRow(1)
    assert chooser.continues() is None and chooser.tool_key() == chooser.choice.item(1).data(Qt.ItemDataRole.UserRole)
    assert chooser.first_result() == tools.get(chooser.tool_key()).save(tools.get(chooser.tool_key()).empty())
    chooser.reject()


def test_work_is_carried_on_only_from_the_same_childs_same_tool(data_dir):
    child_id, old_id, visit_id = two_visits(data_dir)
    session = Session.unlock(data_dir, PASSCODE)
    try:
        with pytest.raises(InvalidValue):
            visits.save_sitting(session.store, Sitting(visit_id, child_id, "three_houses", continues=old_id))
        other = make_child(session.store, "Noor Example")
        other_visit = session.store.visits.new_draft(other.id)
        with pytest.raises(InvalidValue):
            visits.save_sitting(session.store, Sitting(other_visit.id, other.id, "drawing", continues=old_id))
        assert visits.earlier_work(session.store, other_visit.id) == []
    finally:
        session.lock()
