"""Store schema 12: the sealed tables' `sync_state` column is gone (the outbox says what waits to sync).
A file from before opens with every record and every change still waiting to sync; a schema-11
wvisit refuses the new file whole rather than writing rows without the column it expects."""

import pytest

from tests.conftest import as_schema, complete_visit, make_child
from wvisit.errors import MadeByNewerWvisit
from wvisit.store import Store, schema


def _columns(store: Store) -> dict[str, set[str]]:
    tables = [row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: {col[1] for col in store.conn.execute(f'PRAGMA table_info("{table}")')} for table in tables}


def test_a_file_from_schema_11_opens_with_its_records_and_what_waits_to_sync(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    with as_schema(monkeypatch, 11):
        old = Store.open(data_dir, keys, "sw.test")
        child = make_child(old)
        finalised = complete_visit(old, child)
        old.visits.finalise(finalised.id)
        draft = old.visits.new_draft(child.id)
        draft.what_i_saw = "Ada said: \u00abje reste ici\u00bb \U0001f600"
        old.visits.save_draft(draft)
        assert any("sync_state" in columns for columns in _columns(old).values())
        waiting = {(e.kind, e.record_id, e.record_version) for e in old.outbox.pending(100)}
        old.close()

    store = Store.open(data_dir, keys, "sw.test", create=False)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 12
    assert not [table for table, columns in _columns(store).items() if "sync_state" in columns]
    assert (data_dir / f"wvisit.db.before-v{schema.LATEST}").exists()
    assert store.visits.get(draft.id).what_i_saw == draft.what_i_saw
    assert store.visits.get(finalised.id).is_final
    assert {(e.kind, e.record_id, e.record_version) for e in store.outbox.pending(100)} == waiting
    draft.what_i_saw = "later words"
    assert store.visits.save_draft(draft) == 3  # the draft goes on being saved, and queued
    assert ("visit", draft.id, 3) in {(e.kind, e.record_id, e.record_version) for e in store.outbox.pending(100)}
    assert store.untrusted() == []
    store.close()


@pytest.mark.parametrize(
    "older",
    [
        pytest.param(10, id="schema 10 would fail mid-read on Three Houses' and storyboards' stroke rows"),
        pytest.param(11, id="schema 11 would write rows without the column it expects"),
    ],
)
def test_an_older_wvisit_refuses_the_file_whole_and_leaves_it_as_it_was(data_dir, vault_and_keys, monkeypatch, older):
    keys = vault_and_keys[1]
    Store.open(data_dir, keys, "sw.test").close()
    before = (data_dir / "wvisit.db").read_bytes()
    with as_schema(monkeypatch, older), pytest.raises(MadeByNewerWvisit):
        Store.open(data_dir, keys, "sw.test", create=False)
    assert (data_dir / "wvisit.db").read_bytes() == before
