"""Turn the domain's dataclasses into plain dicts and back, by their type hints.

Why: the store seals a record as JSON, the sync protocol sends the same JSON, and the
CLI prints it. One converter serves all three, so a field added to a dataclass travels
everywhere without a hand-written mapping that could drift.
"""

from __future__ import annotations

import dataclasses
import enum
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_record(obj: Any) -> Any:
    """A JSON-ready value: dataclasses become dicts, dates ISO strings, enums their value."""
    if isinstance(obj, enum.Enum):
        return obj.value
    if obj is None or isinstance(obj, (str, int, float)):  # most fields: checked first, autosave is hot
        return obj
    if hasattr(type(obj), "__dataclass_fields__"):
        names = _field_names(type(obj))  # type: ignore[arg-type]  # classes hash; mypy's Hashable misses type[Any]
        return {name: to_record(getattr(obj, name)) for name in names}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        if set(map(type, obj)) == {int}:  # a drawing's points: one pass in C, not a call per number
            return list(obj)
        return [to_record(item) for item in obj]
    return obj


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Build `cls` from `to_record` output; keys it does not know are ignored (newer peers)."""
    converters = _converters(cls)  # type: ignore[arg-type]  # as above: a class is hashable
    return cls(**{name: convert(data[name]) for name, convert in converters if name in data})


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _converters(cls: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """One converter per field, worked out from the type hints once per class (records are read often)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls))


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(arg for arg in typing.get_args(hint) if arg is not type(None)))
        return lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(typing.get_args(hint)[0])
        return lambda values: None if values is None else [item(v) for v in values]
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return lambda value: None if value is None else from_record(hint, value)
        if issubclass(hint, enum.Enum):
            return lambda value: None if value is None else hint(value)
        if issubclass(hint, datetime):
            return lambda value: None if value is None else datetime.fromisoformat(value)
        if issubclass(hint, date):
            return lambda value: None if value is None else date.fromisoformat(value)
    return lambda value: value
