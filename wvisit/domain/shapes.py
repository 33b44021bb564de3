"""Reading a record's body from outside this process (a push, a pull, a tool's result) into its
dataclass, checking its shape against the class's type hints first.

A module of its own so the registry of kinds (kinds.py) and the direct-work tools (wvisit/tools)
can both use it without depending on each other through it.
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
    return _checker(hint)(value)


@cache
def _checker(hint: Any) -> Callable[[Any], bool]:
    """The check for one type hint, worked out once: a sync checks every field of every record it
    sends or receives, and reading the hint each time was most of the time a pull took (profile)."""
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        checks = tuple(_checker(arg) for arg in typing.get_args(hint))
        return lambda value: any(check(value) for check in checks)
    if hint is type(None):
        return lambda value: value is None
    if origin is list:
        (item,) = typing.get_args(hint)
        check = _checker(item)
        return lambda value: isinstance(value, list) and all(check(v) for v in value)
    if origin is dict:
        return lambda value: isinstance(value, dict)
    if not isinstance(hint, type):
        return lambda value: True
    if dataclasses.is_dataclass(hint):
        return lambda value: isinstance(value, dict) and not _misfit(hint, value)
    if issubclass(hint, enum.Enum):
        members = tuple(member.value for member in hint)
        return lambda value: any(value == member for member in members)
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
