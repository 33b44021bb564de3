"""The central record's stored form of a body (records.canonical) is the text json.dumps makes with
sorted keys, no spaces and ASCII only, to the byte: a record's SHA-256, how a retried push is known
as a duplicate and what every earlier release stored all rest on it. Its shortcut for long plain
strings must never change a character."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from wvisit.central.records import LONG_STRING, canonical


def reference(body: dict) -> str:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


PLAIN = ("Ada showed me her room and talked about school. " * 100)[: LONG_STRING * 4]
AWKWARD = ['"', "\\", "\x00", "\n", "\t", "\x1f", "\x7f", "é", "\u2028", "\ud800", "\udfff", "😀", "</script>"]


def test_a_long_note_with_any_character_anywhere_is_stored_as_json_writes_it():
    for awkward in AWKWARD:
        for at in (0, LONG_STRING - 1, len(PLAIN) // 2, len(PLAIN)):
            note = PLAIN[:at] + awkward + PLAIN[at:]
            for length in (LONG_STRING - 1, LONG_STRING, LONG_STRING + 1, len(note)):
                body = {"what_i_saw": note[:length], "id": "v1"}
                assert canonical(body) == reference(body), (awkward, at, length)


def test_plain_notes_nested_in_lists_and_records_and_every_kind_of_value():
    body = {
        "zeta": PLAIN,
        "events": [{"what": PLAIN, "on": "2024-01-01", "done": True}, {"what": PLAIN + '"', "struck": None}],
        "plan": [],
        "numbers": [0, -1, 2**62, 1.5, -0.0, 1e300, float("inf"), float("-inf")],
        "flags": [True, False, None],
        "empty": {},
        "": "an empty key",
        "é": PLAIN + "é",
    }
    assert canonical(body) == reference(body)


def test_a_value_json_cannot_hold_is_refused_as_json_dumps_refuses_it():
    for value in (object(), b"bytes", {1, 2}):
        try:
            canonical({"x": value})
        except TypeError:
            continue
        raise AssertionError(f"{type(value).__name__} was stored")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False)
    | st.text(max_size=20)
    | st.text(alphabet=st.characters(max_codepoint=0x80), min_size=LONG_STRING - 2, max_size=LONG_STRING + 40)
    | st.just(PLAIN),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.text(max_size=12), json_values, max_size=8))
def test_any_body_is_stored_as_json_dumps_writes_it(body):
    assert canonical(body) == reference(body)
