"""A visit's body is sealed as the JSON text the store has always written for it, whichever encoder
wrote it, and text no encoder of UTF-8 takes (a lone surrogate, pasted) is kept too."""

import json

from tests.conftest import make_child
from wvisit.domain import to_record
from wvisit.store import Store

EVERY_KIND = "".join(chr(c) for c in range(0x80)) + ' "quoted" \\ é 中文 😀 \u2028\u2029 \ufeff \uffff'


def sealed_text(store, visit_id: str) -> bytes:
    version, sealed = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit_id,)).fetchone()
    return store.keys.open("visits", visit_id, version, sealed)


def test_a_note_of_every_kind_of_character_is_sealed_as_the_store_writes_json(store):
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = EVERY_KIND
    visit.parents_views = "Mum said: «ça va»\n\tand left."
    store.visits.save_draft(visit)

    as_json = json.dumps(to_record(visit), ensure_ascii=False, separators=(",", ":")).encode()
    assert sealed_text(store, visit.id) == as_json
    assert store.visits.get(visit.id) == visit


def test_a_lone_surrogate_pasted_into_a_note_is_kept(store, data_dir, vault_and_keys):
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = "Pasted from a form: \ud83d and \udc00 alone."
    store.visits.save_draft(visit)
    store.close()

    again = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    try:
        assert again.visits.get(visit.id).what_i_saw == "Pasted from a form: \ud83d and \udc00 alone."
        assert again.untrusted() == []
    finally:
        again.close()
