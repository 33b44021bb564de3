"""The visit-frequency policy: placements, working days with bank holidays, status changes."""

from datetime import date

import pytest

from wvisit import resources
from wvisit.domain import Child, LegalStatus
from wvisit.domain.policy import Due, Policy, add_working_days

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
TODAY = date(2026, 11, 25)


def child(status: LegalStatus, **dates) -> Child:
    return Child("Sam Example", date(2015, 6, 1), status, **dates)


def test_a_child_protection_visit_is_due_ten_working_days_later_skipping_weekends():
    # Wed 4 Nov 2026 + 10 working days = Wed 18 Nov (two weekends skipped).
    assert POLICY.next_due(child(LegalStatus.CP), date(2026, 11, 4), TODAY) == date(2026, 11, 18)


def test_bank_holidays_are_not_working_days():
    # From Fri 18 Dec 2026: Christmas Day (Fri 25) and the Boxing Day substitute (Mon 28) do not count.
    assert add_working_days(date(2026, 12, 18), 10, POLICY.holidays) == date(2027, 1, 6)
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 1)  # without the holidays


def test_easter_moves_a_child_protection_visit():
    # From Wed 1 Apr 2026: Good Friday 3 Apr and Easter Monday 6 Apr are skipped.
    assert POLICY.next_due(child(LegalStatus.CP), date(2026, 4, 1), TODAY) == date(2026, 4, 17)


def test_a_new_placement_is_visited_within_a_week():
    ada = child(LegalStatus.CLA, placement_start=date(2026, 11, 20))
    assert POLICY.next_due(ada, date(2026, 10, 1), TODAY) == date(2026, 11, 27)  # the old visit was before it
    assert POLICY.next_due(ada, None, TODAY) == date(2026, 11, 27)


def test_a_placement_is_visited_every_six_weeks_in_its_first_year_then_every_three_months():
    ada = child(LegalStatus.CLA, placement_start=date(2026, 1, 10))
    assert POLICY.next_due(ada, date(2026, 11, 1), TODAY) == date(2026, 12, 13)  # first year: 42 days
    settled = child(LegalStatus.CLA, placement_start=date(2024, 1, 10))
    assert POLICY.next_due(settled, date(2026, 11, 1), TODAY) == date(2027, 1, 31)  # after: 91 days


def test_a_status_change_restarts_the_clock():
    # Seen on 1 Oct as a child in need; a child protection plan began on Mon 16 Nov.
    sam = child(LegalStatus.CP, status_since=date(2026, 11, 16))
    assert POLICY.next_due(sam, date(2026, 10, 1), TODAY) == date(2026, 11, 30)
    # Seen since the plan began: the usual rhythm from that visit.
    assert POLICY.next_due(sam, date(2026, 11, 20), TODAY) == date(2026, 12, 4)


@pytest.mark.parametrize(("status", "days"), [(LegalStatus.CIN, 28), (LegalStatus.CL, 56)])
def test_children_in_need_and_care_leavers_are_visited_by_calendar_days(status, days):
    assert (POLICY.next_due(child(status), date(2026, 11, 1), TODAY) - date(2026, 11, 1)).days == days


def test_a_child_never_visited_is_due_today_and_overdue_days_are_counted():
    assert Due.of(POLICY, child(LegalStatus.CIN), None, TODAY) == Due(TODAY, 0)
    assert Due.of(POLICY, child(LegalStatus.CIN), date(2026, 10, 1), TODAY) == Due(date(2026, 10, 29), 27)


def test_the_council_can_change_the_figures():
    council = Policy.from_data({**POLICY.rules, "CIN": {"every_days": 42}})
    assert council.next_due(child(LegalStatus.CIN), date(2026, 11, 1), TODAY) == date(2026, 12, 13)
