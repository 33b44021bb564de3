"""A direct-work sitting: what a child made with one tool during a visit (houses, a scale, a drawing...).

The result is the tool's own structured data in record form (see wvisit.tools for each
tool's shape); the domain keeps it as a dict so that a tool can be added without a change
here. ("Sitting", not "session": a session in wvisit is the unlocked vault and store.)
`summary` is what the visit record shows: the child's words and what they did, never
the worker's reading of it. `picture_png` is the rendered picture (base64 PNG) made when the
child finishes, so the record shows what the child saw even if a tool's drawing code changes.
`continues` names the earlier sitting (of another visit) a drawing, the houses or an ecomap was
carried on from: the earlier one stays as it was, part of its own visit's record, and this one
starts from a copy of it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from wvisit.errors import InvalidValue


@dataclass
class Sitting:
    visit_id: str
    child_id: str
    tool: str
    result: dict[str, Any] = field(default_factory=dict[str, Any])
    summary: str = ""
    picture_png: str = ""
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    continues: str = ""  # the id of the earlier sitting this one carries on from, if any

    def validate(self) -> None:
        if not self.tool:
            raise InvalidValue("A direct-work sitting needs its tool.")
        if self.continues == self.id:
            raise InvalidValue("A direct-work sitting cannot carry on from itself.")
