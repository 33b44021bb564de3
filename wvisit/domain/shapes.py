"""Reading a record's body from outside this process (a push, a pull, a tool's result) into its
dataclass, checking its shape against the class's type hints first.

A module of its own so the registry of kinds (kinds.py) and the direct-work tools (wvisit/tools)
can both use it without depending on each other through it.

The check is worked out once per class: one plain function per field, made from its type hint
(`_checker`), so checking a body is a loop over the fields with no type hint read, hashed or
looked up while it runs. A sync checks every field of every record it sends or receives.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import Any, TypeVar

from wvisit.domain.records import from_record
from wvisit.errors import InvalidValue

T = TypeVar("T")
Check = Callable[[Any], bool]
_ABSENT = object()  # a key the body does not have (None is a value a body may hold)


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


def _misfit(cls: type, body: dict[str, Any]) -> str:
    """What is wrong with the body for `cls` ("has no name"), or "" when it fits."""
    for name, fits, required in _shape(cls):
        value = body.get(name, _ABSENT)
        if value is _ABSENT:
            if required:
                return f"has no {name}"
        elif not fits(value):
            return f"has a {name} that is not the right kind of value"
    return ""


@cache
def _shape(cls: type) -> tuple[tuple[str, Check, bool], ...]:
    """(field, its check, required) for each field, worked out once per class."""
    hints = typing.get_type_hints(cls)
    return tuple(
        (
            f.name,
            _checker(hints[f.name]),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
    )


def _fits(hint: Any, value: Any) -> bool:
    """Whether a JSON value is what `to_record` makes of a value of this type."""
    return _checker(hint)(value)


@cache
def _checker(hint: Any) -> Check:
    """The check for one type hint, worked out once. The commonest hints of a body (a text, an
    optional text, flag or time) get a check of their own rather than one built of smaller ones."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        args = typing.get_args(hint)
        others = tuple(arg for arg in args if arg is not type(None))
        if len(others) == 1 and len(args) == 2:  # X | None, the commonest union of all
            inner = _checker(others[0])
            return lambda value: value is None or inner(value)
        checks = tuple(_checker(arg) for arg in args)
        return lambda value: any(check(value) for check in checks)
    if hint is type(None):
        return lambda value: value is None
    if origin is list:
        (item,) = typing.get_args(hint)
        check = _checker(item)
        return lambda value: isinstance(value, list) and all(map(check, value))
    if origin is dict:
        return lambda value: isinstance(value, dict)
    if not isinstance(hint, type):
        return lambda value: True
    if dataclasses.is_dataclass(hint):
        return lambda value: isinstance(value, dict) and not _misfit(hint, value)
    if issubclass(hint, enum.Enum):
        members = tuple(member.value for member in hint)
        return lambda value: value in members  # `in` a tuple compares by ==, as the members' values do
    if issubclass(hint, date):  # a datetime too
        return lambda value: isinstance(value, str) and _is_iso(hint, value)
    if hint is int:
        return lambda value: isinstance(value, int) and not isinstance(value, bool)
    return lambda value: isinstance(value, hint)


def _is_iso(hint: type[date], value: str) -> bool:
    try:
        hint.fromisoformat(value)
    except ValueError:
        return False
    return True
