"""to_record decides how to turn each type once, and takes JSON values as they are: what it makes must
stay what the sealed body, the sync wire and the CLI have always read."""

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from enum import IntEnum

from wvisit.domain import Visit, from_record, to_record
from wvisit.domain.child import PlanItem
from wvisit.domain.visit import Location, VisitStatus


class Mood(IntEnum):
    LOW = 1


class Name(str):
    pass


@dataclass
class Single:
    only: Mood


@dataclass
class Nothing:
    pass


@dataclass
class Mixed:
    flag: bool
    count: int
    share: float
    text: str
    name: Name
    when: datetime
    day: date
    mood: Mood
    points: tuple[int, ...]
    items: list[Single] = field(default_factory=list)
    empty: Nothing = field(default_factory=Nothing)


def test_every_kind_of_value_becomes_the_json_it_always_was():
    aware = datetime(2026, 12, 3, 9, 30, tzinfo=timezone(timedelta(hours=1)))
    mixed = Mixed(True, 3, 0.5, "Ada \ud800 said", Name("Sam"), aware, date(2026, 12, 3), Mood.LOW, (1, 2, 3))
    mixed.items.append(Single(Mood.LOW))

    record = to_record(mixed)

    assert record == {
        "flag": True,
        "count": 3,
        "share": 0.5,
        "text": "Ada \ud800 said",
        "name": "Sam",
        "when": "2026-12-03T09:30:00+01:00",
        "day": "2026-12-03",
        "mood": 1,
        "points": [1, 2, 3],
        "items": [{"only": 1}],
        "empty": {},
    }
    assert type(record["flag"]) is bool and type(record["mood"]) is int and type(record["points"]) is list


def test_a_value_of_another_type_than_its_field_says_is_turned_by_what_it_is():
    """A form may put an enum in a text field or text in an enum field: the value's own type decides."""
    visit = Visit(child_id="c1", author="sw")
    visit.present = VisitStatus.FINAL  # type: ignore[assignment]
    visit.location = "home"  # type: ignore[assignment]

    record = to_record(visit)

    assert record["present"] == "final" and type(record["present"]) is str
    assert record["location"] == "home"
    assert from_record(Visit, record).location is Location.HOME


def test_a_list_changed_in_place_between_two_saves_is_written_as_it_is_now():
    visit = Visit(child_id="c1", author="sw", started_at=datetime(2026, 12, 3, 9, tzinfo=UTC))
    first = json.dumps(to_record(visit))
    visit.agreed_actions.append(PlanItem("Book the dentist", owner="Mum", due=date(2026, 12, 10)))
    visit.dictated.append("what_i_saw")
    visit.what_i_saw = "Ada showed me her room."

    record = to_record(visit)

    assert json.dumps(record) != first
    assert record["agreed_actions"][0]["owner"] == "Mum" and record["agreed_actions"][0]["due"] == "2026-12-10"
    assert record["dictated"] == ["what_i_saw"]
    assert from_record(Visit, record) == visit
