"""The one registry of record kinds, read alike by the laptop and the central record.

For each kind of record that travels between laptops and the central record: its domain class,
its schema version, where its body names the child it belongs to, when it stops changing, and
the check every body must pass before it is stored or accepted. The laptop's store, its sync
engine and the central service all ask this registry, so a body one of them accepts the others
accept too, and a kind added here is known everywhere at once.

A kind's schema version goes up when its body gains a value or changes what one means. Every
synced record carries the version its body was written in, so a wvisit that meets a newer one
sets it aside ("update wvisit") instead of dropping the value it does not know, or refusing the
whole page it came in.

A body that does not fit is refused with InvalidValue and one plain sentence naming the kind and
at most a field, never a value: the sentence travels back to the laptop that sent it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from wvisit.domain.addendum import Addendum
from wvisit.domain.attachment import Attachment
from wvisit.domain.child import Child
from wvisit.domain.contact import Contact
from wvisit.domain.dates import aware
from wvisit.domain.oversight import Oversight
from wvisit.domain.shapes import read
from wvisit.domain.sitting import Sitting
from wvisit.domain.supervision import Supervision
from wvisit.domain.visit import Visit, VisitStatus, check_closing
from wvisit.domain.voice import VoiceEntry
from wvisit.errors import InvalidValue

T = TypeVar("T")


def _never(body: dict[str, Any]) -> bool:
    return False


def _once_written(body: dict[str, Any]) -> bool:
    return True


def _once_closed(body: dict[str, Any]) -> bool:
    """A visit stops changing once finalised, or discarded as started in error."""
    return bool(body.get("status", VisitStatus.DRAFT.value) != VisitStatus.DRAFT.value)


def _no_rules(record: Any) -> None:
    """A kind whose body is right whenever it fits its class."""


def _child_rules(child: Child) -> None:
    """The child's own check without its time-bound parts, by checking as on the day of birth.

    A date of birth in the future or an age over 25 is refused when the worker enters it; a record
    once accepted must stay readable as the child grows older, whatever a server's clock says.
    """
    child.validate(today=child.date_of_birth)


def _tool_rules(session: Sitting) -> None:
    """A sitting names its tool, and the tool checks its own result (wvisit/tools: direct-work tools
    are domain data too, without Qt or storage, so the central record reads them as well)."""
    from wvisit import tools  # here, not at the top: wvisit.tools imports the domain it belongs to

    session.validate()
    if session.tool not in tools.REGISTRY:
        raise InvalidValue("This direct-work tool is not one this version of wvisit knows: update wvisit.")
    tools.get(session.tool).validate(session.result)


class OnVisit(StrEnum):
    """What a record that belongs to a visit needs of that visit when it is written."""

    DRAFT = "draft"  # the child's words and direct work: part of the visit, written before it is finalised
    FINAL = "final"  # an addendum or management oversight: about a finalised visit


@dataclass(frozen=True)
class Kind:
    """One kind of record. `immutable(body)` says whether a stored body may no longer change; a
    child's words and direct work are part of their visit and stop changing with it, which the
    store checks against the visit. `on_visit` says which visit state a record of the kind needs
    (None: it belongs to no visit); `moments` names the body's times, which the central record
    keeps between the child's birth and its own clock."""

    name: str
    cls: type
    schema_version: int = 1
    child_key: str | None = "child_id"  # the body's value naming its child; None: the store finds the owner's
    immutable: Callable[[dict[str, Any]], bool] = _never
    rules: Callable[[Any], None] = _no_rules  # the record's own check, beyond fitting its class
    on_visit: OnVisit | None = None  # the body's visit_id names the visit
    moments: tuple[str, ...] = ()

    def child_in(self, body: dict[str, Any]) -> str | None:
        """The child the body says it belongs to, or None where only the owner record knows."""
        return None if self.child_key is None else body.get(self.child_key)

    def moments_in(self, record: Any) -> list[datetime]:
        """The record's times that are set, as aware datetimes (a time without a zone is taken as UTC).
        `record` is what `validate` read: the body is not read and checked again for them."""
        found = (getattr(record, name) for name in self.moments)
        return [aware(m) for m in found if m is not None]

    def validate(self, body: Any) -> Any:
        """Refuse (InvalidValue) a body not of this kind's shape, or one its own rules refuse; else
        the record read from it, for a caller that goes on to read its values (the central record)."""
        record: Any = read(self.cls, body, f"{self.name} record")
        self.rules(record)
        return record


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind(
            "child",
            Child,
            # 2: a plan or chronology line can be struck through (who, when, why);
            # 3: a chronology line's category, source and impact; child protection plan details, household
            schema_version=3,
            child_key="id",
            rules=_child_rules,
        ),
        Kind(
            "visit",
            Visit,
            # 2: a draft can be discarded (status "discarded", discarded_at, discarded_why);
            # 3: next_visit_reason, why the next visit is later than the visit-frequency policy allows;
            # 4: dictated, the text fields holding dictated words not yet reviewed;
            # 5: agreed_actions, the actions agreed as rows (what, who, by when) that join the child's plan
            schema_version=5,
            immutable=_once_closed,
            rules=check_closing,
            moments=("started_at", "ended_at", "finalised_at", "discarded_at"),
        ),
        Kind("voice", VoiceEntry, rules=VoiceEntry.validate, on_visit=OnVisit.DRAFT, moments=("recorded_at",)),
        Kind(
            "addendum",
            Addendum,
            child_key=None,
            immutable=_once_written,
            rules=Addendum.validate,
            on_visit=OnVisit.FINAL,
            moments=("written_at",),
        ),
        Kind("attachment", Attachment, child_key=None, immutable=_once_written, rules=Attachment.validate),
        Kind(
            "oversight",
            Oversight,
            immutable=_once_written,
            rules=Oversight.validate,
            on_visit=OnVisit.FINAL,
            moments=("written_at",),
        ),
        Kind("tool", Sitting, rules=_tool_rules, on_visit=OnVisit.DRAFT, moments=("started_at",)),
        Kind(
            "supervision",  # case supervision of one child: written and signed by a supervisor, never changed
            Supervision,
            immutable=_once_written,
            rules=Supervision.validate,
            moments=("written_at",),
        ),
        Kind(
            "contact",
            Contact,
            immutable=_once_written,
            rules=Contact.validate,
            moments=("at", "written_at"),
        ),
    )
}

SCHEMA_VERSIONS: dict[str, int] = {kind.name: kind.schema_version for kind in KINDS.values()}


def too_new(kind: str, schema_version: int) -> bool:
    """Whether a record was written by a newer wvisit than this one (an unknown kind counts as newer)."""
    return schema_version > SCHEMA_VERSIONS.get(kind, 0)


def check(kind: str, record_id: str, child_id: str, body: Any) -> Any:
    """What the central record asks of every pushed record and the laptop of every pulled one: a body
    of its kind's shape and rules, that is the record it travels as and names the child it travels for.
    Returns the record read from the body (see `Kind.validate`)."""
    if kind not in KINDS:
        raise InvalidValue("This kind of record is not one this version of wvisit knows.")
    entry = KINDS[kind]
    record = entry.validate(body)
    if body.get("id") != record_id:
        raise InvalidValue(f"The {kind} record's body is for another record than the one it was sent as.")
    named = entry.child_in(body)
    if named is not None and named != child_id:
        raise InvalidValue(f"The {kind} record's body names another child than the one it was sent for.")
    return record
