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
        return {name: to_record(getattr(obj, name)) for name in _field_names(type(obj))}
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    if isinstance(obj, (list, tuple)):
        return [to_record(item) for item in obj]
    return obj


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Build `cls` from `to_record` output; keys it does not know are ignored (newer peers)."""
    hints = _hints(cls)
    kwargs = {f.name: _convert(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data}
    return cls(**kwargs)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return _convert(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_convert(item, v) for v in value]
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return from_record(hint, value)
        if issubclass(hint, enum.Enum):
            return hint(value)
        if issubclass(hint, datetime):
            return datetime.fromisoformat(value)
        if issubclass(hint, date):
            return date.fromisoformat(value)
    return value
