"""The store's promises, against a real SQLite file in tmp_path."""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import complete_visit, make_child
from wvisit import resources
from wvisit.app.queries.caseload import caseload
from wvisit.domain import AttachmentKind, Child, KeyPerson, LegalStatus, VoiceEntry
from wvisit.domain.policy import Policy
from wvisit.errors import InvalidValue, NotFound, VisitFinalised, VisitIncomplete
from wvisit.store import Store
from wvisit.store.attachments import CHUNK_SIZE
from wvisit.store.children import ChildRepository
from wvisit.store.context import StoreContext


def test_a_child_reads_back_exactly(store):
    child = Child(
        name="Zoë \u05d3\u05e0\u05d9\u05d0\u05dc Example",
        date_of_birth=date(2012, 2, 29),
        legal_status=LegalStatus.CP,
        identity_notes="Speaks Arabic at home",
        key_people=[KeyPerson("Nan Example", "grandmother")],
    )
    store.children.add(child)
    assert store.children.get(child.id) == child
    assert [c.id for c in store.children.all()] == [child.id]


def test_a_draft_keeps_each_save_and_counts_versions(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    for n in range(3):
        visit.what_i_saw = f"typed {n}"
        version = store.visits.save_draft(visit)
    assert version == 4
    assert store.visits.get(visit.id).what_i_saw == "typed 2"


def test_finalising_names_what_is_missing_then_freezes_the_record(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    with pytest.raises(VisitIncomplete) as refused:
        store.visits.finalise(visit.id)
    assert "who was present" in refused.value.missing
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    visit.what_i_saw = "rewritten later"
    with pytest.raises(VisitFinalised):
        store.visits.save_draft(visit)
    with pytest.raises(VisitFinalised):
        store.visits.add_voice(VoiceEntry(visit_id=visit.id, child_id=child.id, words="late words"))
    assert store.visits.get(visit.id).what_i_saw == "Ada showed me her room."


def test_corrections_after_finalising_are_addenda_with_who_and_why(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    with pytest.raises(InvalidValue, match="still a draft"):
        store.visits.add_addendum(visit.id, "typo", "fix")
    store.visits.finalise(visit.id)
    store.visits.add_addendum(visit.id, "Carer's name was wrong", "The carer is Jo Example.")
    record = store.visits.open(visit.id)
    assert [(a.author, a.why) for a in record.addenda] == [("sw.test", "Carer's name was wrong")]
    assert record.voice[0].words == "I like my room"


def test_a_visit_for_an_unknown_child_is_refused(store):
    with pytest.raises(NotFound):
        store.visits.new_draft("no-such-child")


def test_every_change_is_queued_for_sync_in_the_same_transaction(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    visit.what_i_saw = "more"
    store.visits.save_draft(visit)
    pending = {e.record_id: e for e in store.outbox.pending()}
    assert set(pending) == {child.id, visit.id}
    assert pending[visit.id].record_version == 2  # one entry per record, the latest version


def test_an_old_acknowledgement_never_drops_a_newer_change(store):
    child = make_child(store)
    (entry,) = store.outbox.pending()
    child.summary = "changed while the first push was in flight"
    store.children.update(child, base_version=1)
    assert store.outbox.acknowledge([entry]) == 0
    assert store.outbox.count() == 1


def test_an_old_refusal_never_holds_back_a_newer_change(store):
    child = make_child(store)
    (entry,) = store.outbox.pending()
    child.summary = "changed while the first push was in flight"
    store.children.update(child, base_version=1)
    store.outbox.set_aside(entry, "refused: not allocated")  # the answer to the older push
    assert store.outbox.held() == []
    (newer,) = store.outbox.pending()  # sent at the next push, and judged afresh
    assert (newer.record_version, newer.last_error) == (2, None)


def test_a_refused_record_is_set_aside_without_blocking_the_rest(store):
    make_child(store, "Ada Example")
    make_child(store, "Ben Example")
    first, second = store.outbox.pending()
    store.outbox.set_aside(first, "refused: not allocated")
    assert [e.op_id for e in store.outbox.pending()] == [second.op_id]
    assert store.outbox.held()[0].last_error == "refused: not allocated"
    store.outbox.retry(first)
    assert len(store.outbox.pending()) == 2


def test_sync_reads_and_places_records_through_the_stores_methods(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)  # version 2
    addendum = store.visits.add_addendum(visit.id, "typo", "The carer is Jo Example.")
    found = store.read_for_push("addendum", [addendum.id, "not-here"])
    assert set(found) == {addendum.id}
    _, body = found[addendum.id]
    assert store.child_of("addendum", addendum.id, body) == child.id  # through its visit
    assert store.child_of("addendum", addendum.id, {**body, "visit_id": "not-here"}) is None


def test_a_repository_needs_the_stores_context_not_the_store(store):
    children = ChildRepository(StoreContext.of(store.conn, store.keys, "sw.other"))
    child = children.add(Child(name="Cy Example", date_of_birth=date(2015, 1, 2), legal_status=LegalStatus.CIN))
    assert store.children.get(child.id) == child
    assert store.audit.entries()[-1].actor == "sw.other"


def test_the_caseload_counts_each_childs_drafts(store):
    ada, ben = make_child(store, "Ada Example"), make_child(store, "Ben Example")
    store.visits.new_draft(ada.id)
    store.visits.new_draft(ada.id)
    store.visits.finalise(complete_visit(store, ben).id)
    policy = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
    rows = caseload(store, policy, date.today())
    assert {row.child.name: row.drafts for row in rows} == {"Ada Example": 2, "Ben Example": 0}


def test_search_finds_words_in_notes_voice_and_addenda_in_any_case(store):
    ada = make_child(store)
    first = complete_visit(store, ada, what_i_saw="The kitchen was warm.")
    second = complete_visit(store, ada, what_i_saw="Quiet evening.")
    assert store.search.search("KITCHEN warm") == [first.id]
    assert set(store.search.search("like my room")) == {first.id, second.id}
    store.visits.finalise(second.id)
    store.visits.add_addendum(second.id, "missed out", "Ada mentioned the trampoline.")
    assert store.search.search("trampoline") == [second.id]
    assert store.search.search("") == []


def test_attachments_are_chunked_and_read_back_exactly(store):
    child = make_child(store)
    data = bytes(range(256)) * (CHUNK_SIZE // 128 + 3)  # three chunks
    attachment = store.attachments.put(child.id, AttachmentKind.DRAWING, data, name="house.png", mime="image/png")
    chunks = store.conn.execute("SELECT count(*) FROM attachment_chunks").fetchone()[0]
    assert chunks == 3
    assert store.attachments.read(attachment.id) == data
    assert store.attachments.for_owner(child.id)[0].sha256 == attachment.sha256


def test_records_survive_closing_and_reopening(store, data_dir, vault_and_keys):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.close()
    reopened = Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert reopened.visits.get(visit.id).what_i_saw == "Ada showed me her room."
    assert reopened.visits.voice_for_child(child.id)[0].words == "I like my room"


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(texts=st.lists(st.text(max_size=300), min_size=1, max_size=5))
def test_any_typed_text_saves_and_reads_back(store, texts):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    for text in texts:
        visit.what_i_saw, visit.analysis = text, text[::-1]
        store.visits.save_draft(visit)
    saved = store.visits.get(visit.id)
    assert (saved.what_i_saw, saved.analysis) == (texts[-1], texts[-1][::-1])
