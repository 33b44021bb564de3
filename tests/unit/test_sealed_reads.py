"""A filtered read (one visit's words, one child's visits) checks each row against the audit log as
a whole-table read does: a row put back to an older sealed version, or one the audit never
recorded, is refused, whichever way the audit's latest versions were looked up."""

from __future__ import annotations

import uuid

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.domain import Expressed, VoiceEntry
from wvisit.errors import TamperedRecord
from wvisit.store import sealed


@pytest.fixture(params=["by id", "one scan"])
def lookup(request, monkeypatch):
    """Both ways a read finds the audit's latest versions: by the ids it found, or one scan."""
    if request.param == "one scan":
        monkeypatch.setattr(sealed, "FEW", 0)
    return request.param


def test_a_voice_entry_put_back_to_an_older_version_is_refused(store, lookup):
    ada = make_child(store)
    visit = complete_visit(store, ada)
    (entry,) = store.visits.voice_for_visit(visit.id)
    old = store.conn.execute("SELECT version, sealed FROM voice_entries WHERE id = ?", (entry.id,)).fetchone()
    entry.words = "I like my new room"
    store.visits.update_voice(entry)
    with store.transaction():
        store.conn.execute("UPDATE voice_entries SET version = ?, sealed = ? WHERE id = ?", (*old, entry.id))

    with pytest.raises(TamperedRecord, match="not the version the audit log last recorded"):
        store.visits.voice_for_visit(visit.id)
    with pytest.raises(TamperedRecord):
        store.visits.voice_for_child(ada.id)


def test_a_row_the_audit_never_recorded_is_refused_and_the_others_still_read(store, lookup):
    ada = make_child(store)
    visit = complete_visit(store, ada)
    (entry,) = store.visits.voice_for_visit(visit.id)
    row = store.conn.execute("SELECT * FROM voice_entries WHERE id = ?", (entry.id,)).fetchone()
    planted = str(uuid.uuid4())
    with store.transaction():
        marks = ", ".join("?" for _ in row)
        store.conn.execute(f"INSERT INTO voice_entries VALUES ({marks})", (planted, *row[1:]))

    reading = store.tables["voice_entries"].read_each("WHERE visit_id = ?", (visit.id,))
    assert [plain["id"] for plain, _ in reading.rows] == [entry.id]
    assert list(reading.damaged) == [planted]
    assert "no entry in the audit log" in str(reading.damaged[planted])


def test_a_filtered_read_finds_every_sound_row(store, lookup):
    ada = make_child(store)
    visit = complete_visit(store, ada)
    for n in range(3):
        store.visits.add_voice(VoiceEntry(visit.id, ada.id, f"Words {n}", Expressed.SAID))
    assert len(store.visits.voice_for_visit(visit.id)) == 4
