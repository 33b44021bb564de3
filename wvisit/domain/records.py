"""Turn the domain's dataclasses into plain dicts and back, by their type hints.

Why: the store seals a record as JSON, the sync protocol sends the same JSON, and the
CLI prints it. One converter serves all three, so a field added to a dataclass travels
everywhere without a hand-written mapping that could drift.
"""

from __future__ import annotations

import dataclasses
import enum
import operator
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_record(obj: Any) -> Any:
    """A JSON-ready value: dataclasses become dicts, dates ISO strings, enums their value."""
    kind = type(obj)
    if kind in _AS_IS:  # most fields: checked first, autosave is hot (a StrEnum's type is its enum)
        return obj
    convert = _BY_TYPE.get(kind)
    if convert is None:
        convert = _BY_TYPE[kind] = _to_record_of(kind)
    return convert(obj)


_AS_IS = frozenset({str, int, float, bool, type(None)})  # exactly these types, not their subclasses
_BY_TYPE: dict[type, Callable[[Any], Any]] = {}  # how to_record turns a value of each other type, worked out once


def _to_record_of(kind: type) -> Callable[[Any], Any]:
    """How `to_record` turns a value of `kind`: decided once per type (the checks, a failed `hasattr`
    most of all, cost more than the conversion), in this order."""
    if issubclass(kind, enum.Enum):
        return operator.attrgetter("_value_")  # `.value` is a descriptor written in Python
    if issubclass(kind, (str, int, float)):
        return _as_is
    if hasattr(kind, "__dataclass_fields__"):
        return _dataclass_to_record(kind)
    if issubclass(kind, (datetime, date)):
        return kind.isoformat
    if issubclass(kind, (list, tuple)):
        return _sequence_to_record
    return _as_is


def _as_is(obj: Any) -> Any:
    return obj


def _dataclass_to_record(cls: type) -> Callable[[Any], dict[str, Any]]:
    names = tuple(f.name for f in dataclasses.fields(cls))
    values: Callable[[Any], tuple[Any, ...]]
    if len(names) > 1:
        values = operator.attrgetter(*names)  # every field read in one call, in C
    else:

        def values(obj: Any) -> tuple[Any, ...]:
            return tuple(getattr(obj, name) for name in names)

    def convert(obj: Any) -> dict[str, Any]:
        # A field that is already JSON (the text, a flag) is taken as it is, without a call per field.
        return {
            name: value if type(value) in _AS_IS else to_record(value)
            for name, value in zip(names, values(obj), strict=True)
        }

    return convert


def _sequence_to_record(obj: list[Any] | tuple[Any, ...]) -> list[Any]:
    if set(map(type, obj)) == {int}:  # a drawing's points: one pass in C, not a call per number
        return list(obj)
    return [to_record(item) for item in obj]


def from_record(cls: type[T], data: dict[str, Any]) -> T:
    """Build `cls` from `to_record` output; keys it does not know are ignored (newer peers)."""
    as_is, converted = _converters(cls)  # type: ignore[arg-type]  # as above: a class is hashable
    fields = {name: data[name] for name in as_is if name in data}
    for name, convert in converted:
        if name in data:
            fields[name] = convert(data[name])
    return cls(**fields)


@cache
def _converters(cls: type) -> tuple[tuple[str, ...], tuple[tuple[str, Callable[[Any], Any]], ...]]:
    """The fields JSON already holds as they are (a text, a number, a flag: most of a record's), and
    a converter for each other field, worked out from the type hints once per class: a pull reads
    every record it receives, and a call per field that only handed its value back was half of it."""
    hints = typing.get_type_hints(cls)
    plans = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]
    return (
        tuple(name for name, convert in plans if convert is _as_is),
        tuple((name, convert) for name, convert in plans if convert is not _as_is),
    )


def _converter(hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = _converter(next(arg for arg in typing.get_args(hint) if arg is not type(None)))
        return _as_is if inner is _as_is else lambda value: None if value is None else inner(value)
    if origin is list:
        item = _converter(typing.get_args(hint)[0])
        if item is _as_is:  # a copy all the same: the record never shares a list with the body
            return lambda values: None if values is None else list(values)
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
    return _as_is  # None, a text, a number and a flag read as they are written
