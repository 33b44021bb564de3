"""The child's record: a chronology a reader can follow by category and date, contacts beside the
visits, and the child protection plan's details - written now and read from older records too."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.conftest import complete_visit, make_child
from wvisit import resources
from wvisit.app import children, contacts
from wvisit.app.queries.child import chronology, filtered, load_child
from wvisit.domain import (
    Category,
    Child,
    ChronologyEvent,
    KeyPerson,
    LegalStatus,
    PlanCategory,
    from_record,
    to_record,
)
from wvisit.domain.contact import ContactKind
from wvisit.domain.kinds import KINDS, check
from wvisit.domain.policy import Policy
from wvisit.errors import InvalidValue
from wvisit.store.kinds import TABLES

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
TODAY = date.today()


def test_a_child_record_from_before_categories_reads_with_every_line_as_other():
    older = {  # a child body as schema version 2 wrote it
        "id": "c-1",
        "name": "Ada Example",
        "date_of_birth": "2016-03-04",
        "legal_status": "CP",
        "events": [{"on": "2026-11-14", "what": "Police call-out", "struck": None}],
        "plan": [],
    }
    KINDS["child"].validate(older)
    child = from_record(Child, older)
    (event,) = child.events
    assert (event.category, event.source, event.impact) == (Category.OTHER, "", "")
    assert child.plan_category is None and child.household == [] and child.next_conference is None


def test_a_worker_cannot_file_a_typed_line_as_a_visit_or_oversight():
    child = Child("Ada Example", date(2016, 3, 4), LegalStatus.CIN)
    child.events.append(ChronologyEvent(date(2026, 11, 1), "Seen", category=Category.VISIT))
    with pytest.raises(InvalidValue, match="category"):
        child.validate(TODAY)


def test_every_kind_of_line_says_what_it_holds_and_the_filter_finds_one_thread(store):
    child = make_child(store)
    police = ChronologyEvent(
        date(2026, 11, 14),
        "Police called to the home after a neighbour heard shouting",
        category=Category.POLICE,
        source="Police notification",
        impact="Ada was frightened and did not sleep",
    )
    store.children.amend(child.id, children.add_event(police))
    visit = complete_visit(store, child, analysis="Ada is safer now that dad has moved out.\nMore to say.")
    store.visits.finalise(visit.id)
    store.visits.add_addendum(visit.id, "Wrong school named", "Ada goes to Hill Primary.")
    contacts.record(
        store,
        child.id,
        ContactKind.PHONE,
        datetime.now(UTC) - timedelta(hours=2),
        "Ms Bell, class teacher",
        "Ada was upset in class this morning.\nShe asked for her mum.",
        chronology=Category.EDUCATION,
    )
    contacts.record(store, child.id, ContactKind.MEETING, datetime.now(UTC), "Core group", "Not significant")

    lines = chronology(load_child(store, child.id, POLICY, TODAY))
    by_category = {line.category: line for line in lines}
    assert by_category[Category.POLICE].impact == "Ada was frightened and did not sleep"
    assert by_category[Category.POLICE].source == "Police notification"
    visit_line = by_category[Category.VISIT].what
    assert visit_line.startswith("Statutory visit (finalised): Ada is safer now that dad has moved out.")
    assert "the child said 1 thing in their own words" in visit_line
    assert "Addendum to the visit" in by_category[Category.ADDENDUM].what
    assert "Wrong school named" in by_category[Category.ADDENDUM].what
    assert (
        by_category[Category.EDUCATION].what
        == "Phone call with Ms Bell, class teacher: Ada was upset in class this morning."
    )
    assert not any("Not significant" in line.what for line in lines)  # not put on the chronology

    assert [line.category for line in filtered(lines, Category.POLICE)] == [Category.POLICE]
    assert filtered(lines, None, date(2026, 11, 15), date(2026, 11, 13)) == []
    assert [line.on for line in filtered(lines, None, date(2026, 11, 14), date(2026, 11, 14))] == [date(2026, 11, 14)]


def test_a_contact_is_sealed_signed_and_queued_to_sync(store):
    child = make_child(store)
    made = contacts.record(
        store, child.id, ContactKind.PROFESSIONAL, datetime.now(UTC), "  Dr Rao, GP  ", "Asthma review went well."
    )
    assert made.author == "sw.test" and made.with_whom == "Dr Rao, GP"
    assert store.contacts.for_child(child.id) == [made]
    check("contact", made.id, child.id, to_record(made))  # the central record's check passes
    assert "contacts" in TABLES.values()
    raw = store.conn.execute("SELECT sealed FROM contacts WHERE id = ?", (made.id,)).fetchone()[0]
    assert b"Rao" not in raw
    assert made.id in {entry.record_id for entry in store.outbox.pending()}


@pytest.mark.parametrize(
    ("with_whom", "summary", "at", "said"),
    [
        ("", "A call", datetime.now(UTC), "who the contact was with"),
        ("Mum", "  ", datetime.now(UTC), "summary"),
        ("Mum", "A call", datetime.now(UTC) + timedelta(days=1), "in the future"),
        ("Mum", "A call", datetime(2010, 1, 1, tzinfo=UTC), "before the child's date of birth"),
    ],
)
def test_a_contact_that_cannot_be_right_is_refused_and_nothing_is_kept(store, with_whom, summary, at, said):
    child = make_child(store)
    with pytest.raises(InvalidValue, match=said):
        contacts.record(store, child.id, ContactKind.PHONE, at, with_whom, summary)
    assert store.contacts.for_child(child.id) == []


def test_child_protection_details_are_kept_with_the_child(store):
    child = make_child(store, status=LegalStatus.CP)
    changed = children.edited(
        child,
        {
            "plan_category": PlanCategory.NEGLECT,
            "status_since": date(2026, 9, 1),
            "next_conference": date(2027, 3, 1),
            "next_core_group": date(2026, 12, 8),
            "household": [KeyPerson("Sam Example", "mother"), KeyPerson("Leo Example", "brother, 3")],
        },
        TODAY,
    )
    store.children.update(changed, 1)
    kept = store.children.get(child.id)
    assert kept.plan_category is PlanCategory.NEGLECT and kept.next_core_group == date(2026, 12, 8)
    assert [p.name for p in kept.household] == ["Sam Example", "Leo Example"]


def test_a_core_group_or_conference_this_week_is_a_task_and_a_later_or_past_one_is_not(store):
    from wvisit.app.queries.tasks import Group, Opens, TaskKind, tasks

    def meetings_set(child: Child) -> None:
        child.next_core_group, child.next_conference = TODAY + timedelta(days=3), TODAY + timedelta(days=40)

    ben = make_child(store, "Ben Sample", LegalStatus.CP)
    store.children.amend(ben.id, meetings_set)
    cara = make_child(store, "Cara Testwell", LegalStatus.CP)
    store.children.amend(cara.id, lambda child: setattr(child, "next_conference", TODAY - timedelta(days=1)))
    meetings = [task for task in tasks(store, POLICY, TODAY) if task.kind is TaskKind.MEETING]
    assert [(t.child_name, t.what, t.due, t.group, t.opens) for t in meetings] == [
        ("Ben Sample", "Core group meeting", TODAY + timedelta(days=3), Group.THIS_WEEK, Opens("child", ben.id))
    ]


def test_a_supervisors_laptop_is_told_at_once_that_contacts_are_the_workers(store):
    child = make_child(store)
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    waiting = store.outbox.count()
    with pytest.raises(InvalidValue, match="social worker"):
        contacts.record(store, child.id, ContactKind.PHONE, datetime.now(UTC), "Mum", "A call")
    assert store.contacts.for_child(child.id) == [] and store.outbox.count() == waiting


def test_case_supervision_is_on_the_chronology_with_its_decision(store):
    from wvisit.domain import PlanItem
    from wvisit.domain.supervision import Reflection, Supervision

    child = make_child(store)
    record = Supervision(
        child_id=child.id,
        author="sup.test",
        held_on=TODAY - timedelta(days=3),
        attendees="Jo Reed, Sam Patel",
        discussion=Reflection(lived_experience="Ada says weekends at nan's are the best bit."),
        decisions="Keep the plan; joint visit with the school nurse.\nReview in six weeks.",
        next_due=TODAY + timedelta(weeks=6),
        actions=[PlanItem("Joint visit with the school nurse", "Sam Patel", TODAY + timedelta(days=10))],
    )
    with store.transaction():
        store.apply_pulled([("supervision", record.id, 1, to_record(record))])  # as a sync brings it
    lines = filtered(chronology(load_child(store, child.id, POLICY, TODAY)), Category.SUPERVISION)
    assert [(line.on, line.what) for line in lines] == [
        (TODAY - timedelta(days=3), "Case supervision: Keep the plan; joint visit with the school nurse.")
    ]
