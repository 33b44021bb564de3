"""Case supervision: a supervisor records one supervision meeting, for one child or several of one worker.

Each child gets their own record (the Wandsworth 5 asks it of every child's record), sharing the
meeting's date and who attended; each child's actions then join that child's plan, as management
oversight's do. The screens (through ui/operations.py) call this; so do the tests.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from wvisit.app import children
from wvisit.domain.supervision import Supervision
from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    from wvisit.store import Store


def record_meeting(store: Store, records: list[Supervision], today: date | None = None) -> list[Supervision]:
    """Sign and store one meeting's records, all or none, signed by the account the store writes as;
    then each child's actions join their plan (checked as on `today`). Returns the records as stored."""
    if not records:
        raise InvalidValue("Choose at least one child to record supervision for.")
    if len({record.child_id for record in records}) != len(records):
        raise InvalidValue("Each child is recorded once in a supervision meeting.")
    meeting = records[0].meeting or str(uuid.uuid4())
    signed = store.supervision.add(*(replace(record, meeting=meeting) for record in records))
    day = today or date.today()
    for record in signed:
        children.join_plan(store, record.child_id, record.actions, day)
    return signed
