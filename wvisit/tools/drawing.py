"""Free drawing: strokes of pen, touch or mouse, kept as data so a drawing can be replayed exactly.

Points are whole numbers on a 0-1000 square, whatever the screen: the same drawing comes back
the same size on another laptop, and a stroke is small in the record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted

CANVAS = 1000
MAX_WIDTH = 100  # the thickest pen offered is 24
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


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


def check_strokes(strokes: list[Stroke]) -> None:
    """Every stroke can be drawn again exactly: a colour, a thickness, and x, y pairs on the square."""
    for stroke in strokes:
        if not COLOUR.fullmatch(stroke.colour):
            raise InvalidValue("A stroke's colour must be written as #rrggbb.")
        if not 1 <= stroke.width <= MAX_WIDTH:
            raise InvalidValue(f"A stroke's thickness is from 1 to {MAX_WIDTH}.")
        # Whole numbers, then their range: one pass each, in C (a Python test per point cost more). The
        # type comes first because min and max step over a NaN, which no comparison refuses.
        points = stroke.points
        if len(points) % 2 or (points and (set(map(type, points)) != {int} or min(points) < 0 or max(points) > CANVAS)):
            raise InvalidValue(f"A stroke's points are x, y pairs from 0 to {CANVAS}.")


def drew(strokes: list[Stroke]) -> bool:
    """A line that is not the rubber: something to see."""
    return any(not stroke.eraser and stroke.points for stroke in strokes)


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
    rules=lambda d: check_strokes(d.strokes),
    heard=lambda d: [Heard(d.words.strip(), Expressed.WROTE, "about their drawing")] if d.words.strip() else [],
    used=lambda d: drew(d.strokes) or bool(d.words.strip()),
    pictured=True,
)
