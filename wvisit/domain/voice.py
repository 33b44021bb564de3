"""The child's voice: their own words, kept apart from the worker's reading of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from wvisit.errors import InvalidValue


class Expressed(StrEnum):
    """How the child told us: the record says so, because a drawing is not a sentence."""

    SAID = "said"
    WROTE = "wrote"
    DREW = "drew"
    SHOWED = "showed"
    PLAYED = "played"
    SIGNED = "signed"


@dataclass
class VoiceEntry:
    visit_id: str
    child_id: str
    words: str
    expressed: Expressed = Expressed.SAID
    context: str = ""
    id: str = field(default_factory=lambda: new_id())
    recorded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    disclosure: bool = False  # the child told of harm: kept out of a letter home unless the worker puts it in

    def validate(self) -> None:
        if not self.words.strip():
            raise InvalidValue("Write down what the child said, wrote, drew or showed.")


def new_id() -> str:
    return str(uuid.uuid4())


def tool_context(tool_title: str, part: str = "") -> str:
    """Where words from direct work came from, as the record says it: "from Three Houses, house of worries"."""
    return f"from {tool_title}" + (f", {part[0].lower()}{part[1:]}" if part else "")


def as_quote(heard: VoiceEntry) -> VoiceEntry:
    """Words heard in a tool as a voice entry of the visit, quoted now: the same words, how and where."""
    return replace(heard, id=new_id(), recorded_at=datetime.now(UTC))


def is_quoted(heard: VoiceEntry, voice: list[VoiceEntry]) -> bool:
    """Whether words the child gave in a tool are already among the visit's own voice entries (the
    worker quoted them with one click): the same words, from the same place."""
    return any(entry.words.strip() == heard.words.strip() and entry.context == heard.context for entry in voice)
