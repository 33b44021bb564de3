"""A pulled record's body is sealed as the central record sent it (its JSON text, not the body written as
JSON again), yet the laptop reads every pull answer exactly as `json.loads` would: a page laid out in any
other way, or one made to mislead the quick reading, is read the plain way, and garbage is still garbage."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_child
from wvisit.domain import Visit, to_record
from wvisit.errors import CentralGarbage
from wvisit.store import Store
from wvisit.store.sealed import AsSent, encode
from wvisit.sync.client import _pull_page, op_json, read_page
from wvisit.sync.protocol import PullPage, PushOp

AUTHOR = {"username": "sw.colleague", "display_name": "Sam Example", "role": "social_worker"}


def record(body: object, n: int = 1, **extra: object) -> dict:
    return {
        "kind": "visit",
        "record_id": f"r{n}",
        "version": 1,
        "child_id": "c1",
        "seq": n,
        "sha256": "0" * 64,
        "author": AUTHOR,
        "body": body,
        **extra,
    }


def page_text(records: list, **dumps: object) -> bytes:
    page = json.dumps({"records": records, "cursor": 9, "more": False}, **dumps)  # type: ignore[arg-type]
    return page.encode("utf-8", "surrogatepass")


def as_plainly_read(content: bytes) -> str:
    """The page as json.loads and the protocol type read it, in JSON that tells true from 1."""
    return json.dumps(PullPage.model_validate(json.loads(content)).model_dump(), sort_keys=True)


def as_read(content: bytes) -> str:
    return json.dumps(_pull_page(content).model_dump(), sort_keys=True)


def test_each_body_keeps_the_text_it_came_in_whatever_the_layout():
    bodies = [
        {"id": "r1", "what_i_saw": 'Zoë said "home" \U0001f600', "n": [1, {"body": 2}]},
        {"id": "r2", "body": {"body": "body"}, "x": '"body": {'},
    ]
    for dumps in ({}, {"indent": 2}, {"separators": (",", ":"), "ensure_ascii": False}, {"sort_keys": True}):
        content = page_text([record(b, n) for n, b in enumerate(bodies, 1)], **dumps)
        page = _pull_page(content)
        assert [r.body for r in page.records] == bodies
        assert all(type(r.body) is AsSent and json.loads(r.body.text) == r.body for r in page.records)
        assert as_read(content) == as_plainly_read(content)


def test_a_lone_surrogate_a_pasted_note_may_hold_travels_escaped_and_is_kept():
    body = {"id": "r1", "what_i_saw": "pasted \ud800 text"}
    content = page_text([record(body)])  # ASCII escapes, as the central record writes its canonical form
    (pulled,) = _pull_page(content).records
    assert pulled.body == body and type(pulled.body) is AsSent
    assert json.loads(encode(pulled.body).decode("utf-8", "surrogatepass")) == body


@pytest.mark.parametrize(
    "records",
    [
        [record({"id": "r1"}, author={**AUTHOR, "body": {"id": "elsewhere"}})],  # a "body" that is not the record's
        [record({"id": "r1"}, **{'x\\"body': {"id": "escaped"}})],  # a key ending in "body" after a quote
        [record({"id": "r1"}), record({"id": "r2"}, 2) | {"body": "body"}],  # "body" as a value
    ],
)
def test_a_page_laid_out_to_mislead_is_read_as_json_reads_it(records):
    content = page_text(records)
    try:
        expected = as_plainly_read(content)
    except ValueError:  # the protocol type refuses it: so must the laptop
        with pytest.raises(CentralGarbage):
            read_page(content)
        return
    assert as_read(content) == expected


def test_a_key_ending_in_body_beside_a_body_key_spelt_with_an_escape_is_read_as_json_reads_it():
    """The escaped key ends in `body"` and is found first; the real "body" key (`bod\\u0079`) holds what the
    central record chose - once a number it could guess as the laptop's own marker for that place."""
    one = json.dumps(record({"id": "r1"}) | {"body": 0})[:-1].replace('"body": 0', '"bod\\u0079": 0')
    one += ', "x\\"body": {"id": "elsewhere"}}'
    content = ('{"records": [' + one + '], "cursor": 1, "more": false}').encode()
    assert json.loads(content)["records"][0]["body"] == 0
    with pytest.raises(CentralGarbage):  # a body that is not an object: refused, as the plain reading does
        read_page(content)


def test_duplicate_body_keys_are_read_as_json_reads_them():
    one = json.dumps(record({"id": "r1"}))[:-1] + ', "body": {"id": "r1", "what_i_saw": "the later one"}}'
    content = ('{"records": [' + one + '], "cursor": 1, "more": false}').encode()
    assert _pull_page(content).records[0].body == {"id": "r1", "what_i_saw": "the later one"}
    assert as_read(content) == as_plainly_read(content)


