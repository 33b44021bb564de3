"""What is done to a visit from the screens and the command line alike (wvisit/app/visits.py), and
the read models the child's page and the editor show (wvisit/app/queries)."""

from datetime import UTC, date, datetime

import pytest

from tests.conftest import complete_visit, make_child
from wvisit import resources
from wvisit.app import visits
from wvisit.app.queries.child import chronology, load_child
from wvisit.app.queries.visit import load_visit
from wvisit.domain import ChronologyEvent, VisitStatus, VoiceEntry
from wvisit.domain.policy import Policy
from wvisit.errors import InvalidValue, VisitDiscarded, VisitFinalised

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
MORNING = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def test_a_visit_started_with_the_childs_first_words_keeps_both(store):
    child = make_child(store)
    visit = visits.start(store, child.id, MORNING, what_i_saw="Tidy flat.", words="I like my new room \U0001f3e0")
    shown = load_visit(store, visit.id)
    assert shown.record.visit.what_i_saw == "Tidy flat." and shown.record.visit.author == "sw.test"
    assert [v.words for v in shown.record.voice] == ["I like my new room \U0001f3e0"]
    assert shown.child.id == child.id and shown.record.visit.status is VisitStatus.DRAFT


@pytest.mark.parametrize("stamped", ["author", "status", "finalised_at", "child_id", "id"])
def test_a_field_nobody_types_is_refused_by_name(store, stamped):
    visit = visits.start(store, make_child(store).id, MORNING)
    with pytest.raises(InvalidValue, match=f"'{stamped}'"):
        visits.with_fields(visit, {stamped: "sw.someone-else"})


def test_a_value_of_the_wrong_form_is_refused_without_repeating_it(store):
    visit = visits.start(store, make_child(store).id, MORNING)
    with pytest.raises(InvalidValue) as refused:
        visits.with_fields(visit, {"next_visit": "Tuesday at Ada's school"})
    assert "Ada" not in str(refused.value)
    changed = visits.with_fields(visit, {"what_i_saw": "Ada showed me her room.", "child_seen": True})
    visits.save_draft(store, changed)
    assert store.visits.get(visit.id).child_seen is True


def test_the_chronology_lists_events_and_visits_newest_first(store):
    child = make_child(store)
    store.children.amend(child.id, lambda c: c.events.append(ChronologyEvent(date(2026, 11, 22), "Moved school")))
    visits.start(store, child.id, MORNING)
    entries = chronology(load_child(store, child.id, POLICY, date(2026, 11, 25)))
    assert (entries[0].on, entries[0].what) == (date(2026, 11, 22), "Moved school")
    assert entries[1].on == date(2026, 11, 20) and "draft" in entries[1].what and entries[1].event is None


def test_a_draft_started_in_error_is_discarded_with_its_reason_and_leaves_every_list(store):
    child = make_child(store)
    kept = visits.start(store, child.id, MORNING, words="I like swimming")
    wrong = visits.start(store, child.id, MORNING, what_i_saw="Typed on the wrong child", words="Wrong words")
    assert store.visits.drafts_per_child() == {child.id: 2}
    gone = visits.discard(store, wrong.id, "  Started on the wrong child  ")
    assert gone.is_discarded and gone.discarded_why == "Started on the wrong child"
    assert [v.id for v in store.visits.for_child(child.id)] == [kept.id] and store.visits.drafts_per_child() == {
        child.id: 1
    }
    view = load_child(store, child.id, POLICY, date(2026, 11, 25))
    assert [entry.words for entry in view.voice] == ["I like swimming"]  # its words went with it
    assert store.visits.get(wrong.id).what_i_saw == "Typed on the wrong child"  # kept, not deleted
    assert [e.action for e in store.audit.entries() if e.record_id == wrong.id][-1] == "discarded"
    with pytest.raises(VisitDiscarded):
        visits.save_draft(store, store.visits.get(wrong.id))
    with pytest.raises(VisitDiscarded):
        visits.add_voice(store, VoiceEntry(visit_id=wrong.id, child_id=child.id, words="More"))


def test_a_discard_needs_a_reason_and_a_finalised_visit_is_never_discarded(store):
    child = make_child(store)
    draft = visits.start(store, child.id, MORNING)
    with pytest.raises(InvalidValue, match="Say why"):
        visits.discard(store, draft.id, "   ")
    assert store.visits.get(draft.id).is_draft
    final = complete_visit(store, child)
    visits.finalise(store, final.id)
    with pytest.raises(VisitFinalised, match="addendum"):
        visits.discard(store, final.id, "Changed my mind")
