"""My tasks (wvisit/app/queries/tasks.py): what needs the worker now, most urgent first, each task
saying what to open; oversight's actions joining the child's plan; and `wvisit tasks --json`."""

import json
from datetime import UTC, date, datetime, timedelta

from tests.conftest import complete_visit, make_child
from wvisit import resources
from wvisit.app import children, visits
from wvisit.app.queries.tasks import Group, Opens, TaskKind, tasks
from wvisit.cli import main
from wvisit.domain import LegalStatus, Outcome, Oversight, PlanItem
from wvisit.domain.policy import Policy

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
TODAY = date.today()


def finalised_visit(store, child, **fields):
    visit = complete_visit(store, child, **fields)
    return store.visits.finalise(visit.id)


def oversight(visit, outcome=Outcome.SIGNED_OFF, actions=()):
    return Oversight(
        visit_id=visit.id,
        child_id=visit.child_id,
        author="sup.test",
        considered="The record and the child's words.",
        decision="Keep visiting.",
        outcome=outcome,
        actions=list(actions),
    )


def of_kind(found, kind):
    return [task for task in found if task.kind is kind]


def test_an_addendum_asked_for_in_oversight_is_a_task_until_it_is_written(store):
    ada = make_child(store)
    visit = finalised_visit(store, ada)
    visits.add_oversight(store, oversight(visit, Outcome.ADDENDUM_REQUESTED))

    (asked,) = of_kind(tasks(store, POLICY, TODAY), TaskKind.ADDENDUM)
    assert asked.group is Group.OVERSIGHT and asked.child_name == "Ada Example"
    assert asked.opens == Opens("visit", visit.id)  # the visit, where the addendum is added
    assert asked.what.startswith("Add the addendum sup.test asked for")  # a login until the account is met

    visits.add_addendum(store, visit.id, "Asked in oversight", "Ada's school is Example Primary.")
    assert of_kind(tasks(store, POLICY, TODAY), TaskKind.ADDENDUM) == []


def test_a_signed_off_visit_asks_for_nothing(store):
    visit = finalised_visit(store, make_child(store))
    visits.add_oversight(store, oversight(visit))
    assert of_kind(tasks(store, POLICY, TODAY), TaskKind.ADDENDUM) == []


def test_oversight_actions_join_the_childs_plan_and_the_due_ones_are_tasks(store):
    ada = make_child(store)
    visit = finalised_visit(store, ada)
    soon = PlanItem("Ask the school about transport", "Sam Patel", TODAY + timedelta(days=3))
    late = PlanItem("Book the family meeting", "Sam Patel", TODAY - timedelta(days=2))
    later = PlanItem("Review the plan", "Sam Patel", TODAY + timedelta(days=30))
    visits.add_oversight(store, oversight(visit, actions=[soon, late, later]), today=TODAY)

    child = store.children.get(ada.id)
    assert child.plan == [soon, late, later]
    actions = of_kind(tasks(store, POLICY, TODAY), TaskKind.ACTION)
    assert [(a.what, a.group, a.who) for a in actions] == [
        ("Book the family meeting", Group.OVERDUE, "Sam Patel"),
        ("Ask the school about transport", Group.THIS_WEEK, "Sam Patel"),
    ]  # overdue first; the one due in a month waits
    assert actions[0].opens == Opens("child", ada.id)


def test_an_action_marked_done_is_no_longer_a_task_and_stays_in_the_plan_ticked(store):
    ada = make_child(store)
    item = PlanItem("Call the GP", "Sam Patel", TODAY)
    store.children.amend(ada.id, children.add_plan_item(item))
    assert len(of_kind(tasks(store, POLICY, TODAY), TaskKind.ACTION)) == 1

    store.children.amend(ada.id, children.plan_item_done(item))
    assert of_kind(tasks(store, POLICY, TODAY), TaskKind.ACTION) == []
    assert store.children.get(ada.id).plan == [PlanItem("Call the GP", "Sam Patel", TODAY, done=True)]


