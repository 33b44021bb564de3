"""The registry of record kinds: every kind's body is checked alike on the laptop and the central record,
and a body that does not fit is refused with a plain sentence, never another exception."""

from __future__ import annotations

import contextlib
import dataclasses
import re
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wvisit.domain import (
    Addendum,
    Attachment,
    AttachmentKind,
    Child,
    KeyPerson,
    LegalStatus,
    Outcome,
    Oversight,
    PlanItem,
    Sitting,
    Visit,
    VisitStatus,
    VoiceEntry,
    to_record,
)
from wvisit.domain.contact import Contact, ContactKind
from wvisit.domain.kinds import KINDS, SCHEMA_VERSIONS, check, too_new
from wvisit.domain.supervision import Reflection, Supervision
from wvisit.errors import InvalidValue
from wvisit.store.kinds import TABLES

SENTINEL = "SENTINELKINDQX"
CHILD = Child("Ada Example", date(2016, 3, 4), LegalStatus.CLA, key_people=[KeyPerson("Jo Example", "carer")])
VISIT = Visit(CHILD.id, "sw.test", started_at=datetime(2026, 3, 2, 15, 30, tzinfo=UTC), what_i_saw="A tidy room.")
SAMPLES = {
    "child": CHILD,
    "visit": VISIT,
    "voice": VoiceEntry(VISIT.id, CHILD.id, "I like my room."),
    "addendum": Addendum(VISIT.id, "sw.test", "wrong date", "The visit was on Monday."),
    "attachment": Attachment(VISIT.id, AttachmentKind.DRAWING, "ab" * 32, 120, "house.png", "image/png"),
    "oversight": Oversight(
        VISIT.id,
        CHILD.id,
        "sup.test",
        "The record.",
        "Keep going.",
        Outcome.SIGNED_OFF,
        [PlanItem("Call school", "sw.test", date(2026, 4, 1))],
    ),
    "tool": Sitting(VISIT.id, CHILD.id, "scaling", {"question": "How safe?", "answer": 7, "words": ""}),
    "contact": Contact(
        CHILD.id, "sw.test", ContactKind.PHONE, datetime(2026, 3, 3, 9, 0, tzinfo=UTC), "Ms Bell, teacher", "A call."
    ),
    "supervision": Supervision(
        CHILD.id,
        "sup.test",
        date(2026, 3, 4),
        "Jo Reed, Sam Patel",
        Reflection(lived_experience="Ada says her room is hers."),
        "Keep the plan.",
        date(2026, 4, 15),
        [PlanItem("Call school", "sw.test", date(2026, 4, 1))],
        written_at=datetime(2026, 3, 4, 16, 0, tzinfo=UTC),
    ),
}
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def body(kind: str) -> dict:
    return to_record(SAMPLES[kind])


