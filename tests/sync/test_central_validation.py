"""The central record checks every pushed body against the registry of record kinds, as a laptop checks
every pulled one: a body that does not fit, or names another record or child than the op carrying it,
is refused with a reason the laptop sets aside; nothing of it is stored."""

from __future__ import annotations

import json
import uuid

from tests.conftest import complete_visit
from tests.sync.test_sync import fresh_laptop
from tests.sync.test_unreadable_records import publish
from wvisit.app.queries.sync_status import sync_overview
from wvisit.domain import Sitting, to_record
from wvisit.sync.protocol import PushOp


def push(engine, kind: str, record_id: str, child_id: str, body: dict, version: int = 1):
    op = PushOp(op_id=str(uuid.uuid4()), kind=kind, record_id=record_id, version=version, child_id=child_id, body=body)
    (result,) = engine.client.push([op]).results
    return result


def caseload_child(store, name: str):
    return next(c for c in store.children.all() if c.name == name)


def test_a_visit_of_nonsense_pushed_by_a_supervisor_is_refused(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    record_id = str(uuid.uuid4())
    result = push(supervisor, "visit", record_id, ada.id, {"x": 1})
    assert result.status == "refused" and "visit record has no child_id" in result.reason
    assert record_id not in central.records()


def test_a_body_naming_another_child_than_its_op_is_refused(laptop, store, central):
    laptop.sync()
    ada, ben = caseload_child(store, "Ada Example"), caseload_child(store, "Ben Sample")
    visit = complete_visit(store, ada)
    result = push(laptop, "visit", visit.id, ben.id, to_record(store.visits.get(visit.id)))
    assert result.status == "refused" and "another child" in result.reason
    assert visit.id not in central.records()


def test_a_body_for_another_record_than_its_op_is_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    other_id = str(uuid.uuid4())
    result = push(laptop, "visit", other_id, ada.id, to_record(store.visits.get(visit.id)))
    assert result.status == "refused" and "another record" in result.reason
    assert other_id not in central.records()


def test_a_sitting_with_a_nameless_person_saved_before_the_check_is_set_aside_and_the_rest_syncs(
    laptop, store, central
):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    sitting = Sitting(visit.id, ada.id, "my_people", {"people": [{"name": " ", "ring": 9}]})
    with store.transaction():  # as an older wvisit stored it, before tools checked their results
        store.tables["tool_sessions"].write(sitting.id, to_record(sitting), {}, "created")

    report = laptop.sync()
    assert report.set_aside == 1
    (held,) = store.outbox.held()
    assert held.record_id == sitting.id and "Each person needs a name." in held.last_error
    assert visit.id in central.records() and sitting.id not in central.records()


def test_an_addendum_never_changes_once_on_the_central_record(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    store.visits.finalise(visit.id)
    addendum = store.visits.add_addendum(visit.id, "wrong date", "The visit was on Monday.")
    laptop.sync()
    rewritten = {**to_record(addendum), "text": "Something else."}
    result = push(laptop, "addendum", addendum.id, ada.id, rewritten, version=2)
    assert result.status == "refused" and "can no longer change" in result.reason
    assert json.loads(central.records()[addendum.id]["body"])["text"] == "The visit was on Monday."


def test_a_pulled_record_naming_another_child_than_its_own_is_set_aside(laptop, store, central):
    laptop.sync()
    ada, ben = caseload_child(store, "Ada Example"), caseload_child(store, "Ben Sample")
    complete_visit(store, ada)
    laptop.sync()
    pushed = next(row for row in central.records().values() if row["kind"] == "visit")
    misfiled = publish(central, pushed, {**json.loads(pushed["body"]), "child_id": ben.id})

    laptop.sync()
    (aside,) = sync_overview(store).pulled_set_aside
    assert aside.record_id == misfiled and "another child" in aside.reason
    assert misfiled not in {v.id for v in store.visits.for_child(ben.id)}
