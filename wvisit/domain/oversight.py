"""Management oversight: a supervisor's note on a visit record, itself part of the child's record.

It says what was considered, the decision, and actions with owners and dates; and it
either signs the visit off or asks the worker for an addendum.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from wvisit.domain.child import PlanItem
from wvisit.errors import InvalidValue


class Outcome(StrEnum):
    SIGNED_OFF = "signed off"
    ADDENDUM_REQUESTED = "addendum requested"


@dataclass
class Oversight:
    visit_id: str
    child_id: str
    author: str
    considered: str
    decision: str
    outcome: Outcome
    actions: list[PlanItem] = field(default_factory=list)
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    written_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def validate(self) -> None:
        if not self.considered.strip():
            raise InvalidValue("Say what you considered.")
        if not self.decision.strip():
            raise InvalidValue("Write the decision.")
        for action in self.actions:
            if not action.owner.strip() or action.due is None:
                raise InvalidValue("Every action needs an owner and a date.")