@pytest.mark.parametrize(
    "content",
    [
        b'{"records": [{"body": {"id": }}], "cursor": 1, "more": false}',
        b'{"records": [{"body": {"id": "r1"} x}], "cursor": 1, "more": false}',
        b'{"records": [], "cursor": 1, "more": false} trailing',
        b'{"records": [{"kind": "visit", "body": null}], "cursor": 1, "more": false}',
        b"\xff\xfe not json",
        b'{"records": ' + b"[" * 100_000,  # nested deeper than the reader recurses
        b'{"records": [{"body": ' + b'{"a": ' * 100_000,
    ],
    ids=["broken body", "after a body", "after the page", "null body", "not UTF-8", "deep", "deep body"],
)
def test_garbage_is_still_garbage(content):
    with pytest.raises(CentralGarbage):
        read_page(content)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(st.sampled_from('ab"\\:{} body\u00e9')),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(["body", "a", 'b"body', "id"]), inner, max_size=3)
    ),
    max_leaves=8,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(st.dictionaries(st.sampled_from(["id", "body", "x", "author"]), JSON_VALUES, max_size=4), max_size=3),
    st.lists(st.dictionaries(st.sampled_from(["body", "y", "author"]), JSON_VALUES, max_size=2), max_size=3),
    st.sampled_from([{}, {"indent": 1}, {"ensure_ascii": False}]),
)
def test_any_page_is_read_as_json_reads_it(bodies, extras, dumps):
    records = [record(body, n) | (extras[n] if n < len(extras) else {}) for n, body in enumerate(bodies)]
    content = page_text(records, **dumps)
    try:
        expected = as_plainly_read(content)
    except ValueError:
        with pytest.raises(CentralGarbage):
            read_page(content)
        return
    assert as_read(content) == expected


def test_a_body_as_sent_cannot_be_changed_so_its_text_stays_true():
    body = AsSent({"id": "r1"}, '{"id": "r1"}')
    for change in (
        lambda: body.__setitem__("id", "r2"),
        lambda: body.update(id="r2"),
        lambda: body.pop("id"),
        lambda: body.setdefault("x", 1),
        lambda: body.clear(),
    ):
        with pytest.raises(TypeError):
            change()
    assert body == {"id": "r1"} and encode(body) == b'{"id": "r1"}'


def test_a_visit_pulled_as_sent_reads_back_as_sent_with_its_audit_link(store: Store):
    ada = make_child(store)
    started = datetime.now(UTC) - timedelta(days=2)
    visit = Visit(child_id=ada.id, author="sw.colleague", started_at=started, what_i_saw="Zoë \ud800 drew her house.")
    visit = replace(visit, status=visit.status.FINAL, finalised_at=started + timedelta(hours=1))
    text = json.dumps(to_record(visit), sort_keys=True)  # the central record's canonical form: ASCII escapes
    newer = replace(visit, what_i_saw="A newer version.")
    with store.transaction():
        store.apply_pulled([("visit", visit.id, 1, AsSent(json.loads(text), text))])
    assert store.visits.get(visit.id) == visit
    with store.transaction():  # a record held already goes through the store's write, sealed as sent too
        newer_text = json.dumps(to_record(newer), sort_keys=True)
        store.apply_pulled([("visit", visit.id, 2, AsSent(json.loads(newer_text), newer_text))])
    assert store.visits.get(visit.id) == newer
    assert store.audit.latest_version("visit", visit.id) == 2
    assert store.audit.first_broken_link() is None


@pytest.mark.parametrize("words", ["Ada showed me her room.", "Zoë drew \U0001f600 her house.", "pasted \ud800 text"])
def test_a_record_read_to_push_goes_as_the_json_it_was_sealed_as_and_means_the_same(store: Store, words):
    ada = make_child(store)
    visit = store.visits.new_draft(ada.id, what_i_saw=words)
    plain, body = store.read_for_push("visit", [visit.id])[visit.id]  # type: ignore[misc]
    assert type(body) is AsSent and body == to_record(store.visits.get(visit.id))
    op = PushOp.model_construct(
        op_id="op1", kind="visit", record_id=visit.id, version=plain["version"], child_id=ada.id, body=body
    )
    plainly = PushOp.model_construct(**{**dict(op), "body": dict(body)})
    sent = op_json(op)
    assert sent.isascii()  # a lone surrogate travels escaped
    assert json.dumps(json.loads(sent), sort_keys=True) == json.dumps(json.loads(op_json(plainly)), sort_keys=True)
    assert json.loads(sent)["body"]["what_i_saw"] == words
