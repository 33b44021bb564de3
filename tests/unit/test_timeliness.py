"""Visits on time or late (the team page's figures) and the Wandsworth 5, from the records the app holds."""

from datetime import UTC, date, datetime

from tests.unit.test_policy import POLICY, TODAY, child
from wvisit.domain import LegalStatus, PlanItem, Visit, VisitStatus
from wvisit.domain.child import ChronologyEvent
from wvisit.domain.supervision import Reflection, Supervision
from wvisit.domain.timeliness import visit_timings, wandsworth5


def visit(child_id: str, day: date, author: str) -> Visit:
    return Visit(
        child_id, author, started_at=datetime(day.year, day.month, day.day, 10, tzinfo=UTC), status=VisitStatus.FINAL
    )


def test_visits_are_counted_on_time_or_late_over_twelve_weeks_each_from_the_one_before():
    sam = child(LegalStatus.CIN)  # every 28 days
    visits = [
        visit(sam.id, date(2026, 6, 1), "sw.old"),  # before the window: only a starting point
        visit(sam.id, date(2026, 9, 1), "sw.a"),  # 92 days after: late, but before the window
        visit(sam.id, date(2026, 9, 20), "sw.a"),  # 19 days: on time
        visit(sam.id, date(2026, 11, 1), "sw.b"),  # 42 days: late
        visit(sam.id, date(2026, 11, 20), "sw.b"),  # 19 days: on time
    ]
    timings = visit_timings([sam], visits, POLICY, TODAY)
    assert [(t.visit.author, t.visit.started_at.date(), t.due, t.on_time) for t in timings] == [
        ("sw.a", date(2026, 9, 20), date(2026, 9, 29), True),
        ("sw.b", date(2026, 11, 1), date(2026, 10, 18), False),
        ("sw.b", date(2026, 11, 20), date(2026, 11, 29), True),
    ]


def test_the_wandsworth_5_say_what_is_up_to_date_and_when_it_was_last_touched():
    sam = child(
        LegalStatus.CIN,
        summary_updated=date(2026, 10, 1),
        plan_updated=date(2026, 5, 1),
        plan=[PlanItem("Family time every Saturday", "Jo Example", date(2026, 12, 1))],
        events=[ChronologyEvent(date(2026, 11, 2), "Moved school")],
    )
    sam.summary = "Sam lives with his dad."
    visits = [visit(sam.id, date(2026, 11, 10), "sw.a")]
    supervised = Supervision(
        sam.id,
        "sup.a",
        held_on=date(2026, 11, 12),
        attendees="Jo Reed, Sam Patel",
        discussion=Reflection(lived_experience="Sam says mornings are calmer."),
        decisions="Carry on with the plan.",
        next_due=date(2026, 12, 24),
        written_at=datetime(2026, 11, 12, 15, tzinfo=UTC),
    )
    standards = {s.name: s for s in wandsworth5(sam, visits, [supervised], POLICY, TODAY)}
    assert standards["Case summary"].up_to_date and standards["Case summary"].last_touched == date(2026, 10, 1)
    assert not standards["SMART plan"].up_to_date  # reviewed more than 90 days ago
    assert standards["Chronology"].last_touched == date(2026, 11, 10)
    assert standards["Visit record"].up_to_date
    assert standards["Supervision record"].up_to_date and standards["Supervision record"].last_touched == date(
        2026, 11, 12
    )


def test_nothing_recorded_is_nothing_up_to_date():
    standards = wandsworth5(child(LegalStatus.CP), [], [], POLICY, TODAY)
    assert [s.up_to_date for s in standards] == [False] * 5
