"""Child mode as a 7-year-old sees it: what they picked is unmistakable, the faces say different things,
the three houses are the same size, and the Wizard and Fairy words are used everywhere the child looks."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPalette

from tests.ui.conftest import WAIT
from tests.ui.test_child_mode import hand_over, leave
from wvisit.tools.three_houses import MAGIC_NAMES, MAGIC_TITLE, ThreeHouses
from wvisit.ui.tools.choice import TICK
from wvisit.ui.tools.faces import FEELING_FACES, face_icon


def highlight_pixels(image: QImage, highlight: QColor) -> int:
    """How many pixels of `image` are (near) the palette's highlight colour: the picked outline."""
    count = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            pixel = image.pixelColor(x, y)
            near = abs(pixel.red() - highlight.red()) + abs(pixel.green() - highlight.green())
            if near + abs(pixel.blue() - highlight.blue()) < 40:
                count += 1
    return count


def test_a_picked_face_has_a_thick_outline_and_a_tick(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "feelings")
    worried, happy = mode.tool.buttons["worried"], mode.tool.buttons["happy"]
    qtbot.mouseClick(worried, Qt.MouseButton.LeftButton)
    assert worried.isChecked() and worried.text() == TICK + "Worried" and happy.text() == "Happy"
    assert worried.accessibleName() == "Worried, chosen"
    highlight = mode.palette().color(QPalette.ColorRole.Highlight)
    qtbot.waitUntil(lambda: highlight_pixels(worried.grab().toImage(), highlight) > 0, timeout=WAIT)
    picked = highlight_pixels(worried.grab().toImage(), highlight)
    not_picked = highlight_pixels(happy.grab().toImage(), highlight)
    outline = 2 * (worried.width() + worried.height()) // 2  # one pixel round, sampled every 2
    assert not_picked == 0 and picked > 3 * outline / 2  # several pixels thick, in the highlight colour
    qtbot.mouseClick(worried, Qt.MouseButton.LeftButton)
    assert not worried.isChecked() and worried.text() == "Worried"
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_worried_and_scared_faces_are_not_alike():
    def pixels(key: str) -> QImage:
        return face_icon(*FEELING_FACES[key], size=96).pixmap(96, 96).toImage()

    worried, scared = pixels("worried"), pixels("scared")
    differ = sum(worried.pixel(x, y) != scared.pixel(x, y) for x in range(96) for y in range(96))
    assert differ > 96 * 96 * 0.04  # eyes, brows and mouth all differ, not one stroke
    faces = {key: pixels(key).bits().tobytes() for key in FEELING_FACES}
    assert len(set(faces.values())) == len(FEELING_FACES)  # every feeling has a face of its own


def test_the_three_houses_are_the_same_size_with_wizard_and_fairy_words(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "three_houses", result=ThreeHouses(magic=True))
    assert mode.windowTitle() == MAGIC_TITLE
    assert [mode.tool.titles[key].text() for key in MAGIC_NAMES] == list(MAGIC_NAMES.values())
    shown = " ".join(label.text() for label in mode.findChildren(type(mode.tool.titles["worries"])))
    assert "house" not in shown.lower()  # the child was told about wizards and fairies, not houses
    squares = [canvas.square() for canvas in mode.tool.canvases.values()]
    sides = [s.width() for s in squares] + [s.height() for s in squares]
    assert max(sides) - min(sides) <= 1 and min(sides) >= 200  # the layout may give one a spare pixel
    tops = {canvas.mapTo(mode, canvas.rect().topLeft()).y() for canvas in mode.tool.canvases.values()}
    assert len(tops) == 1  # side by side, on one line
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_plain_three_houses_keep_the_house_names(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "three_houses")
    assert mode.windowTitle() == "Your three houses"
    assert mode.tool.titles["worries"].text() == "House of worries"
    rects: list[QRect] = [canvas.geometry() for canvas in mode.tool.canvases.values()]
    assert max(r.width() for r in rects) - min(r.width() for r in rects) <= 1
    assert len({r.height() for r in rects}) == 1
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_the_line_picked_for_a_person_is_shown_picked(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "my_people")
    tool = mode.tool
    assert not any(b.isEnabled() for b in tool.line_buttons.values())  # nobody chosen yet: nothing to set
    tool.suggestions["Mum"].click()
    assert tool.line_buttons["strong"].isChecked() and tool.line_buttons["strong"].text().startswith(TICK)
    tool.line_buttons["stressful"].click()
    assert tool.line_buttons["stressful"].isChecked() and not tool.line_buttons["strong"].isChecked()
    assert tool.result().people[0].line == "stressful"
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_the_pen_in_the_childs_hand_is_plain_to_see(qtbot, open_window, data_dir):
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "drawing")
    bar = mode.tool.bar
    black, red = bar.colour_buttons[0], bar.colour_buttons[1]
    assert black.isChecked() and black.text() == TICK.strip() and red.text() == ""  # white tick on black
    qtbot.mouseClick(red, Qt.MouseButton.LeftButton)
    assert red.text() == TICK.strip() and black.text() == ""
    thick = next(b for b in bar.findChildren(type(red)) if b.accessibleName().startswith("Thick line"))
    medium = next(b for b in bar.findChildren(type(red)) if b.accessibleName().startswith("Medium line"))
    assert medium.text() == TICK + "Medium"
    qtbot.mouseClick(thick, Qt.MouseButton.LeftButton)
    assert thick.text() == TICK + "Thick" and medium.text() == "Medium"
    assert thick.accessibleName() == "Thick line, chosen"
    assert medium.width() >= medium.fontMetrics().horizontalAdvance(TICK + "Medium")  # the tick fits, words whole
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
