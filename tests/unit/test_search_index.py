"""The sealed search index: opened with one decrypt after a restart, kept current with every
change (on any connection), and never trusted when it was altered or is behind the records."""

from __future__ import annotations

import logging

from tests.conftest import complete_visit, make_child
from wvisit.domain import PlanItem
from wvisit.store import Store
from wvisit.store.search import KEY, REWRITE_AFTER


def index_version(store: Store) -> int:
    return store.conn.execute("SELECT version FROM user_meta WHERE key = ?", (KEY,)).fetchone()[0]


def reopen(store: Store, data_dir, vault_and_keys) -> Store:
    store.close()
    return Store.open(data_dir, vault_and_keys[1], "sw.test")


def test_the_index_survives_a_restart_and_follows_new_edited_and_discarded_visits(store, data_dir, vault_and_keys):
    ada = make_child(store)
    kept = complete_visit(store, ada, what_i_saw="The kitchen was warm.")
    edited = complete_visit(store, ada, what_i_saw="A trampoline in the garden.")
    dropped = complete_visit(store, ada, what_i_saw="Started in error, kitchen too.")
    assert set(store.search.search("kitchen")) == {kept.id, dropped.id}
    store = reopen(store, data_dir, vault_and_keys)
    written = index_version(store)

    assert set(store.search.search("KITCHEN")) == {kept.id, dropped.id}
    assert index_version(store) == written  # opened as it was sealed, not built again

    draft = store.visits.get(edited.id)
    draft.what_i_saw = "A swing in the garden."
    store.visits.save_draft(draft)
    store.visits.discard(dropped.id, "started in error")
    new = complete_visit(store, ada, what_i_saw="New bunk beds in the kitchen.")
    assert store.search.search("trampoline") == []
    assert store.search.search("swing garden") == [edited.id]
    assert set(store.search.search("kitchen")) == {kept.id, new.id}

    store = reopen(store, data_dir, vault_and_keys)  # the sealed copy is behind: caught up on opening
    assert set(store.search.search("kitchen")) == {kept.id, new.id}
    assert store.search.search("swing") == [edited.id]
    assert store.search.search("trampoline") == []
    store.close()


def test_a_visit_is_found_by_the_actions_agreed_at_it(store):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="A calm visit.", agreed_actions=[PlanItem("Book a dentist", "Nan")])
    complete_visit(store, ada, what_i_saw="Nan was there.")
    assert store.search.search("dentist") == [visit.id]
    assert store.search.search("dentist nan") == [visit.id]  # who does it counts as well


def test_a_change_made_on_another_connection_is_found(store, data_dir, vault_and_keys):
    ada = make_child(store)
    complete_visit(store, ada, what_i_saw="Quiet evening.")
    assert store.search.search("bicycle") == []
    other = Store.open(data_dir, vault_and_keys[1], "sw.test")  # as sync's own connection stores pulled records
    try:
        visit = complete_visit(other, ada, what_i_saw="A new bicycle.")
    finally:
        other.close()
    assert store.search.search("bicycle") == [visit.id]


def test_nothing_searched_is_in_the_clear_on_disk(store, data_dir, vault_and_keys):
    ada = make_child(store)
    complete_visit(store, ada, what_i_saw="Zanzibarquux stood by the door.")
    store.search.search("door")
    store.close()
    raw = b"".join(path.read_bytes() for path in data_dir.iterdir() if path.name.startswith("wvisit.db"))
    assert b"zanzibarquux" not in raw.lower()


def test_an_altered_index_is_built_again_with_a_log_line_naming_nothing_personal(
    store, data_dir, vault_and_keys, caplog
):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="The hamster is called Biscuit.")
    store.search.search("hamster")
    written = index_version(store)
    (sealed,) = store.conn.execute("SELECT sealed FROM user_meta WHERE key = ?", (KEY,)).fetchone()
    altered = sealed[:-40] + bytes([sealed[-40] ^ 1]) + sealed[-39:]
    with store.transaction():
        store.conn.execute("UPDATE user_meta SET sealed = ? WHERE key = ?", (altered, KEY))
    store = reopen(store, data_dir, vault_and_keys)

    with caplog.at_level(logging.WARNING, logger="wvisit.store.search"):
        assert store.search.search("biscuit") == [visit.id]
    assert "search index not trusted" in caplog.text
    assert "biscuit" not in caplog.text.lower() and "hamster" not in caplog.text.lower()
    assert index_version(store) == written + 1  # built again and sealed anew
    store.close()


