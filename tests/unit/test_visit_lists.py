"""The visit lists a screen opens instead of every visit: drafts, some visits by id, the finalised
but for some. Each opened row is still checked against its sealed body and the audit log."""

from __future__ import annotations

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.errors import TamperedRecord
from wvisit.store import visits as visit_store


def test_drafts_some_and_finalised_except_find_exactly_their_visits(store, monkeypatch):
    monkeypatch.setattr(visit_store, "BATCH", 2)  # several batches with a handful of visits
    ada = make_child(store)
    finals = [complete_visit(store, ada) for _ in range(4)]
    for visit in finals:
        store.visits.finalise(visit.id)
    draft = store.visits.new_draft(ada.id)
    dropped = store.visits.new_draft(ada.id)
    store.visits.discard(dropped.id, "started in error")

    assert [visit.id for visit in store.visits.drafts()] == [draft.id]
    wanted = [finals[0].id, finals[3].id, dropped.id, "no-such-visit", finals[2].id, draft.id]
    assert {visit.id for visit in store.visits.some(wanted)} == {finals[0].id, finals[2].id, finals[3].id, draft.id}
    leaving_out = {finals[1].id, finals[2].id}
    assert {visit.id for visit in store.visits.finalised_except(leaving_out)} == {finals[0].id, finals[3].id}


def test_a_draft_put_back_to_an_older_version_is_refused_by_the_drafts_list(store):
    ada = make_child(store)
    draft = store.visits.new_draft(ada.id, what_i_saw="First.")
    old = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (draft.id,)).fetchone()
    draft.what_i_saw = "Second."
    store.visits.save_draft(draft)
    with store.transaction():
        store.conn.execute("UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*old, draft.id))
    with pytest.raises(TamperedRecord):
        store.visits.drafts()
    with pytest.raises(TamperedRecord):
        store.visits.some([draft.id])
