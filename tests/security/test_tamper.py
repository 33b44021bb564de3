"""Someone with the database file alters it: every alteration is reported, never returned as data."""

import json

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.errors import TamperedRecord


def test_a_flipped_bit_in_a_stored_note_is_reported(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    sealed = bytearray(store.conn.execute("SELECT sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()[0])
    sealed[40] ^= 0x04
    store.conn.execute("UPDATE visits SET sealed = ? WHERE id = ?", (bytes(sealed), visit.id))
    with pytest.raises(TamperedRecord, match=visit.id):
        store.visits.get(visit.id)
    with pytest.raises(TamperedRecord):
        store.visits.for_child(child.id)


def test_notes_swapped_between_two_visits_are_reported(store):
    child = make_child(store)
    first, second = complete_visit(store, child), complete_visit(store, child)
    rows = dict(store.conn.execute("SELECT id, sealed FROM visits"))
    store.conn.execute("UPDATE visits SET sealed = ? WHERE id = ?", (rows[second.id], first.id))
    with pytest.raises(TamperedRecord):
        store.visits.get(first.id)


def test_a_row_rolled_back_to_an_older_version_is_reported(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    visit.what_i_saw = "Concern: bruise on arm, explained by fall at school."
    store.visits.save_draft(visit)
    old = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
    visit.what_i_saw = "Concern: bruise on arm. School say there was no fall."
    store.visits.save_draft(visit)
    # Put back the older, validly sealed version, with its own version number.
    store.conn.execute("UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*old, visit.id))
    with pytest.raises(TamperedRecord, match="not the version the audit log last recorded"):
        store.visits.get(visit.id)


def test_a_row_slipped_in_without_an_audit_entry_is_reported(store):
    make_child(store)
    row = store.conn.execute("SELECT * FROM children").fetchone()
    store.conn.execute(f"INSERT INTO children VALUES ({', '.join('?' for _ in row)})", ("forged", *row[1:]))
    children, damaged = store.children.readable()
    assert [c.name for c in children] == ["Ada Example"]  # the real child is still listed
    assert isinstance(damaged["forged"], TamperedRecord)  # the forged one is named, never shown


@pytest.mark.parametrize(
    "alteration",
    [
        "UPDATE audit SET action = 'opened' WHERE seq = 2",
        "DELETE FROM audit WHERE seq = 2",
        "UPDATE audit SET actor = 'sw.other' WHERE seq = 3",
    ],
)
def test_an_altered_audit_log_names_its_first_broken_link(store, alteration):
    child = make_child(store)
    complete_visit(store, child)
    assert store.audit.first_broken_link() is None
    store.conn.execute(alteration)
    assert store.audit.first_broken_link() in (2, 3)


def test_the_audit_log_records_changes_and_opening_without_personal_values(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    store.visits.open(visit.id)
    actions = [(e.action, e.kind) for e in store.audit.entries()]
    assert actions == [
        ("created", "child"),
        ("created", "visit"),
        ("created", "voice"),
        ("finalised", "visit"),
        ("opened", "visit"),
    ]
    text = " ".join(str(v) for e in store.audit.entries() for v in vars(e).values())
    assert "Ada" not in text and "room" not in text


def test_the_account_records_are_written_as_cannot_be_set_in_the_clear(store):
    """Set in the clear, a planted account name would sign every new record as someone else."""
    store.conn.execute("INSERT INTO sync_meta (key, value, sealed) VALUES ('username', 'sup.demo', NULL)")
    assert store.actor == "sw.test"
    child = make_child(store)
    assert store.visits.new_draft(child.id).author == "sw.test"


def test_a_sync_value_written_in_the_clear_is_never_taken_for_a_sealed_one(store):
    forged = json.dumps([{"kind": "child", "record_id": "x", "version": 999, "body": {}, "reason": ""}])
    store.conn.execute("INSERT INTO sync_meta (key, value, sealed) VALUES ('pulled_set_aside', ?, NULL)", (forged,))
    store.conn.execute("INSERT INTO sync_meta (key, value, sealed) VALUES ('refresh_token', 'planted', NULL)")
    assert store.sync_state.get("pulled_set_aside") is None and store.sync_state.get("refresh_token") is None
