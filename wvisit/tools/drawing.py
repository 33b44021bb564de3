"""Free drawing: strokes of pen, touch or mouse, kept as data so a drawing can be replayed exactly.

Points are whole numbers on a 0-1000 square, whatever the screen: the same drawing comes back
the same size on another laptop, and a stroke is small in the record.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.tools.base import Tool, quoted

CANVAS = 1000


@dataclass
class Stroke:
    colour: str = "#000000"
    width: int = 8
    points: list[int] = field(default_factory=list)  # x0, y0, x1, y1, ... on the 0-1000 square
    eraser: bool = False


@dataclass
class Drawing:
    strokes: list[Stroke] = field(default_factory=list)
    words: str = ""  # what the child says about it, in their words


def describe(strokes: list[Stroke], words: str) -> str:
    drew = "Drew a picture" if any(not s.eraser for s in strokes) else ""
    said = f"said {quoted(words)}" if words.strip() else ""
    return " and ".join(part for part in (drew, said) if part)


TOOL = Tool(
    key="drawing",
    title="Drawing",
    child_title="Draw a picture",
    about="Free drawing with pen, touch or mouse: colours, thickness, rubber, undo.",
    result_type=Drawing,
    summarise=lambda d: describe(d.strokes, d.words) or "Did not draw this time",
)
