"""Recording a contact beside the visits: a phone call, a meeting, a professional contact.

The screens (through ui/operations.py) and the command line both record contacts here, so one
typed at the command line passes the same checks as one typed in the child's page. A contact is
signed by this laptop's account and dated when written; when it happened is the worker's to say,
but never in the future nor before the child was born (the central record refuses a time ahead of its clock too).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from wvisit.domain import Category
from wvisit.domain.contact import Contact, ContactKind
from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    from wvisit.store import Store


def record(
    store: Store,
    child_id: str,
    kind: ContactKind,
    at: datetime,
    with_whom: str,
    summary: str,
    chronology: Category | None = None,
    now: datetime | None = None,
) -> Contact:
    """A new contact for the child, written now; with `chronology`, it goes on the child's chronology
    under that category. Refused (InvalidValue, one plain sentence) when it happened in the future, or on
    a supervisor's laptop."""
    if store.sync_state.get("role") == "supervisor":  # the central record would refuse it at the next sync
        raise InvalidValue("A contact is recorded by the child's social worker, not from a supervisor's account.")
    now = now or datetime.now(UTC)
    moment = at if at.tzinfo else at.astimezone()  # a time typed on the laptop is its local time
    if moment > now:
        raise InvalidValue("The contact's date and time are in the future. Check them, and the laptop's clock.")
    if moment.date() < store.children.get(child_id).date_of_birth:
        raise InvalidValue("The contact's date is before the child's date of birth. Check the date.")
    contact = Contact(
        child_id=child_id,
        author=store.actor,
        kind=kind,
        at=moment,
        with_whom=with_whom.strip(),
        summary=summary.strip(),
        chronology=chronology,
        written_at=now,
    )
    return store.contacts.add(contact)
