"""No record kind and no tool's result holds a float anywhere in its shape.

A visit's body and a stroke's row are written as JSON by orjson (store/visits.py, store/stroke_log.py),
which writes NaN and infinity as null where the json module writes NaN and Infinity: a float field
would let a record be stored as something other than what was saved. Whole numbers, text, flags,
dates and lists of those are written identically by both; this keeps it so."""

from __future__ import annotations

import dataclasses
import types
import typing

from wvisit import tools
from wvisit.domain.kinds import KINDS


def hints_within(cls: type, seen: set[type]) -> typing.Iterator[tuple[str, object]]:
    """(where, hint) for every field's type hint in `cls` and the dataclasses it holds, depth first."""
    if cls in seen:
        return
    seen.add(cls)
    for name, hint in typing.get_type_hints(cls).items():
        yield from _within(f"{cls.__name__}.{name}", hint, seen)


def _within(where: str, hint: object, seen: set[type]) -> typing.Iterator[tuple[str, object]]:
    yield where, hint
    for arg in typing.get_args(hint):
        yield from _within(where, arg, seen)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        yield from hints_within(hint, seen)


def test_no_kind_or_tool_result_declares_a_float():
    roots = [kind.cls for kind in KINDS.values()] + [tool.result_type for tool in tools.REGISTRY.values()]
    seen: set[type] = set()
    floats = [where for root in roots for where, hint in hints_within(root, seen) if hint is float]
    assert floats == []
    assert len(seen) > len(roots)  # the walk went into the dataclasses they hold


@dataclasses.dataclass
class Inner:
    size: float | None = None


@dataclasses.dataclass
class Outer:
    parts: list[Inner] = dataclasses.field(default_factory=list)


def test_the_walk_finds_a_float_where_there_is_one():
    found = [where for where, hint in hints_within(Outer, set()) if hint is float]
    assert found == ["Inner.size"]
    assert types.NoneType in [hint for _, hint in hints_within(Outer, set())]
