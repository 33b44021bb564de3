"""The child's voice: their own words, kept apart from the worker's reading of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
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
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    recorded_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def validate(self) -> None:
        if not self.words.strip():
            raise InvalidValue("Write down what the child said, wrote, drew or showed.")
