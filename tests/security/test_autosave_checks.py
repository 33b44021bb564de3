"""An autosave opens the stored visit only when it may have changed since this window last saved it:
every change that matters is still caught at the next save.

Edits to the file are made with the sqlite3 module; "another window" is a second Store on the same file.
"""

import sqlite3

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.errors import TamperedRecord, VisitFinalised
from wvisit.store import Store


def saved_twice(store):
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = "Ada showed me her room."
    store.visits.save_draft(visit)
    return visit


def edit_with_sqlite(data_dir, sql: str, params: tuple) -> None:
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_row_rolled_back_between_two_autosaves_is_refused_and_named(store, data_dir):
    visit = saved_twice(store)
    old_row = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
    visit.what_i_saw = "Ada showed me her room. Her bed had no sheets."
    store.visits.save_draft(visit)
    edit_with_sqlite(data_dir, "UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*old_row, visit.id))

    visit.what_i_saw += " Mum said they were in the wash."
    with pytest.raises(TamperedRecord):
        store.visits.save_draft(visit)
    assert visit.id in [record_id for _, record_id, _ in store.untrusted()]


def test_a_visit_finalised_in_another_window_is_refused_at_the_next_autosave(store, data_dir, vault_and_keys):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.save_draft(visit)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    other.visits.finalise(visit.id)
    other.close()

    visit.what_i_saw = "typed after it was finalised elsewhere"
    with pytest.raises(VisitFinalised):
        store.visits.save_draft(visit)


def test_a_finalised_visit_given_back_the_draft_version_this_window_saved_is_refused(store, data_dir, vault_and_keys):
    """The row's version column set back to the one this window last saved as a draft: the audit log's
    latest version is the finalised one, so the save opens the row and refuses it."""
    child = make_child(store)
    visit = complete_visit(store, child)
    draft_version = store.visits.save_draft(visit)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    other.visits.finalise(visit.id)
    other.close()
    edit_with_sqlite(data_dir, "UPDATE visits SET version = ? WHERE id = ?", (draft_version, visit.id))

    visit.what_i_saw = "typed into a finalised record"
    with pytest.raises(TamperedRecord):
        store.visits.save_draft(visit)
    assert store.conn.execute("SELECT version FROM visits WHERE id = ?", (visit.id,)).fetchone()[0] == draft_version