def test_an_older_notes_actions_that_never_reached_the_plan_are_still_tasks_once(store):
    ada = make_child(store)
    visit = finalised_visit(store, ada)
    item = PlanItem("Ask the school about transport", "Sam Patel", TODAY + timedelta(days=1))
    store.oversight.add(oversight(visit, actions=[item]))  # as an older wvisit saved it: the note only
    assert [a.what for a in of_kind(tasks(store, POLICY, TODAY), TaskKind.ACTION)] == [item.action]

    store.children.amend(ada.id, children.plan_item_done(item))
    assert of_kind(tasks(store, POLICY, TODAY), TaskKind.ACTION) == []


def test_visits_due_this_week_or_overdue_are_tasks_and_later_ones_are_not(store):
    never = make_child(store, "Kai Example")  # never visited: due today
    seen = make_child(store, "Ada Example", LegalStatus.CIN)
    finalised_visit(store, seen, started_at=datetime.now(UTC) - timedelta(hours=2))  # next due weeks away
    late = make_child(store, "Ivy Example", LegalStatus.CP)
    finalised_visit(store, late, started_at=datetime.now(UTC) - timedelta(days=40))

    due = of_kind(tasks(store, POLICY, TODAY), TaskKind.VISIT)
    assert [(t.child_name, t.group) for t in due] == [("Ivy Example", Group.OVERDUE), ("Kai Example", Group.THIS_WEEK)]
    assert due[0].what.startswith("Visit: overdue by") and due[1].opens == Opens("child", never.id)


def test_my_drafts_are_tasks_and_finalised_visits_are_not(store):
    ada = make_child(store)
    draft = visits.start(store, ada.id, datetime.now(UTC))
    finalised_visit(store, ada)
    (task,) = of_kind(tasks(store, POLICY, TODAY), TaskKind.DRAFT)
    assert task.group is Group.DRAFTS and task.opens == Opens("visit", draft.id)


def test_a_record_sync_set_aside_is_a_task_that_opens_it(store):
    ada = make_child(store)
    draft = visits.start(store, ada.id, datetime.now(UTC))
    with store.transaction():
        (entry,) = [e for e in store.outbox.pending() if e.record_id == draft.id]
        store.outbox.set_aside(entry, "the child is not on your caseload")
        store.sync_state.set("pulled_set_aside", json.dumps([{"kind": "visit", "record_id": "x", "reason": "newer"}]))
    aside = of_kind(tasks(store, POLICY, TODAY), TaskKind.SYNC)
    assert [(t.child_name, t.opens) for t in aside] == [("Ada Example", Opens("visit", draft.id)), ("", Opens(""))]
    assert "did not sync: the child is not on your caseload" in aside[0].what
    assert all(t.group is Group.SYNC for t in aside)


def test_a_supervisor_has_visits_to_review_not_the_workers_visits_and_actions(store):
    ada = make_child(store)
    unreviewed = finalised_visit(store, ada)
    signed = finalised_visit(store, ada, started_at=datetime.now(UTC) - timedelta(days=3))
    visits.add_oversight(store, oversight(signed, actions=[PlanItem("Call the GP", "Sam Patel", TODAY)]))
    with store.transaction():
        store.sync_state.set("role", "supervisor")

    found = tasks(store, POLICY, TODAY)
    assert {t.kind for t in found} == {TaskKind.REVIEW}
    (review,) = found
    assert review.opens == Opens("visit", unreviewed.id) and review.group is Group.REVIEW


def test_tasks_as_json_from_the_command_line(cli_env, capsys):
    assert main(["init", "--owner", "sw.test"]) == 0
    assert main(["child", "add", "--name", "Kai Example", "--dob", "2016-03-04", "--status", "CIN"]) == 0
    capsys.readouterr()
    assert main(["tasks", "--json"]) == 0
    (task,) = json.loads(capsys.readouterr().out)
    assert task["kind"] == "visit" and task["child_name"] == "Kai Example" and task["group"] == "This week"
    assert task["due"] == TODAY.isoformat() and task["opens"]["screen"] == "child"
