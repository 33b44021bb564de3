"""What is done to a visit from the screens and the command line alike (wvisit/app/visits.py), and
the read models the child's page and the editor show (wvisit/app/queries)."""

from datetime import UTC, date, datetime

import pytest

from tests.conftest import make_child
from wvisit import resources
from wvisit.app import visits
from wvisit.app.queries.child import chronology, load_child
from wvisit.app.queries.visit import load_visit
from wvisit.domain import ChronologyEvent, VisitStatus
from wvisit.domain.policy import Policy
from wvisit.errors import InvalidValue

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
    assert entries[0] == (date(2026, 11, 22), "Moved school")
    assert entries[1][0] == date(2026, 11, 20) and "draft" in entries[1][1]
