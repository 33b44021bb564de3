"""Words and Pictures in child mode: four pictures in a row, a part of the story over each, words under
each (the worker's and the family's explanation), and below them what the child says or asks."""

from __future__ import annotations

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGridLayout, QPlainTextEdit, QVBoxLayout

from wvisit.domain import to_record
from wvisit.tools import pictures
from wvisit.tools.base import Tool
from wvisit.tools.words_and_pictures import CHILD_QUESTION, PARTS, Panel, WordsAndPictures
from wvisit.ui.read_aloud import ReadAloud
from wvisit.ui.tools.canvas import DrawingBar, DrawingCanvas
from wvisit.ui.tools.tool_widgets import ToolWidget, big_label, enlarge, spoken, words_box


class StoryTool(ToolWidget):
    def __init__(self, result: WordsAndPictures, reader: ReadAloud | None = None):
        super().__init__()
        self.reader = reader
        layout = QVBoxLayout(self)
        grid = QGridLayout()
        self.canvases: list[DrawingCanvas] = []
        self.words: list[QPlainTextEdit] = []
        panels = [*result.panels, *(Panel() for _ in PARTS)][: len(PARTS)]
        for column, (part, panel) in enumerate(zip(PARTS, panels, strict=True)):
            heading = big_label(f"{column + 1}. {part}", 0.9)
            grid.addLayout(self.with_listen(heading, lambda p=part: p, f"picture {column + 1}"), 0, column)
            canvas = DrawingCanvas(panel.strokes, f"Picture {column + 1}: {part.lower()}")
            canvas.setMinimumSize(160, 160)
            box = words_box(f"Words for picture {column + 1}", "Words for this picture")
            box.setPlainText(panel.words)
            enlarge(box, 0.8)  # four columns: a little smaller, so a sentence fits without scrolling
            box.setMaximumHeight(150)
            grid.addWidget(canvas, 1, column)
            grid.addLayout(
                self.with_listen(box, lambda b=box: spoken(b), f"the words of picture {column + 1}"), 2, column
            )
            grid.setColumnStretch(column, 1)
            canvas.changed.connect(self.changed)
            box.textChanged.connect(self.changed)
            self.canvases.append(canvas)
            self.words.append(box)
        grid.setRowStretch(1, 1)
        self.bar = DrawingBar(self.canvases)
        layout.addWidget(self.bar)
        layout.addLayout(grid, 1)
        layout.addLayout(self.with_listen(big_label(CHILD_QUESTION, 1.1), lambda: CHILD_QUESTION, "the question"))
        self.child_words = words_box(CHILD_QUESTION, "What I think, or what I want to ask")
        self.child_words.setPlainText(result.child_words)
        self.child_words.setMaximumHeight(110)
        self.child_words.textChanged.connect(self.changed)
        layout.addLayout(self.with_listen(self.child_words, lambda: spoken(self.child_words), "what you think"))

    def result(self) -> WordsAndPictures:
        panels = [
            Panel(box.toPlainText(), list(canvas.strokes))
            for box, canvas in zip(self.words, self.canvases, strict=True)
        ]
        return WordsAndPictures(panels, self.child_words.toPlainText())

    def record(self, tool: Tool) -> dict:
        """With each canvas's kept stroke records, as the drawing's: a save makes only the new stroke's."""
        panels = [Panel(box.toPlainText()) for box in self.words]
        saved = tool.save(WordsAndPictures(panels, self.child_words.toPlainText()))
        for panel, canvas in zip(saved["panels"], self.canvases, strict=True):
            panel["strokes"] = canvas.records()
        return saved

    def picture(self) -> QImage:
        """The story as the record paints it, from the data: no palette, no buttons."""
        return pictures.image("words_and_pictures", to_record(self.result()))
