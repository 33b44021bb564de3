"""A stale edit of a child's record never overwrites a newer one: it is refused, then merged field by field."""

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import make_child
from wvisit.domain import Child, ChronologyEvent, KeyPerson, LegalStatus, PlanItem
from wvisit.domain.child import Strike
from wvisit.domain.merge import merge_child
from wvisit.errors import RecordChanged

BASE = Child(
    name="Ada Example",
    date_of_birth=date(2016, 3, 4),
    legal_status=LegalStatus.CIN,
    summary="Ada lives with mum.",
    key_people=[KeyPerson("Mum")],
)


def test_a_stale_screen_never_overwrites_a_newer_child(store):
    child = make_child(store)
    stale, seen = store.children.get_versioned(child.id)  # a page opened an hour ago
    child.summary = "Pulled from the central record: Ada moved school in May."
    store.children.update(child, base_version=seen)  # meanwhile a sync stores version 2
    stale.summary = ""  # the old page's empty summary
    with pytest.raises(RecordChanged, match="not saved over it"):
        store.children.update(stale, base_version=seen)
    newest, version = store.children.get_versioned(child.id)
    assert version == 2 and newest.summary.startswith("Pulled from the central record")
    assert store.outbox.count() == 1  # nothing extra queued for the central record


def test_an_addition_lands_on_the_newest_version(store):
    child = make_child(store)
    child.summary = "newer"
    store.children.update(child, base_version=1)
    store.children.amend(child.id, lambda c: c.events.append(ChronologyEvent(date(2026, 11, 14), "Police call-out")))
    newest = store.children.get(child.id)
    assert newest.summary == "newer" and [e.what for e in newest.events] == ["Police call-out"]


def test_only_text_both_sides_changed_differently_is_a_conflict():
    mine = replace(BASE, summary="Ada is settled at school.", address="1 Example Road", plan=[PlanItem("Review")])
    theirs = replace(
        BASE,
        summary="Ada moved school in May.",
        language_notes="Bilingual",
        key_people=[KeyPerson("Mum"), KeyPerson("Jo")],
    )
    merged = merge_child(BASE, mine, theirs)
    assert merged.conflicts == ("summary",)
    child = merged.child
    assert child.address == "1 Example Road" and child.language_notes == "Bilingual"
    assert child.plan == [PlanItem("Review")] and child.key_people == [KeyPerson("Mum"), KeyPerson("Jo")]


def test_both_sides_adding_to_a_list_keep_both():
    mine = replace(BASE, key_people=[KeyPerson("Mum"), KeyPerson("Nan")])
    theirs = replace(BASE, key_people=[KeyPerson("Mum"), KeyPerson("Jo")])
    merged = merge_child(BASE, mine, theirs).child
    assert merged.key_people == [KeyPerson("Mum"), KeyPerson("Jo"), KeyPerson("Nan")]


def test_a_line_struck_through_while_a_colleague_added_one_stays_struck_in_its_place():
    review, visit = PlanItem("Review school attendance", "SW"), PlanItem("Weekly visit", "SW")
    base = replace(BASE, plan=[review, visit])
    struck = replace(review, struck=Strike("sw.demo", datetime(2026, 11, 20, 10, tzinfo=UTC), "Agreed at core group"))
    mine = replace(BASE, plan=[struck, visit, PlanItem("Attendance meeting", "School")])  # a correction added
    theirs = replace(BASE, plan=[review, visit, PlanItem("Health assessment", "Nurse")])
    merged = merge_child(base, mine, theirs).child
    assert merged.plan == [
        struck,
        visit,
        PlanItem("Health assessment", "Nurse"),
        PlanItem("Attendance meeting", "School"),
    ]


def test_a_person_taken_off_while_a_colleague_added_one_stays_off():
    base = replace(BASE, key_people=[KeyPerson("Mum"), KeyPerson("Nan")])
    mine = replace(BASE, key_people=[KeyPerson("Mum")])
    theirs = replace(BASE, key_people=[KeyPerson("Mum"), KeyPerson("Nan"), KeyPerson("Jo")])
    assert merge_child(base, mine, theirs).child.key_people == [KeyPerson("Mum"), KeyPerson("Jo")]


NAMES = ("Mum", "Dad", "Nan", "Jo", "Sam", "Kit")
people = st.lists(st.sampled_from([KeyPerson(name) for name in NAMES]), unique_by=lambda p: p.name)


@given(was=people, ours=people, newer=people)
def test_a_list_both_sides_changed_keeps_each_sides_additions_and_removals(was, ours, newer):
    merged = merge_child(replace(BASE, key_people=was), replace(BASE, key_people=ours), replace(BASE, key_people=newer))
    kept = merged.child.key_people
    for person in {p.name: p for p in [*was, *ours, *newer]}.values():
        added = person not in was and (person in ours or person in newer)
        removed = person in was and (person not in ours or person not in newer)
        assert (person in kept) == (added or (person in was and not removed)), person
    assert len(kept) == len({p.name for p in kept})  # nothing twice


texts = st.text(max_size=20)


@given(mine_summary=texts, theirs_summary=texts, mine_address=texts, theirs_address=texts)
def test_no_change_from_either_side_is_dropped_silently(mine_summary, theirs_summary, mine_address, theirs_address):
    mine = replace(BASE, summary=mine_summary, address=mine_address)
    theirs = replace(BASE, summary=theirs_summary, address=theirs_address)
    merged = merge_child(BASE, mine, theirs)
    for name, ours, newer in (("summary", mine_summary, theirs_summary), ("address", mine_address, theirs_address)):
        value = getattr(merged.child, name)
        if name in merged.conflicts:
            assert ours != newer and ours != getattr(BASE, name) != newer  # both changed: the worker decides
        else:
            assert value in (ours, newer)
            assert value == (newer if ours == getattr(BASE, name) else ours)
