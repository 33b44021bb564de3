"""Three Houses and the storyboard hand child mode's save the record their tool would make, words,
framing and every stroke, while each finished stroke's record is made once and kept, as the drawing's."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from wvisit import tools
from wvisit.tools.drawing import Stroke
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.tools.words_and_pictures import Panel, WordsAndPictures
from wvisit.ui.tools.canvas import DrawingCanvas
from wvisit.ui.tools.storyboard import StoryTool
from wvisit.ui.tools.tool_widgets import HousesTool


def a_line(qtbot, canvas: DrawingCanvas, n: int) -> None:
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(20 + n * 10, 30))
    QTest.mouseMove(canvas, QPoint(120, 40 + n * 20))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(120, 40 + n * 20))


def test_three_houses_record_is_the_tools_and_keeps_each_strokes_record(qtbot):
    tool = tools.get("three_houses")
    widget = HousesTool(ThreeHouses(House("spiders", [Stroke("#1f1f1f", 4, [1, 2, 3, 4])]), magic=True))
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    assert widget.record(tool) == tool.save(widget.result())
    a_line(qtbot, widget.canvases["dreams"], 0)
    widget.words["good_things"].setPlainText("my dog")
    first = widget.record(tool)
    assert first == tool.save(widget.result()) and first["magic"] is True
    a_line(qtbot, widget.canvases["dreams"], 1)
    widget.canvases["worries"].undo()
    second = widget.record(tool)
    assert second == tool.save(widget.result())
    assert [len(second[key]["strokes"]) for key in ("worries", "good_things", "dreams")] == [0, 0, 2]
    assert second["dreams"]["strokes"][0] is first["dreams"]["strokes"][0]  # made once, kept


def test_storyboard_record_is_the_tools_and_keeps_each_strokes_record(qtbot):
    tool = tools.get("words_and_pictures")
    widget = StoryTool(WordsAndPictures([Panel("who is in the story")], "a question"))
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    assert widget.record(tool) == tool.save(widget.result())
    a_line(qtbot, widget.canvases[3], 0)
    first = widget.record(tool)
    a_line(qtbot, widget.canvases[3], 1)
    a_line(qtbot, widget.canvases[0], 2)
    widget.words[1].setPlainText("what happened")
    second = widget.record(tool)
    assert second == tool.save(widget.result())
    assert [len(panel["strokes"]) for panel in second["panels"]] == [1, 0, 0, 2]
    assert second["panels"][3]["strokes"][0] is first["panels"][3]["strokes"][0]  # made once, kept