def test_an_older_copy_of_the_index_slipped_back_is_caught_up_not_trusted(store, data_dir, vault_and_keys):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="A red kite on the wall.")
    store.search.search("kite")
    old = store.conn.execute("SELECT version, sealed FROM user_meta WHERE key = ?", (KEY,)).fetchone()
    draft = store.visits.get(visit.id)
    draft.what_i_saw = "A blue boat on the wall."
    store.visits.save_draft(draft)
    store.search.search("boat")
    with store.transaction():
        store.conn.execute("UPDATE user_meta SET version = ?, sealed = ? WHERE key = ?", (*old, KEY))
    store = reopen(store, data_dir, vault_and_keys)

    assert store.search.search("kite") == []
    assert store.search.search("boat") == [visit.id]
    store.close()


def test_an_index_from_another_chain_is_built_again(store, data_dir, vault_and_keys, caplog):
    """An index naming an audit link the chain no longer holds (a file restored around it) is not trusted."""
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="Painted the fence.")
    store.search.search("fence")
    corpus = store.search._current()
    store.search._seq = 10_000  # as if written at a link this chain does not have
    store.search._save(corpus)
    store = reopen(store, data_dir, vault_and_keys)

    with caplog.at_level(logging.WARNING, logger="wvisit.store.search"):
        assert store.search.search("fence") == [visit.id]
    assert "no longer holds the link" in caplog.text
    store.close()


def test_a_visit_damaged_after_the_index_was_written_is_counted_when_re_read(store):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="Garden party.")
    store.search.search("garden")
    with store.transaction():
        store.conn.execute("UPDATE voice_entries SET sealed = zeroblob(60) WHERE visit_id = ?", (visit.id,))
        store.audit.append("edited", "voice", store.conn.execute("SELECT id FROM voice_entries").fetchone()[0], 2)
    assert store.search.search("garden") == []
    assert store.search.unreadable == 1


def test_many_changes_write_the_sealed_index_again(store):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="First words.")
    store.search.search("words")
    written = index_version(store)
    draft = store.visits.get(visit.id)
    for _ in range(3):
        draft.what_i_saw += " more"
        store.visits.save_draft(draft)
    store.search.search("words")
    assert index_version(store) == written  # one visit re-read: not worth writing it all again
    for n in range(REWRITE_AFTER + 1):
        complete_visit(store, ada, what_i_saw=f"Visit number{n}.")
    assert len(store.search.search("number")) == REWRITE_AFTER + 1
    assert index_version(store) == written + 1


def test_a_visit_altered_after_it_was_indexed_is_left_out_of_the_results_and_counted(store):
    from wvisit.ui.search_page import find

    ada = make_child(store)
    sound = complete_visit(store, ada, what_i_saw="Lego castle.")
    altered = complete_visit(store, ada, what_i_saw="Lego spaceship.")
    store.search.search("lego")
    with store.transaction():  # changed outside wvisit: no audit link, so the index cannot know
        store.conn.execute("UPDATE visits SET sealed = zeroblob(80) WHERE id = ?", (altered.id,))
    hits, unreadable = find(store, "lego")
    assert [hit.visit_id for hit in hits] == [sound.id]
    assert unreadable == 1


def test_only_the_words_are_searched_not_the_ids_or_dates_the_index_keeps(store, data_dir, vault_and_keys):
    ada = make_child(store)
    visit = complete_visit(store, ada, what_i_saw="Baking.")
    store.search.search("baking")
    store = reopen(store, data_dir, vault_and_keys)
    assert store.search.search(visit.id[:8]) == []
    assert store.search.search(str(visit.started_at.year)) == []
    assert store.search.search("baking") == [visit.id]
    store.close()
