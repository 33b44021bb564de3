"""My people (an ecomap): the child at the centre, the people who matter placed by how close they feel.

Ring 1 is closest. The line to each person says what the relationship is like for the child:
strong, weak or stressful, as in a systemic practice ecomap.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.errors import InvalidValue
from wvisit.tools.base import Tool

RINGS = (1, 2, 3)
RING_NAMES = {1: "Very close", 2: "Close", 3: "Further away"}
LINES = ("strong", "weak", "stressful")


@dataclass
class Person:
    name: str
    ring: int = 2
    line: str = "strong"
    angle: int = 0  # degrees round the circle, where the child put them

    def validate(self) -> None:
        if not self.name.strip():
            raise InvalidValue("Each person needs a name.")
        if self.ring not in RINGS or self.line not in LINES:
            raise InvalidValue("A person is in ring 1, 2 or 3, with a strong, weak or stressful line.")


@dataclass
class MyPeople:
    people: list[Person] = field(default_factory=list)


def check(people: MyPeople) -> None:
    """Everyone placed has a name, one of the three rings and one of the three lines."""
    for person in people.people:
        person.validate()


def summarise(people: MyPeople) -> str:
    lines = []
    for ring in RINGS:
        here = [f"{p.name} ({p.line})" for p in people.people if p.ring == ring]
        if here:
            lines.append(f"{RING_NAMES[ring]}: {', '.join(here)}")
    return "\n".join(lines) or "Did not place anyone this time"


TOOL = Tool(
    key="my_people",
    title="My people (ecomap)",
    child_title="My people",
    about="The child places people in circles by how close they feel, with strong, weak or stressful lines.",
    result_type=MyPeople,
    summarise=summarise,
    rules=check,
    pictured=True,
)
