"""An autosave right after this window's own save writes on without reading the row's version and plain
columns, taking them from that save: only when the draft check found the file untouched since. Each way
the row can change in between still ends in a row whose version follows the last one and whose plain
columns agree with its sealed body."""

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime

from tests.conftest import make_child
from wvisit.domain import to_record
from wvisit.store import Store

NEW_DATE = datetime(2026, 11, 2, 10, 30, tzinfo=UTC)


def autosaved(store):
    visit = store.visits.new_draft(make_child(store).id, started_at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    visit.what_i_saw = "Ada showed me her room."
    store.visits.save_draft(visit)
    return visit


def stored(store, visit_id):
    return store.conn.execute("SELECT version, visited_at FROM visits WHERE id = ?", (visit_id,)).fetchone()


def assert_whole(store, visit):
    """The row reads back as this window saved it, and nothing in the file fails its checks."""
    assert store.visits.get(visit.id) == visit
    assert stored(store, visit.id) == (store.audit.latest_version("visit", visit.id), visit.started_at.isoformat())
    assert store.untrusted() == []
    assert store.audit.first_broken_link() is None


def test_a_date_changed_in_another_window_is_written_back_by_the_next_autosave_here(store, data_dir, vault_and_keys):
    visit = autosaved(store)
    (version, _) = stored(store, visit.id)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    theirs = other.visits.get(visit.id)
    other.visits.save_draft(replace(theirs, started_at=NEW_DATE))
    other.close()

    visit.what_i_saw += " Her bed had no sheets."
    store.visits.save_draft(visit)
    assert stored(store, visit.id)[0] == version + 2
    assert_whole(store, visit)


def test_a_date_changed_by_a_pull_on_this_windows_own_connection_is_written_back(store):
    visit = autosaved(store)
    (version, _) = stored(store, visit.id)
    pulled = to_record(replace(visit, started_at=NEW_DATE))
    with store.transaction():
        store.tables["visits"].write(visit.id, pulled, {}, "pulled", queue=False, version=version + 1)

    visit.what_i_saw += " Her bed had no sheets."
    store.visits.save_draft(visit)
    assert stored(store, visit.id)[0] == version + 2
    assert_whole(store, visit)


def test_a_plain_column_edited_outside_wvisit_keeping_the_version_is_written_back(store, data_dir):
    """The draft check finds the row's version as it left it and vouches for that alone: the save still
    reads the plain columns, finds the forged one and writes it again from the body."""
    visit = autosaved(store)
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE visits SET visited_at = ? WHERE id = ?", (NEW_DATE.isoformat(), visit.id))
    conn.commit()
    conn.close()

    visit.what_i_saw += " Her bed had no sheets."
    store.visits.save_draft(visit)
    assert_whole(store, visit)
