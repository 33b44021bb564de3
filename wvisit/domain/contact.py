"""A contact beside the visits: a phone call, a meeting, a word with another professional.

Much of what a worker learns about a child comes between visits - the school rings, a core group
meets, a parent calls. Each is a short record of its own, written by the child's social worker:
when it happened, what kind of contact, who with and a summary. Like an addendum it never changes
once written (a mistake is put right by a later contact saying so). A significant one can be put on
the child's chronology, with its category, where it reads as any other line.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from wvisit.domain.child import Category
from wvisit.errors import InvalidValue

MAX_SUMMARY = 4000  # a contact is short; a longer account belongs in a visit record


class ContactKind(StrEnum):
    PHONE = "phone call"
    MEETING = "meeting"
    PROFESSIONAL = "professional contact"

    @property
    def label(self) -> str:
        return self.value.capitalize()


@dataclass
class Contact:
    child_id: str
    author: str
    kind: ContactKind
    at: datetime  # when the contact happened
    with_whom: str  # who it was with: "Ms Bell, class teacher"
    summary: str
    chronology: Category | None = None  # put on the chronology under this category; None: not significant
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    written_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def validate(self) -> None:
        if not self.with_whom.strip():
            raise InvalidValue("Say who the contact was with.")
        if not self.summary.strip():
            raise InvalidValue("Write a short summary of the contact.")
        if len(self.summary) > MAX_SUMMARY:
            raise InvalidValue(f"Keep the summary to {MAX_SUMMARY} characters; a longer account is a visit record.")
        if self.chronology is not None and not self.chronology.typed:
            raise InvalidValue("A contact goes on the chronology under an event's category, such as contact.")
