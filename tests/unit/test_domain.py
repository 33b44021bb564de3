from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import complete_fields
from wvisit.domain import (
    Child,
    Expressed,
    KeyPerson,
    LegalStatus,
    Visit,
    VoiceEntry,
    from_record,
    missing_for_finalise,
    to_record,
)
from wvisit.errors import InvalidValue

TODAY = date(2026, 11, 25)


def child(status=LegalStatus.CIN):
    return Child(name="Sam Example", date_of_birth=date(2015, 6, 1), legal_status=status)


def voice(visit):
    return [VoiceEntry(visit_id=visit.id, child_id=visit.child_id, words="I'm OK")]


def complete(**overrides):
    return Visit(child_id="c1", author="sw", **complete_fields(**overrides))


def test_a_complete_visit_needs_nothing_more():
    visit = complete()
    assert missing_for_finalise(visit, child(), voice(visit)) == []


def test_an_empty_draft_names_every_missing_field():
    visit = Visit(child_id="c1", author="sw")
    missing = missing_for_finalise(visit, child(LegalStatus.CLA), [])
    assert missing == [
        "the date and time of the visit",
        "where the visit took place",
        "who was present",
        "whether the child was seen",
        "whether the child's bedroom was seen",
        "what I saw",
        "analysis",
        "the next visit date",
    ]


def test_a_child_seen_but_not_alone_needs_a_reason_and_their_voice():
    visit = complete(seen_alone=False)
    assert missing_for_finalise(visit, child(), []) == [
        "why the child was not seen alone",
        "the child's voice, in their own words",
    ]


def test_a_child_not_seen_needs_a_reason_but_no_voice():
    visit = complete(child_seen=False, seen_alone=None)
    assert missing_for_finalise(visit, child(), []) == ["why the child was not seen"]
    visit.not_seen_reason = "Sam was at his nan's."
    assert missing_for_finalise(visit, child(), []) == []


def test_bedroom_is_asked_only_for_a_child_in_care():
    visit = complete(bedroom_seen=None)
    assert missing_for_finalise(visit, child(LegalStatus.CP), voice(visit)) == []
    assert missing_for_finalise(visit, child(LegalStatus.CLA), voice(visit)) == ["whether the child's bedroom was seen"]


def test_a_visit_dated_in_the_future_points_at_the_clock():
    visit = complete(started_at=datetime.now(UTC) + timedelta(days=3))
    missing = missing_for_finalise(visit, child(), voice(visit))
    assert missing == ["a visit date that is not in the future (check the laptop's clock)"]


def test_child_validation_catches_impossible_dates():
    with pytest.raises(InvalidValue, match="future"):
        Child("Sam Example", date(2030, 1, 1), LegalStatus.CIN).validate(TODAY)
    with pytest.raises(InvalidValue, match="older than 25"):
        Child("Sam Example", date(1980, 1, 1), LegalStatus.CIN).validate(TODAY)
    with pytest.raises(InvalidValue, match="name"):
        Child("  ", date(2015, 1, 1), LegalStatus.CIN).validate(TODAY)


def test_age_counts_birthdays():
    sam = Child("Sam Example", date(2015, 11, 26), LegalStatus.CIN)
    assert sam.age(date(2026, 11, 25)) == 10
    assert sam.age(date(2026, 11, 26)) == 11


def test_records_round_trip_with_nested_people_enums_and_dates():
    sam = child(LegalStatus.CP)
    sam.key_people = [KeyPerson("Jo Example", "aunt")]
    assert from_record(Child, to_record(sam)) == sam
    visit = complete()
    assert from_record(Visit, to_record(visit)) == visit
    entry = VoiceEntry(
        visit_id="v", child_id="c", words="\u0645\u0631\u062d\u0628\u0627 \U0001f308", expressed=Expressed.DREW
    )
    assert from_record(VoiceEntry, to_record(entry)) == entry


def test_voice_entry_needs_words():
    with pytest.raises(InvalidValue):
        VoiceEntry(visit_id="v", child_id="c", words="   ").validate()
