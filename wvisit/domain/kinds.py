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

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, TypeVar

from wvisit.domain.addendum import Addendum
from wvisit.domain.attachment import Attachment
from wvisit.domain.child import Child
from wvisit.domain.oversight import Oversight
from wvisit.domain.records import from_record
from wvisit.domain.tool_session import ToolSession
from wvisit.domain.visit import Visit, VisitStatus
from wvisit.domain.voice import VoiceEntry
from wvisit.errors import InvalidValue

T = TypeVar("T")


def _never(body: dict) -> bool:
    return False


def _once_written(body: dict) -> bool:
    return True


def _once_final(body: dict) -> bool:
    return body.get("status") == VisitStatus.FINAL.value


def _no_rules(record: Any) -> None:
    """A kind whose body is right whenever it fits its class."""


def _child_rules(child: Child) -> None:
    """The child's own check without its time-bound parts, by checking as on the day of birth.

    A date of birth in the future or an age over 25 is refused when the worker enters it; a record
    once accepted must stay readable as the child grows older, whatever a server's clock says.
    """
    child.validate(today=child.date_of_birth)


def _tool_rules(session: ToolSession) -> None:
    """A sitting names its tool, and the tool checks its own result (wvisit/tools).

    Imported here, not at the top: tools build on this module's `read`, and are plain data
    without Qt or storage, so the central record may read them too.
    """
    from wvisit import tools

    session.validate()
    if session.tool not in tools.REGISTRY:
        raise InvalidValue("This direct-work tool is not one this version of wvisit knows: update wvisit.")
    tools.get(session.tool).validate(session.result)


@dataclass(frozen=True)
class Kind:
    """One kind of record. `immutable(body)` says whether a stored body may no longer change; a
    child's words and direct work are part of their visit and stop changing with it, which the
    store checks against the visit."""

    name: str
    cls: type
    schema_version: int = 1
    child_key: str | None = "child_id"  # the body's value naming its child; None: the store finds the owner's
    immutable: Callable[[dict], bool] = _never
    rules: Callable[[Any], None] = _no_rules  # the record's own check, beyond fitting its class

    def child_in(self, body: dict) -> str | None:
        """The child the body says it belongs to, or None where only the owner record knows."""
        return None if self.child_key is None else body.get(self.child_key)

    def validate(self, body: Any) -> None:
        """Refuse (InvalidValue) a body not of this kind's shape, or one its own rules refuse."""
        self.rules(read(self.cls, body, f"{self.name} record"))


KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("child", Child, child_key="id", rules=_child_rules),
        Kind("visit", Visit, immutable=_once_final),
        Kind("voice", VoiceEntry, rules=VoiceEntry.validate),
        Kind("addendum", Addendum, child_key=None, immutable=_once_written, rules=Addendum.validate),
        Kind("attachment", Attachment, child_key=None, immutable=_once_written),
        Kind("oversight", Oversight, immutable=_once_written, rules=Oversight.validate),
        Kind("tool", ToolSession, rules=_tool_rules),
    )
}

SCHEMA_VERSIONS: dict[str, int] = {kind.name: kind.schema_version for kind in KINDS.values()}


def too_new(kind: str, schema_version: int) -> bool:
    """Whether a record was written by a newer wvisit than this one (an unknown kind counts as newer)."""
    return schema_version > SCHEMA_VERSIONS.get(kind, 0)


def check(kind: str, record_id: str, child_id: str, body: Any) -> None:
    """What the central record asks of every pushed record and the laptop of every pulled one: a body
    of its kind's shape and rules, that is the record it travels as and names the child it travels for."""
    if kind not in KINDS:
        raise InvalidValue("This kind of record is not one this version of wvisit knows.")
    entry = KINDS[kind]
    entry.validate(body)
    if body.get("id") != record_id:
        raise InvalidValue(f"The {kind} record's body is for another record than the one it was sent as.")
    named = entry.child_in(body)
    if named is not None and named != child_id:
        raise InvalidValue(f"The {kind} record's body names another child than the one it was sent for.")


def read(cls: type[T], body: Any, what: str) -> T:
    """`from_record` for a body from outside this process (a push, a pull, a tool's result).

    A body may be anything JSON can say, so one that is not `cls`'s shape is refused with
    InvalidValue naming the field, never another exception. Keys `cls` does not know are ignored
    (a newer peer's); a missing key with a default takes it (an older peer's).
    """
    if not isinstance(body, dict):
        raise InvalidValue(f"A {what} is not a record.")
    misfit = _misfit(cls, body)
    if misfit:
        raise InvalidValue(f"A {what} {misfit}.")
    return from_record(cls, body)


def _misfit(cls: type, body: dict) -> str:
    """What is wrong with the body for `cls` ("has no name"), or "" when it fits."""
    for name, hint, required in _shape(cls):
        if name not in body:
            if required:
                return f"has no {name}"
        elif not _fits(hint, body[name]):
            return f"has a {name} that is not the right kind of value"
    return ""


@cache
def _shape(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(field, type hint, required) for each field, worked out once per class."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (f.name, hints[f.name], f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    )


def _fits(hint: Any, value: Any) -> bool:
    """Whether a JSON value is what `to_record` makes of a value of this type."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(arg, value) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_fits(item, v) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if not isinstance(hint, type):
        return True
    if dataclasses.is_dataclass(hint):
        return isinstance(value, dict) and not _misfit(hint, value)
    if issubclass(hint, enum.Enum):
        return any(value == member.value for member in hint)
    if issubclass(hint, date):  # a datetime too
        return isinstance(value, str) and _is_iso(hint, value)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _is_iso(hint: type[date], value: str) -> bool:
    try:
        hint.fromisoformat(value)
    except ValueError:
        return False
    return True
