"""Words and Pictures (Signs of Safety): the worker's explanation to the child of why social workers are
involved, told as a short storyboard, a picture and a few words for each part of the story, made with
the family and read with the child. Four parts, in the usual order: who is in the story, what happened,
who is worried and why, and what is happening now to keep the child safe.

The words in the pictures are the worker's (and the family's) story for the child, not the child's
voice; what the child says or asks about it (`child_words`) is, and the record keeps it apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted
from wvisit.tools.drawing import Stroke, check_strokes, drew

PARTS = (
    "Who is in the story",
    "What happened",
    "Who is worried, and why",
    "What is happening now to keep you safe",
)
CHILD_QUESTION = "What do you think? Is there anything you want to ask?"


@dataclass
class Panel:
    words: str = ""
    strokes: list[Stroke] = field(default_factory=list)


@dataclass
class WordsAndPictures:
    panels: list[Panel] = field(default_factory=lambda: [Panel() for _ in PARTS])
    child_words: str = ""  # what the child said or asked about the story: their voice


def check(story: WordsAndPictures) -> None:
    """Four pictures at most (one for each part of the story), each one that can be drawn again."""
    if len(story.panels) > len(PARTS):
        raise InvalidValue(f"A Words and Pictures story has at most {len(PARTS)} pictures.")
    for panel in story.panels:
        check_strokes(panel.strokes)


def summarise(story: WordsAndPictures) -> str:
    lines = []
    for part, panel in zip(PARTS, story.panels, strict=False):
        drawn = " (with a picture)" if drew(panel.strokes) else ""
        if panel.words.strip():
            lines.append(f"{part}: {quoted(panel.words)}{drawn}")
        elif drawn:
            lines.append(f"{part}: a picture")
    if story.child_words.strip():
        lines.append(f"The child said: {quoted(story.child_words)}")
    return "\n".join(lines) or "The story was not told this time"


def used(story: WordsAndPictures) -> bool:
    return bool(story.child_words.strip()) or any(p.words.strip() or drew(p.strokes) for p in story.panels)


TOOL = Tool(
    key="words_and_pictures",
    title="Words and Pictures",
    child_title="Your story, in words and pictures",
    about="The worker's explanation of why social workers are involved, as four pictures with words.",
    result_type=WordsAndPictures,
    summarise=summarise,
    rules=check,
    heard=lambda story: (
        [Heard(story.child_words.strip(), Expressed.WROTE, "what they said about the story")]
        if story.child_words.strip()
        else []
    ),
    used=used,
    pictured=True,
)
