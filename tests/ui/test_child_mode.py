"""Child mode: the child uses one tool full screen, everything is saved as it happens, and only the
worker's passcode leaves it. Real widgets, a real store, the real vault check."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, on_store_lane, type_text, unlock, wait_for_page
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.domain import KeyPerson, Sitting
from wvisit.store import Store
from wvisit.tools.scaling import Scaling
from wvisit.ui.child_page import ChildPage
from wvisit.ui.visit_editor import VisitEditor
from wvisit.vault import Vault
from wvisit.vault.throttle import STOP_AFTER


def a_visit(data_dir) -> tuple[str, str]:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    child.key_people = [KeyPerson("Mum"), KeyPerson("Jo Example", "foster carer")]
    session.store.children.update(child, base_version=1)
    visit = complete_visit(session.store, child)
    session.lock()
    return child.id, visit.id


def hand_over(qtbot, open_window, data_dir, tool: str, idle_ms: int | None = None, result=None):
    child_id, visit_id = a_visit(data_dir)
    window = open_window(idle_ms=idle_ms)
    unlock(qtbot, window)
    window.go("visit", visit_id)
    wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    first = tools.get(tool).save(result if result is not None else tools.get(tool).empty())
    window.start_child_mode(visit_id, tool, first)
    qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)
    return window, window.child_mode, child_id, visit_id


def saved(window, visit_id):
    """What is durable, read through a connection of its own: the app's connection may be in the middle
    of a save on the store lane, and a read from the test's thread must not look inside it."""
    store = Store.open(window.data_dir, window.session.keys, "sw.test")
    try:
        return store.sittings.for_visit(visit_id)
    finally:
        store.close()


def leave(qtbot, window, mode, passcode=PASSCODE):
    mode.ask_passcode()
    mode.passcode.setText(passcode)
    mode.check_passcode()


def stroke(qtbot, canvas, points):
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for point in points[1:]:
        QTest.mouseMove(canvas, QPoint(*point))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_drawing_strokes_and_undo_are_saved_as_they_happen_and_reopen_exactly(qtbot, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "drawing")
    canvas = mode.tool.canvas
    mode.tool.bar.colour_buttons[1].click()  # red
    stroke(qtbot, canvas, [(40, 40), (80, 60), (120, 90)])
    mode.tool.bar.colour_buttons[5].click()  # blue
    stroke(qtbot, canvas, [(60, 150), (160, 150)])
    stroke(qtbot, canvas, [(20, 20), (30, 30)])
    assert [s.colour for s in canvas.strokes] == ["#d32f2f", "#1976d2", "#1976d2"]
    mode.tool.bar.undo_button.click()
    assert len(canvas.strokes) == 2
    qtbot.waitUntil(lambda: len(saved(window, visit_id)[0].result["strokes"]) == 2, timeout=WAIT)
    drawn = tools.get("drawing").load(saved(window, visit_id)[0].result)
    assert drawn.strokes == canvas.strokes and len(drawn.strokes[0].points) == 6

    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None and window.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].picture_png != "", timeout=WAIT)
    (session,) = saved(window, visit_id)
    assert base64.b64decode(session.picture_png).startswith(b"\x89PNG")
    assert session.summary == "Drew a picture"
    editor = window.page
    qtbot.waitUntil(lambda: "Drawing: Drew a picture" in editor.tools_list.item(0).text(), timeout=WAIT)


def test_child_mode_cannot_be_left_without_the_workers_passcode(qtbot, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "feelings")
    window.idle.set_interval(300)  # short only now: a busy machine's pauses before child mode opened never lock
    assert not window.isVisible()  # no other screen to switch to
    for key, modifier in [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Tab, Qt.KeyboardModifier.AltModifier),
    ]:
        QTest.keyClick(mode, key, modifier)
    mode.close()
    QTest.qWait(700)  # longer than the idle lock: it is paused while the child holds the laptop
    assert mode.isVisible() and window.child_mode is mode and window.session is not None

    mode.tool.buttons["happy"].click()
    leave(qtbot, window, mode, "not the passcode")
    qtbot.waitUntil(lambda: "passcode" in mode.gate_message.text().lower(), timeout=WAIT)
    assert mode.isVisible() and not window.isVisible()
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result["chosen"] == ["happy"], timeout=WAIT)

    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None and window.isVisible(), timeout=WAIT)


