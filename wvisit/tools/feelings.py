"""Feelings check-in: the child picks the faces for how they feel, and may add words."""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.tools.base import Tool, quoted

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
)