def required(kind: str) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(KINDS[kind].cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def test_every_kind_the_store_keeps_is_in_the_registry_with_its_version():
    assert set(KINDS) == set(TABLES) == set(SAMPLES)
    assert {name: kind.schema_version for name, kind in KINDS.items()} == SCHEMA_VERSIONS
    assert all(isinstance(SAMPLES[name], kind.cls) for name, kind in KINDS.items())
    latest = SCHEMA_VERSIONS["visit"]
    assert not too_new("visit", 1) and not too_new("visit", latest) and too_new("visit", latest + 1)
    assert too_new("letter", 1)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_record_of_every_kind_passes_as_its_own_record(kind):
    sample = SAMPLES[kind]
    check(kind, sample.id, CHILD.id, body(kind))


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_body_without_a_value_it_needs_names_the_value(kind):
    for name in required(kind):
        damaged = {key: value for key, value in body(kind).items() if key != name}
        with pytest.raises(InvalidValue, match=f"^A {kind} record has no {name}.$"):
            KINDS[kind].validate(damaged)


def test_a_visit_of_nothing_but_x_is_refused():
    with pytest.raises(InvalidValue, match=r"^A visit record has no child_id\.$"):
        KINDS["visit"].validate({"x": 1})
    with pytest.raises(InvalidValue, match="is not a record"):
        KINDS["visit"].validate([1])


@pytest.mark.parametrize(
    ("kind", "field", "value"),
    [
        ("visit", "what_i_saw", 5),
        ("visit", "child_seen", "yes"),
        ("visit", "status", "signed"),
        ("visit", "started_at", "last Tuesday"),
        ("child", "date_of_birth", 20160304),
        ("child", "key_people", [{"relationship": "carer"}]),
        ("child", "key_people", "Jo"),
        ("voice", "expressed", "sang"),
        ("attachment", "size", True),
        ("oversight", "actions", [{"action": "Call", "due": "soon"}]),
        ("tool", "result", ["not", "a", "record"]),
    ],
)
def test_a_value_of_the_wrong_kind_is_refused_by_field_name(kind, field, value):
    with pytest.raises(InvalidValue, match=f"has a {field} that is not the right kind of value"):
        KINDS[kind].validate({**body(kind), field: value})


@pytest.mark.parametrize(
    ("kind", "field", "sentence"),
    [
        ("child", "name", "The child's name is needed."),
        ("voice", "words", "Write down what the child said"),
        ("addendum", "why", "Say why the addendum is needed."),
        ("oversight", "decision", "Write the decision."),
    ],
)
def test_each_kinds_own_rules_apply_with_no_personal_value_in_the_sentence(kind, field, sentence):
    bad = {**body(kind), field: "   ", "id": SENTINEL}
    with pytest.raises(InvalidValue, match=sentence) as refused:
        KINDS[kind].validate(bad)
    assert SENTINEL not in str(refused.value)


def test_a_tool_sitting_is_checked_by_its_tool():
    nameless = {**body("tool"), "tool": "my_people", "result": {"people": [{"name": " ", "ring": 9}]}}
    with pytest.raises(InvalidValue, match=r"Each person needs a name\."):
        KINDS["tool"].validate(nameless)
    with pytest.raises(InvalidValue, match="update wvisit"):
        KINDS["tool"].validate({**body("tool"), "tool": "puppet_show"})


def test_a_child_record_stays_readable_as_the_child_grows_up():
    grown = {**body("child"), "date_of_birth": "1990-01-01", "legal_status": "CL"}
    KINDS["child"].validate(grown)  # entering such a child is refused; a stored one is still read


def test_a_body_must_be_the_record_and_name_the_child_it_travels_as():
    with pytest.raises(InvalidValue, match="another record"):
        check("visit", "another-id", CHILD.id, body("visit"))
    with pytest.raises(InvalidValue, match="another child"):
        check("visit", VISIT.id, "another-child", body("visit"))
    with pytest.raises(InvalidValue, match="another child"):
        check("child", CHILD.id, "another-child", body("child"))
    check("addendum", SAMPLES["addendum"].id, "any-child", body("addendum"))  # the store finds its child
    with pytest.raises(InvalidValue, match="not one this version of wvisit knows"):
        check("letter", "r", "c", {})


def test_when_each_kind_stops_changing():
    final = {**body("visit"), "status": VisitStatus.FINAL.value}
    assert KINDS["visit"].immutable(final) and not KINDS["visit"].immutable(body("visit"))
    assert all(KINDS[kind].immutable(body(kind)) for kind in ("addendum", "attachment", "oversight"))
    assert not any(KINDS[kind].immutable(body(kind)) for kind in ("child", "voice", "tool"))


def every_field(cls: type) -> st.SearchStrategy:
    """Any instance of a domain class, every field drawn (nested records too)."""
    return st.builds(cls, **{f.name: ... for f in dataclasses.fields(cls)})


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(set(SAMPLES) - {"tool"})).flatmap(lambda k: st.tuples(st.just(k), every_field(KINDS[k].cls)))
)
def test_any_domain_record_round_trips_refused_only_by_its_own_rules(drawn):
    kind, record = drawn
    try:
        KINDS[kind].rules(record)
    except InvalidValue as own:
        with pytest.raises(InvalidValue, match=re.escape(str(own))):
            KINDS[kind].validate(to_record(record))
    else:
        KINDS[kind].validate(to_record(record))


@settings(max_examples=300)
@given(st.sampled_from(sorted(SAMPLES)), st.data())
def test_any_damage_to_a_body_is_refused_plainly_or_read(kind, data):
    damaged = body(kind)
    name = data.draw(st.sampled_from(sorted(damaged)))
    if data.draw(st.booleans()):
        del damaged[name]
    else:
        damaged[name] = data.draw(JSON)
    with contextlib.suppress(InvalidValue):
        KINDS[kind].validate(damaged)
