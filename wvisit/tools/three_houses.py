"""Three Houses: the house of worries, the house of good things, the house of dreams.

The Wizard and Fairy variant asks the same three questions with a magic framing for younger
children; the data is the same, only the words on the child's screen change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.tools.base import Heard, Tool, quoted
from wvisit.tools.drawing import Stroke, check_strokes, drew

HOUSES = (
    ("worries", "House of worries", "Things you worry about", "The Worry Wizard: what worries you?"),
    ("good_things", "House of good things", "Things that are good", "The Nice Fairy: what is good?"),
    ("dreams", "House of dreams", "Your dreams and wishes", "The Dream Fairy: what do you dream of?"),
)
# With the Wizard and Fairy framing the child sees these names where the houses' names would be, and the
# screen's title follows (a child told about wizards and fairies should not read "houses" above them).
MAGIC_NAMES = {"worries": "The Worry Wizard", "good_things": "The Nice Fairy", "dreams": "The Dream Fairy"}
MAGIC_TITLE = "The Worry Wizard, the Nice Fairy and the Dream Fairy"


@dataclass
class House:
    words: str = ""
    strokes: list[Stroke] = field(default_factory=list)


@dataclass
class ThreeHouses:
    worries: House = field(default_factory=House)
    good_things: House = field(default_factory=House)
    dreams: House = field(default_factory=House)
    magic: bool = False  # the Wizard and Fairy framing


def summarise(houses: ThreeHouses) -> str:
    lines = []
    for key, title, _, _ in HOUSES:
        house: House = getattr(houses, key)
        drew = " (drew in it)" if house.strokes else ""
        if house.words.strip():
            lines.append(f"{title}: {quoted(house.words)}{drew}")
        elif drew:
            lines.append(f"{title}: drew in it")
    return "\n".join(lines) or "Nothing put in the houses this time"


def check(houses: ThreeHouses) -> None:
    """The drawing in each house can be drawn again; the words are the child's and may be anything."""
    for key, _, _, _ in HOUSES:
        check_strokes(getattr(houses, key).strokes)


def heard(houses: ThreeHouses) -> list[Heard]:
    """What the child wrote in each house, under the house's plain name (whatever framing was used)."""
    found = []
    for key, title, _, _ in HOUSES:
        words = getattr(houses, key).words.strip()
        if words:
            found.append(Heard(words, Expressed.WROTE, title))
    return found


def used(houses: ThreeHouses) -> bool:
    return any(getattr(houses, key).words.strip() or drew(getattr(houses, key).strokes) for key, *_ in HOUSES)


TOOL = Tool(
    key="three_houses",
    title="Three Houses",
    child_title="Your three houses",
    about="House of worries, house of good things, house of dreams: words and drawings in each.",
    result_type=ThreeHouses,
    summarise=summarise,
    rules=check,
    heard=heard,
    used=used,
    pictured=True,
)
