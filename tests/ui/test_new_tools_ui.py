"""Safety House and All about me in child mode, through the real widgets: what the child types is saved as
they go, the house is drawn from it, and the worker sees it in the visit, in the child's words."""

from __future__ import annotations

import base64

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from tests.conftest import PASSCODE
from tests.ui.conftest import WAIT, texts, type_text, wait_for_page
from tests.ui.test_child_mode import hand_over, leave, saved
from wvisit import tools
from wvisit.tools import pictures
from wvisit.tools.safety_house import SafetyHouse
from wvisit.ui.tools.tool_widgets import tool_widget
from wvisit.ui.visit_editor import VisitEditor


def test_a_safety_house_is_saved_as_the_child_types_and_shown_in_the_visit(qtbot, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "safety_house")
    assert mode.title == "My safe house"
    boxes = mode.tool.boxes
    for line in ("Nan", "Me", ""):  # a name on each line; a blank line is not kept
        type_text(qtbot, boxes["inside"], line)
        qtbot.keyClick(boxes["inside"], Qt.Key.Key_Return)
    type_text(qtbot, boxes["outside"], "Dad when he shouts")
    type_text(qtbot, boxes["path"], "Dad stops shouting")
    want = SafetyHouse(["Nan", "Me"], [], ["Dad when he shouts"], ["Dad stops shouting"])
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result == tools.get("safety_house").save(want), timeout=WAIT)

    leave(qtbot, window, mode, PASSCODE)
    qtbot.waitUntil(lambda: window.child_mode is None and window.isVisible(), timeout=WAIT)
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].picture_png != "", timeout=WAIT)
    (sitting,) = saved(window, visit_id)
    kept = QImage.fromData(base64.b64decode(sitting.picture_png))
    assert kept.width() / kept.height() == pictures.aspect("safety_house")  # the painted house, not the screen
    assert "Stays outside: \u201cDad when he shouts\u201d" in sitting.summary
    editor = wait_for_page(qtbot, window, VisitEditor)
    qtbot.waitUntil(
        lambda: any("Safety House: Inside my safe house" in t for t in texts(editor.tools_list)), timeout=WAIT
    )


def test_the_safe_house_picture_follows_what_the_child_types(qtbot):
    widget = tool_widget("safety_house", SafetyHouse(), [])
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    before = widget.house.grab().toImage()
    type_text(qtbot, widget.boxes["visiting"], "My teacher")
    qtbot.waitUntil(lambda: widget.house.grab().toImage() != before, timeout=WAIT)
    assert widget.result() == SafetyHouse(visiting=["My teacher"])
    assert widget.picture() == pictures.image("safety_house", tools.get("safety_house").save(widget.result()))


def test_all_about_me_keeps_each_answer_and_reopens_with_it(qtbot, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "all_about_me")
    assert mode.title == "All about me"
    type_text(qtbot, mode.tool.boxes["likes"], "Football")
    type_text(qtbot, mode.tool.boxes["tell_worker"], "I miss my brother")
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result.get("tell_worker") == "I miss my brother", timeout=WAIT)
    assert saved(window, visit_id)[0].result == {
        "likes": "Football",
        "dislikes": "",
        "important": "",
        "tell_worker": "I miss my brother",
    }
    again = tool_widget("all_about_me", tools.get("all_about_me").load(saved(window, visit_id)[0].result), [])
    qtbot.addWidget(again)
    assert again.boxes["likes"].toPlainText() == "Football"
    assert again.boxes["tell_worker"].toPlainText() == "I miss my brother"
    leave(qtbot, window, mode, PASSCODE)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_words_and_pictures_keeps_each_picture_and_the_childs_question(qtbot, open_window, data_dir):
    from tests.ui.test_child_mode import stroke

    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "words_and_pictures")
    assert mode.title == "Your story, in words and pictures"
    story = mode.tool
    mode.tool.bar.colour_buttons[1].click()  # red
    stroke(qtbot, story.canvases[1], [(30, 30), (90, 90)])
    type_text(qtbot, story.words[1], "One night the police came")
    type_text(qtbot, story.child_words, "Can I still see Dad?")
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result["child_words"] == "Can I still see Dad?", timeout=WAIT)
    kept = tools.get("words_and_pictures").load(saved(window, visit_id)[0].result)
    assert kept.panels[1].words == "One night the police came" and kept.panels[1].strokes[0].colour == "#d32f2f"
    assert [p.strokes for p in kept.panels if p is not kept.panels[1]] == [[], [], []]

    leave(qtbot, window, mode, PASSCODE)
    qtbot.waitUntil(lambda: window.child_mode is None and window.isVisible(), timeout=WAIT)
    editor = wait_for_page(qtbot, window, VisitEditor)
    qtbot.waitUntil(
        lambda: any("Can I still see Dad?" in label.text() for label, _ in editor.heard_words.rows), timeout=WAIT
    )
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].picture_png != "", timeout=WAIT)
    picture = QImage.fromData(base64.b64decode(saved(window, visit_id)[0].picture_png))
    assert picture.width() / picture.height() == pytest.approx(pictures.aspect("words_and_pictures"), rel=0.01)