def test_a_child_pressing_keys_at_the_gate_slows_down_but_never_locks_the_worker_out(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "feelings")
    now = [1000.0]
    mode.cooldown.clock = lambda: now[0]  # the gate's clock, moved on by the test instead of waited for
    waits = []
    for _ in range(STOP_AFTER + 2):
        leave(qtbot, window, mode, "not the passcode")
        qtbot.waitUntil(lambda: "not right" in mode.gate_message.text(), timeout=WAIT)
        if "Please wait" in mode.gate_message.text():
            waits.append(int(mode.gate_message.text().split("wait ")[1].split()[0]))
            leave(qtbot, window, mode)  # even the right passcode waits its turn: it is not checked at all
            assert mode.gate_message.text() == f"Please wait {waits[-1]} seconds before trying again."
            now[0] += waits[-1]
    assert waits == [30, 60, 120, 240, 300, 300, 300, 300, 300, 300]
    assert mode.isVisible() and window.child_mode is mode
    assert Vault.load(data_dir)._header["attempts"]["failed"] == 0  # the vault's count never moved

    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None and window.isVisible(), timeout=WAIT)


def test_people_are_placed_in_circles_with_their_lines(qtbot, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "my_people")
    people = mode.tool
    people.suggestions["Mum"].click()
    type_text(qtbot, people.name, "Sam Example")
    QTest.keyClick(people.name, Qt.Key.Key_Return)
    assert [p.name for p in people.map.people] == ["Mum", "Sam Example"] and not people.suggestions["Mum"].isEnabled()

    ecomap = people.map
    mum = ecomap.people[0]
    start = ecomap.position(mum).toPoint()
    centre = ecomap.centre()
    near = QPoint(int(centre.x() + ecomap.ring_radius(1) * 0.6), int(centre.y()))
    far = QPoint(int(centre.x()), int(centre.y() + ecomap.ring_radius(3) * 0.95))
    qtbot.mousePress(ecomap, Qt.MouseButton.LeftButton, pos=start)
    QTest.mouseMove(ecomap, near)
    qtbot.mouseRelease(ecomap, Qt.MouseButton.LeftButton, pos=near)
    sam = ecomap.people[1]
    qtbot.mousePress(ecomap, Qt.MouseButton.LeftButton, pos=ecomap.position(sam).toPoint())
    qtbot.mouseRelease(ecomap, Qt.MouseButton.LeftButton, pos=far)
    people.line_buttons["stressful"].click()
    assert mum.ring == 1 and min(mum.angle, 360 - mum.angle) <= 1  # to the right of Me, in the inner ring
    assert (sam.ring, sam.line) == (3, "stressful") and abs(sam.angle - 90) <= 1  # below, in the outer ring

    qtbot.waitUntil(
        lambda: saved(window, visit_id)[0].summary == "Very close: Mum (strong)\nFurther away: Sam Example (stressful)",
        timeout=WAIT,
    )
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_scaling_answers_across_three_visits_are_charted_on_the_childs_page(qtbot, open_window, data_dir):
    question = "How safe do you feel at home?"
    window, mode, child_id, visit_id = hand_over(qtbot, open_window, data_dir, "scaling", result=Scaling(question))
    mode.tool.buttons[8].click()
    type_text(qtbot, mode.tool.words, "safe with my carer")
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result["answer"] == 8, timeout=WAIT)
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)

    scale = tools.get("scaling")

    def two_earlier_answers(store) -> None:
        for weeks_ago, answer in [(6, 3), (3, 5)]:
            earlier = complete_visit(store, store.children.get(child_id))
            when = datetime.now(UTC) - timedelta(weeks=weeks_ago)
            result = scale.save(Scaling(question, answer))
            store.sittings.save(Sitting(earlier.id, child_id, "scaling", result, started_at=when))

    on_store_lane(qtbot, window, two_earlier_answers)
    window.go("child", child_id)
    page = wait_for_page(qtbot, window, ChildPage, lambda p: p.view is not None)
    assert [value for _, value in page.chart.series[question]] == [3.0, 5.0, 8.0]
    assert page.chart.accessibleDescription().startswith(f"{question}: 3 on")
    assert "8 out of 10; said \u201csafe with my carer\u201d" in page.direct_work.item(0).text()
