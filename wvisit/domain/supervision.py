"""Case supervision: the supervisor and the worker think together about one child, in the systemic way.

The fifth of the Wandsworth 5. A record says when supervision was held and who was there, what
was talked through (hypotheses about the family, what is working well, the worries, the child's
lived experience, and the trio of vulnerabilities: domestic abuse, parental mental health and
parental substance misuse), what was decided, the actions with owners and dates (they join the
child's plan), and when the child's case is supervised next.

A record is written once the supervisor signs it and never changes after: the worker sees it
as signed. One supervision meeting can cover several children of one worker; each child gets
their own record, and the records of one meeting share its `meeting` id.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta

from wvisit.domain.child import PlanItem
from wvisit.domain.dates import aware
from wvisit.errors import InvalidValue


@dataclass
class Reflection:
    """The reflective discussion, heading by heading; a heading left empty was not discussed."""

    hypotheses: str = ""  # what might be happening in this family, and why: held lightly, tested
    working_well: str = ""
    worries: str = ""
    lived_experience: str = ""  # the child's day-to-day life, as the child would tell it
    domestic_abuse: str = ""
    parental_mental_health: str = ""
    parental_substance_misuse: str = ""


REFLECTION_HEADINGS: dict[str, str] = {
    "hypotheses": "Hypotheses about the family",
    "working_well": "What is working well",
    "worries": "What we are worried about",
    "lived_experience": "The child's lived experience",
    "domestic_abuse": "Domestic abuse",
    "parental_mental_health": "Parental mental health",
    "parental_substance_misuse": "Parental substance misuse",
}
TRIO = ("domestic_abuse", "parental_mental_health", "parental_substance_misuse")


@dataclass
class Supervision:
    child_id: str
    author: str  # the supervisor's login; the central record stamps it from the token
    held_on: date
    attendees: str  # who attended, as the supervisor writes it ("Jo Reed, Sam Patel")
    discussion: Reflection
    decisions: str
    next_due: date  # when this child's case is supervised next
    actions: list[PlanItem] = field(default_factory=list)
    meeting: str = ""  # shared by the records of one supervision meeting (several children of one worker)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    written_at: datetime = field(default_factory=lambda: datetime.now(UTC))  # when it was signed

    def validate(self) -> None:
        """A record fit to sign: who was there, the child's lived experience, a decision, SMART actions,
        a next date after this one. Sentences name the field, never a value."""
        if not self.attendees.strip():
            raise InvalidValue("Say who attended the supervision.")
        if not self.discussion.lived_experience.strip():
            raise InvalidValue("Write about the child's lived experience.")
        if not self.decisions.strip():
            raise InvalidValue("Write the decisions.")
        signed = aware(self.written_at)
        if self.held_on > signed.date() + timedelta(days=1):  # a day's grace: local dates run ahead of UTC
            raise InvalidValue("The supervision date is later than the day it is signed.")
        if self.next_due <= self.held_on:
            raise InvalidValue("The next supervision is after this one.")
        for action in self.actions:
            if not action.action.strip() or not action.owner.strip() or action.due is None:
                raise InvalidValue("Every action needs an owner and a date.")

    def discussed(self) -> list[tuple[str, str]]:
        """(heading, text) for each heading of the discussion that was written, in the record's order."""
        return [
            (REFLECTION_HEADINGS[f.name], getattr(self.discussion, f.name))
            for f in fields(Reflection)
            if getattr(self.discussion, f.name).strip()
        ]
