"""Store schema 10: the audit's index by record holds each link's kind and version. A file from
before opens, keeps its records, and still refuses a row rolled back behind the audit log."""

import sqlite3

import pytest

from tests.conftest import as_schema, make_child
from wvisit.errors import TamperedRecord
from wvisit.store import Store, schema


def test_a_file_from_schema_9_opens_with_its_drafts_and_their_rollback_check(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    with as_schema(monkeypatch, 9):
        old = Store.open(data_dir, keys, "sw.test")
        visit = old.visits.new_draft(make_child(old).id)
        visit.what_i_saw = "first words"
        old.visits.save_draft(visit)
        first = old.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
        visit.what_i_saw = "second words"
        old.visits.save_draft(visit)
        old.close()

    store = Store.open(data_dir, keys, "sw.test", create=False)
    indexes = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE tbl_name = 'audit'")}
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 10
    assert "audit_record_versions" in indexes and "idx_audit_record_id" not in indexes
    assert store.visits.get(visit.id).what_i_saw == "second words"
    visit.what_i_saw = "third words"
    assert store.visits.save_draft(visit) == 4
    store.close()

    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*first, visit.id))
    conn.commit()
    conn.close()
    store = Store.open(data_dir, keys, "sw.test", create=False)
    with pytest.raises(TamperedRecord):
        store.visits.get(visit.id)
    store.close()
