"""Editing a child's record dates what the Wandsworth 5 and the visiting policy read."""

from datetime import date

import pytest

from wvisit.app import children
from wvisit.domain import Child, LegalStatus, PlanItem
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


def test_a_plan_item_dates_the_plan_and_a_bad_edit_is_refused():
    child = children.edited(
        None, {"name": "Ben Example", "date_of_birth": date(2018, 1, 1), "legal_status": LegalStatus.CIN}, TODAY
    )
    children.add_plan_item(PlanItem("Review school place", "me", date(2026, 12, 14)), TODAY)(child)
    assert child.plan_updated == TODAY and len(child.plan) == 1
    with pytest.raises(InvalidValue, match="name"):
        children.edited(ADA, {"name": " "}, TODAY)
