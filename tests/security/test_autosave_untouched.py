"""The autosave after this window's own save reads neither the row nor the audit log when nothing has
been committed to the file since: each way the visit can change in between is still caught."""

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.domain import Expressed, VisitStatus, VoiceEntry, to_record
from wvisit.errors import TamperedRecord, VisitFinalised
from wvisit.store import Store


def autosaved(store):
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = "Ada showed me her room."
    store.visits.save_draft(visit)
    return visit


def test_a_visit_finalised_on_this_windows_own_connection_is_refused_at_the_next_autosave(store):
    """As a pulled record is stored: through the sealed table, on the same connection, so PRAGMA
    data_version does not move; its audit link does."""
    visit = autosaved(store)
    version = store.conn.execute("SELECT version FROM visits WHERE id = ?", (visit.id,)).fetchone()[0]
    final = replace(visit, status=VisitStatus.FINAL, finalised_at=datetime.now(UTC))
    with store.transaction():
        store.tables["visits"].write(visit.id, to_record(final), {}, "pulled", queue=False, version=version + 1)

    visit.what_i_saw += " Typed after it was finalised."
    with pytest.raises(VisitFinalised):
        store.visits.save_draft(visit)
    assert store.visits.get(visit.id).status is VisitStatus.FINAL


def test_a_row_rolled_back_by_another_process_right_after_an_autosave_is_refused(store, data_dir):
    visit = autosaved(store)
    old = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
    visit.what_i_saw += " Her bed had no sheets."
    store.visits.save_draft(visit)
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*old, visit.id))
    conn.commit()
    conn.close()

    visit.what_i_saw += " Mum said they were in the wash."
    with pytest.raises(TamperedRecord):
        store.visits.save_draft(visit)


def test_autosaves_after_a_save_that_rolled_back_still_chain_and_open(store):
    """A save taken back by a rollback leaves the file as the save before it: the next autosave
    goes ahead, and every link and row still verifies."""
    visit = autosaved(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.tables["visits"].write(visit.id, to_record(visit), {}, "changed")
        raise RuntimeError("the laptop's battery")

    visit.what_i_saw += " We played a game."
    store.visits.save_draft(visit)
    visit.what_i_saw += " She won."
    store.visits.save_draft(visit)

    assert store.visits.get(visit.id).what_i_saw.endswith("She won.")
    assert store.audit.first_broken_link() is None
    assert store.untrusted() == []


def test_the_childs_words_added_here_after_the_visit_was_finalised_in_another_window_are_refused(
    store, data_dir, vault_and_keys
):
    """The child's words are checked before their own transaction begins: with no transaction begun
    here since the other window's commit, this window cannot know the file is untouched."""
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.save_draft(visit)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    other.visits.finalise(visit.id)
    other.close()

    words = VoiceEntry(visit_id=visit.id, child_id=child.id, words="I want to stay", expressed=Expressed.SAID)
    with pytest.raises(VisitFinalised):
        store.visits.add_voice(words)
    assert [entry.words for entry in store.visits.voice_for_visit(visit.id)] == ["I like my room"]
