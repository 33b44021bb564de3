"""A visit is sealed as the very JSON text orjson writes for `to_record`'s dict, and given the plain
columns `plain_columns` takes from that dict, though the save now has orjson write the text from the
dataclass itself and makes no dict: checked for any visit, every field of it (a field added later is
generated too), with times in any zone, including offsets with seconds, which orjson's own datetime
text would cut."""

import dataclasses
import enum
import json
import types
import typing
from datetime import date, datetime, timedelta, timezone

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from wvisit.domain import Visit, to_record
from wvisit.store.kinds import plain_columns
from wvisit.store.sealed import encode
from wvisit.store.visits import visit_json

OFFSETS = st.timedeltas(min_value=timedelta(hours=-23, minutes=-59), max_value=timedelta(hours=23, minutes=59))
ZONES = st.one_of(st.none(), st.timezones(), OFFSETS.map(timezone))
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)


def values(hint: typing.Any) -> st.SearchStrategy[typing.Any]:
    """Any value of the type `hint`, made field by field for a dataclass."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return st.one_of(*(st.none() if arg is type(None) else values(arg) for arg in args))
    if origin is list:
        return st.lists(values(args[0]), max_size=3)
    if hint is datetime:
        return st.datetimes(timezones=ZONES)
    if hint is str:
        return TEXT
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return st.sampled_from(hint)
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        return st.builds(hint, **{field.name: values(hints[field.name]) for field in dataclasses.fields(hint)})
    return st.from_type(hint)


@settings(max_examples=150)
@given(values(Visit))
def test_any_visit_is_sealed_as_the_json_of_its_record_with_its_plain_columns(visit):
    record = to_record(visit)
    written = visit_json(visit)
    assert written.data == orjson.dumps(record) == encode(record)
    assert written.plain == plain_columns("visit", record)


def test_a_time_whose_offset_has_seconds_keeps_them():
    at = datetime(2026, 11, 2, 10, 30, tzinfo=timezone(timedelta(hours=5, minutes=30, seconds=15)))
    visit = Visit(child_id="c-1", author="sw.example", started_at=at, next_visit=date(2026, 12, 1))
    written = visit_json(visit)
    assert json.loads(written.data)["started_at"] == written.plain["visited_at"] == "2026-11-02T10:30:00+05:30:15"


def test_a_lone_surrogate_goes_to_the_stores_own_encoder():
    visit = Visit(child_id="c-1", author="sw.example", what_i_saw="Pasted: \ud83d alone.")
    written = visit_json(visit)
    assert written.data == encode(to_record(visit))
    assert written.plain == plain_columns("visit", to_record(visit))


def test_an_attribute_that_is_not_a_field_is_never_sealed():
    """orjson writes every attribute of the object; only the visit's fields are its record."""
    visit = Visit(child_id="c-1", author="sw.example", what_i_saw="Ada showed me her room.")
    visit.draft_note_to_self = "not part of the record"  # as a screen might leave on the object
    written = visit_json(visit)
    assert written.data == encode(to_record(visit))
    assert b"not part of the record" not in written.data
