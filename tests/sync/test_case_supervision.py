"""Case supervision and the central record: a supervisor's record reaches the worker's laptop, signed
by name; a worker's laptop cannot send one; its time is held to the central record's clock."""

from datetime import UTC, date, datetime, timedelta

from tests.conftest import complete_visit, make_child
from tests.sync.test_sync import fresh_laptop
from wvisit.app import supervision
from wvisit.domain import PlanItem
from wvisit.domain.supervision import Reflection, Supervision


def _record(child_id: str, **overrides) -> Supervision:
    today = date.today()
    fields = dict(
        child_id=child_id,
        author="",
        held_on=today,
        attendees="Jo Reed, Sam Patel",
        discussion=Reflection(
            hypotheses="Ivy's quietness may be how she keeps safe when dad drinks.",
            lived_experience="Ivy says weekends at nan's are the best bit.",
            parental_substance_misuse="Dad has started at the alcohol service.",
        ),
        decisions="Keep the child protection plan; joint visit with the alcohol worker.",
        next_due=today + timedelta(weeks=6),
        actions=[PlanItem("Joint visit with the alcohol worker", "Sam Patel", today + timedelta(days=10))],
    )
    return Supervision(**{**fields, **overrides})


def test_a_supervisors_case_supervision_reaches_the_workers_laptop(laptop, store, central, tmp_path):
    ivy = make_child(store, "Ivy Example")
    store.visits.finalise(complete_visit(store, ivy).id)
    assert laptop.sync().complete

    team_store, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    supervisor.sync()
    (signed,) = supervision.record_meeting(team_store, [_record(ivy.id)])
    assert signed.author == "sup.demo"
    assert supervisor.sync().complete and team_store.outbox.count() == 0

    laptop.sync()
    (arrived,) = store.supervision.for_child(ivy.id)
    assert arrived == signed  # the whole record, as signed, on the worker's laptop
    assert store.people.read().signature(arrived.author) == "Jo Reed, supervisor"  # a name, not a login
    assert "Joint visit with the alcohol worker" in [p.action for p in store.children.get(ivy.id).plan]


def test_a_social_workers_laptop_cannot_send_case_supervision(laptop, store):
    ivy = make_child(store, "Ivy Example")
    store.supervision.add(_record(ivy.id))  # the laptop's own check passes: the role is the central record's
    report = laptop.sync()
    assert report.set_aside == 1
    assert store.outbox.held()[0].last_error == "only a supervisor can record case supervision"


def test_a_supervision_signed_in_the_future_is_refused(laptop, store, central, tmp_path):
    ivy = make_child(store, "Ivy Example")
    assert laptop.sync().complete
    team_store, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    supervisor.sync()
    ahead = datetime.now(UTC) + timedelta(days=3)  # a supervisor's laptop clock days ahead
    team_store.supervision.add(
        _record(ivy.id, held_on=ahead.date(), next_due=ahead.date() + timedelta(weeks=6), written_at=ahead)
    )
    report = supervisor.sync()
    assert report.set_aside == 1
    assert "later than now" in team_store.outbox.held()[0].last_error
