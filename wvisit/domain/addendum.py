"""An addendum: the only way to correct a finalised visit record, as in legal case recording."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime

from wvisit.errors import InvalidValue


@dataclass
class Addendum:
    visit_id: str
    author: str
    why: str
    text: str
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    written_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def validate(self) -> None:
        if not self.why.strip():
            raise InvalidValue("Say why the addendum is needed.")
        if not self.text.strip():
            raise InvalidValue("The addendum has no text.")
