"""Editing a child's record dates what the Wandsworth 5 and the visiting policy read."""

from datetime import date

import pytest

from tests.conftest import make_child
from wvisit.app import children
from wvisit.domain import Child, ChronologyEvent, LegalStatus, PlanItem
from wvisit.errors import InvalidValue

TODAY = date(2026, 11, 25)
ADA = Child("Ada Example", date(2016, 3, 4), LegalStatus.CIN, summary="Lives with mum.", status_since=date(2026, 1, 5))


def test_a_changed_summary_is_dated_and_an_unchanged_one_keeps_its_date():
    assert children.edited(ADA, {"summary": "Lives with mum and nan."}, TODAY).summary_updated == TODAY
    assert children.edited(ADA, {"address": "1 Example Road"}, TODAY).summary_updated is None


def test_a_new_legal_status_starts_its_own_visiting_clock():
    assert children.edited(ADA, {"legal_status": LegalStatus.CP, "status_since": None}, TODAY).status_since == TODAY
    given = children.edited(ADA, {"legal_status": LegalStatus.CP, "status_since": date(2026, 11, 20)}, TODAY)
    assert given.status_since == date(2026, 11, 20)
    assert children.edited(ADA, {"address": "1 Example Road"}, TODAY).status_since == date(2026, 1, 5)


def test_a_new_plan_item_is_not_a_review_of_the_plan_and_a_bad_edit_is_refused():
    child = children.edited(
        None, {"name": "Ben Example", "date_of_birth": date(2018, 1, 1), "legal_status": LegalStatus.CIN}, TODAY
    )
    children.add_plan_item(PlanItem("Review school place", "me", date(2026, 12, 14)))(child)
    assert child.plan_updated is None and len(child.plan) == 1  # one action added: the plan not reviewed
    children.plan_reviewed(TODAY)(child)
    assert child.plan_updated == TODAY
    with pytest.raises(InvalidValue, match="name"):
        children.edited(ADA, {"name": " "}, TODAY)


def test_a_chronology_entry_is_corrected_by_striking_it_through_never_deleted(store):
    child = make_child(store)
    wrong = ChronologyEvent(date(2026, 11, 25), "Police call-out at home")
    store.children.amend(child.id, children.add_event(wrong))
    right = ChronologyEvent(date(2026, 11, 14), "Police call-out at home")
    with pytest.raises(InvalidValue, match="Say why"):
        children.strike(store, child.id, wrong, "  ", right)
    children.strike(store, child.id, wrong, "Wrong date: it was the 14th", right)
    events = store.children.get(child.id).events
    assert [(e.on, e.struck is not None) for e in events] == [(date(2026, 11, 25), True), (date(2026, 11, 14), False)]
    assert events[0].struck.why == "Wrong date: it was the 14th" and events[0].struck.by == "sw.test"
    with pytest.raises(InvalidValue, match="changed or been struck"):  # struck already: not twice
        children.strike(store, child.id, wrong, "Again")


def test_a_plan_action_is_struck_through_with_who_and_why(store):
    child = make_child(store)
    action = PlanItem("Review school place", "sw.test", date(2026, 12, 14))
    store.children.amend(child.id, children.add_plan_item(action))
    children.strike(store, child.id, action, "Entered twice")
    (kept,) = store.children.get(child.id).plan
    assert kept.action == "Review school place" and kept.struck is not None and kept.struck.why == "Entered twice"
