"""Supervisors and the central record: review, oversight, sign-off, and only their own team."""

from datetime import date, timedelta

from tests.conftest import complete_visit, make_child
from tests.sync.test_sync import fresh_laptop
from wvisit.domain import Outcome, Oversight, PlanItem


def test_oversight_travels_from_supervisor_to_worker_and_stays_in_the_team(laptop, store, central, tmp_path):
    child = make_child(store, "Ivy Example")
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    assert laptop.sync().complete

    team_store, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    supervisor.sync()
    assert team_store.visits.get(visit.id).is_final  # the team's visit arrived for review
    note = Oversight(
        visit_id=visit.id,
        child_id=child.id,
        author="sup.demo",
        considered="The visit record, Ivy's words and the school's update.",
        decision="Plan is working; keep the visiting pattern.",
        outcome=Outcome.SIGNED_OFF,
        actions=[PlanItem("Ask the school about transport", "sw.demo", date.today() + timedelta(days=7))],
    )
    team_store.oversight.add(note)
    assert supervisor.sync().complete

    laptop.sync()
    (arrived,) = store.oversight.for_visit(visit.id)
    assert arrived == note  # the whole note, byte for byte, on the worker's laptop

    other_store, other_supervisor = fresh_laptop(tmp_path, "elsewhere", central.url, user="sup.elsewhere")
    other_supervisor.sync()
    assert other_store.children.all() == [] and other_store.oversight.all() == []


def test_a_worker_cannot_write_management_oversight(laptop, store, central):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    store.oversight.add(Oversight(visit.id, child.id, "sw.demo", "my own work", "fine", Outcome.SIGNED_OFF))
    report = laptop.sync()
    assert report.set_aside == 1
    assert store.outbox.held()[0].last_error == "only a supervisor can add management oversight"
