"""Three wishes: if you could have three wishes, what would they be?"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted

MOST = 3


@dataclass
class ThreeWishes:
    wishes: list[str] = field(default_factory=lambda: [""] * MOST)


def check(wishes: ThreeWishes) -> None:
    """The screen offers three boxes; what the child wishes for is theirs and may be anything."""
    if len(wishes.wishes) > MOST:
        raise InvalidValue(f"There are at most {MOST} wishes.")


def summarise(wishes: ThreeWishes) -> str:
    made = [quoted(w) for w in wishes.wishes if w.strip()]
    return "Wished for: " + "; ".join(made) if made else "Did not make a wish this time"


TOOL = Tool(
    key="three_wishes",
    title="Three wishes",
    child_title="Your three wishes",
    about="If you could have three wishes, what would they be?",
    result_type=ThreeWishes,
    summarise=summarise,
    rules=check,
    heard=lambda w: [Heard(wish.strip(), Expressed.WROTE, "a wish") for wish in w.wishes if wish.strip()],
    used=lambda w: any(wish.strip() for wish in w.wishes),
)
