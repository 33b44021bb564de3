"""Safety House (Signs of Safety): who is inside the child's safe house with them, who may visit, who
stays outside, and what needs to happen on the path to the house for the child to feel safe.

Every answer is the child's own: the names are who *they* put in or kept out, and the path is what
*they* say must change. A worker reads "stays outside" as a strong message, so the record keeps each
part apart, in the child's words, and counts all of it as the child's voice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted

MOST = 20  # names or steps in one part: a house drawn on a page holds no more
PARTS = (
    ("inside", "Inside my safe house", "Who lives in your safe house with you?", "A name on each line"),
    ("visiting", "Can visit", "Who can come and visit you there?", "A name on each line"),
    ("outside", "Stays outside", "Who has to stay outside the fence?", "A name on each line"),
    ("path", "The path to my safe house", "What needs to happen for you to feel safe?", "One thing on each line"),
)  # field, the record's name for the part, the child's question, the box's hint


@dataclass
class SafetyHouse:
    inside: list[str] = field(default_factory=list)
    visiting: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)


def check(house: SafetyHouse) -> None:
    """Each part is a short list of names or steps, none of them blank (a blank line is not kept)."""
    for key, name, _, _ in PARTS:
        entries = getattr(house, key)
        if len(entries) > MOST:
            raise InvalidValue(f"{name} holds at most {MOST} entries.")
        if any(not entry.strip() for entry in entries):
            raise InvalidValue(f"{name} has an empty entry.")


def summarise(house: SafetyHouse) -> str:
    lines = []
    for key, name, _, _ in PARTS:
        entries = getattr(house, key)
        if entries:
            lines.append(f"{name}: " + "; ".join(quoted(entry) for entry in entries))
    return "\n".join(lines) or "Nothing put in the safe house this time"


def heard(house: SafetyHouse) -> list[Heard]:
    """Each part the child filled in, as one thing they said, under the part's plain name."""
    return [
        Heard(", ".join(entry.strip() for entry in getattr(house, key)), Expressed.WROTE, name)
        for key, name, _, _ in PARTS
        if getattr(house, key)
    ]


TOOL = Tool(
    key="safety_house",
    title="Safety House",
    child_title="My safe house",
    about="Who is inside the child's safe house, who may visit, who stays outside, and the path to feeling safe.",
    result_type=SafetyHouse,
    summarise=summarise,
    rules=check,
    heard=heard,
    used=lambda house: any(getattr(house, key) for key, *_ in PARTS),
    pictured=True,
)
