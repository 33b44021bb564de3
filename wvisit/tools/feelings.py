"""Feelings check-in: the child picks the faces for how they feel, and may add words."""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted

# (key, the word under the face); the faces themselves are drawn by the widget.
FEELINGS = (
    ("happy", "Happy"),
    ("calm", "Calm"),
    ("excited", "Excited"),
    ("sad", "Sad"),
    ("worried", "Worried"),
    ("scared", "Scared"),
    ("angry", "Angry"),
    ("tired", "Tired"),
)
WORDS = dict(FEELINGS)


@dataclass
class Feelings:
    chosen: list[str] = field(default_factory=list)
    words: str = ""


def check(feelings: Feelings) -> None:
    """Only the faces on the screen can be picked, each once."""
    if any(key not in WORDS for key in feelings.chosen):
        raise InvalidValue("A feeling picked is not one of the faces offered.")
    if len(set(feelings.chosen)) != len(feelings.chosen):
        raise InvalidValue("Each face is picked once.")


def summarise(feelings: Feelings) -> str:
    faces = ", ".join(WORDS.get(key, key).lower() for key in feelings.chosen)
    picked = f"Picked the faces: {faces}" if faces else "Did not pick a face"
    return picked + (f"; said {quoted(feelings.words)}" if feelings.words.strip() else "")


TOOL = Tool(
    key="feelings",
    title="Feelings check-in",
    child_title="How do you feel today?",
    about="The child picks faces for how they feel and may add words.",
    result_type=Feelings,
    summarise=summarise,
    rules=check,
    heard=lambda f: [Heard(f.words.strip(), Expressed.WROTE, "how they feel")] if f.words.strip() else [],
)
