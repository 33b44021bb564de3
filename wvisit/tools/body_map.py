"""A body map, for the worker: marks seen on the child (a bruise, a burn, a scratch), each placed on a
front or back outline, with what it looks like, its size and how it was explained, and by whom.

It is the worker's record, not the child's work: it is never handed to the child in child mode, and
an explanation written here is not counted as the child's voice (a child's own account of an injury
is a disclosure, which the worker records as one). On a child protection case a body map is for the
manager today (wvisit/app/body_map.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.errors import InvalidValue
from wvisit.tools.base import Tool

SIDES = ("front", "back")
SPAN = 1000  # a mark's x and y are 0-1000 across the width and down the height of its outline
MOST = 60


@dataclass
class Mark:
    side: str = "front"
    x: int = 500
    y: int = 500
    note: str = ""  # what it looks like: "bruise, yellow-green, fingertip-shaped"
    size: str = ""  # as measured or judged: "about 2 cm by 1 cm"
    explained: str = ""  # how it was explained, and by whom: "Mum said he fell off his bike"

    def describe(self, number: int) -> str:
        how = self.explained.strip() or "no explanation recorded"
        return f"{number}. {self.side.capitalize()}: {self.note.strip()}, {self.size.strip()}. Explained: {how}"


@dataclass
class BodyMap:
    marks: list[Mark] = field(default_factory=list)


def check(body: BodyMap) -> None:
    """Every mark is on the front or back outline, and says what it looks like and its size."""
    if len(body.marks) > MOST:
        raise InvalidValue(f"A body map holds at most {MOST} marks.")
    for number, mark in enumerate(body.marks, start=1):
        if mark.side not in SIDES or not (0 <= mark.x <= SPAN and 0 <= mark.y <= SPAN):
            raise InvalidValue(f"Mark {number} is not on the front or back outline.")
        if not mark.note.strip():
            raise InvalidValue(f"Mark {number} needs what it looks like.")
        if not mark.size.strip():
            raise InvalidValue(f"Mark {number} needs its size.")


def summarise(body: BodyMap) -> str:
    if not body.marks:
        return "No marks recorded"
    return "\n".join(mark.describe(number) for number, mark in enumerate(body.marks, start=1))


TOOL = Tool(
    key="body_map",
    title="Body map",
    child_title="Body map",
    about="For the worker: marks seen on the child, on a front and back outline, with size and explanation.",
    result_type=BodyMap,
    summarise=summarise,
    rules=check,
    used=lambda body: bool(body.marks),
    pictured=True,
    for_worker=True,
    headline=lambda body: f"{len(body.marks)} mark{'' if len(body.marks) == 1 else 's'}",
)
