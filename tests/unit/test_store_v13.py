"""Store schema 13: the visits' index by child also holds each visit's status and date, so a caseload's
last visit and drafts per child are read from the index, not from every visit's row. A file from
before opens with the same caseload, and a schema-12 wvisit refuses the new file whole."""

from datetime import date

import pytest

from tests.conftest import as_schema, complete_visit, make_child
from wvisit import resources
from wvisit.app.queries.caseload import caseload
from wvisit.domain.policy import Policy
from wvisit.errors import MadeByNewerWvisit
from wvisit.store import Store, schema

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))


def _plans(store: Store) -> list[str]:
    """How SQLite reads the statements the caseload's two counts per child run (traced as they run)."""
    run: list[str] = []
    store.conn.set_trace_callback(run.append)
    try:
        store.children.last_visits()
        store.visits.drafts_per_child()
    finally:
        store.conn.set_trace_callback(None)
    counts = [sql for sql in run if sql.lstrip().upper().startswith("SELECT")]
    assert len(counts) == 2
    return [store.conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchone()[3] for sql in counts]


def test_a_file_from_schema_12_opens_with_the_same_caseload_read_from_the_index(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    today = date.today()
    with as_schema(monkeypatch, 12):
        old = Store.open(data_dir, keys, "sw.test")
        ada, ben = make_child(old, "Ada Example"), make_child(old, "Ben Example")
        old.visits.finalise(complete_visit(old, ada).id)
        old.visits.new_draft(ada.id)
        old.visits.new_draft(ben.id)
        old.visits.new_draft(ben.id)
        before = [(row.child.id, row.last_visit, row.due, row.drafts) for row in caseload(old, POLICY, today)]
        assert not any("COVERING" in plan for plan in _plans(old))
        old.close()

    store = Store.open(data_dir, keys, "sw.test", create=False)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST >= 13
    after = [(row.child.id, row.last_visit, row.due, row.drafts) for row in caseload(store, POLICY, today)]
    assert after == before and [drafts for *_, drafts in after] == [1, 2]
    assert after[0][1] is not None and after[1][1] is None  # Ada's finalised visit is her last; Ben has none
    assert all("USING COVERING INDEX visits_by_child" in plan for plan in _plans(store))
    assert store.untrusted() == []
    store.close()


def test_a_schema_12_wvisit_refuses_the_new_file_and_leaves_it_as_it_was(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    Store.open(data_dir, keys, "sw.test").close()
    before = (data_dir / "wvisit.db").read_bytes()
    with as_schema(monkeypatch, 12), pytest.raises(MadeByNewerWvisit):
        Store.open(data_dir, keys, "sw.test", create=False)
    assert (data_dir / "wvisit.db").read_bytes() == before
