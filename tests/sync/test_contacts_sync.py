"""Contacts beside the visits and the central record: a worker's phone call reaches the central record
and the worker's other laptop, on the chronology where it was put; a supervisor's account, or a worker
writing for a child not theirs, is refused; a chronology line is never refiled under another category."""

from datetime import UTC, date, datetime, timedelta

from tests.sync.test_central_validation import caseload_child, push
from tests.sync.test_sync import fresh_laptop
from wvisit import resources
from wvisit.app import contacts
from wvisit.app.queries.child import chronology, load_child
from wvisit.domain import Category, Child, ChronologyEvent, LegalStatus, to_record
from wvisit.domain.contact import Contact, ContactKind
from wvisit.domain.policy import Policy

POLICY = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))


def test_a_phone_call_reaches_the_central_record_and_the_workers_other_laptop(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    call = contacts.record(
        store,
        ada.id,
        ContactKind.PHONE,
        datetime.now(UTC) - timedelta(hours=1),
        "Ms Bell, class teacher",
        "Ada was upset in class this morning.",
        chronology=Category.EDUCATION,
    )
    assert laptop.sync().complete and store.outbox.count() == 0
    assert call.id in central.records()

    other, engine = fresh_laptop(tmp_path, "second-laptop", central.url)
    engine.sync()
    arrived = next(contact for contact in other.contacts.for_child(ada.id) if contact.id == call.id)
    assert arrived == call  # the whole contact, as written, on the worker's other laptop
    lines = chronology(load_child(other, ada.id, POLICY, date.today()))
    assert any(line.category is Category.EDUCATION and "Ms Bell" in line.what for line in lines)
    assert other.people.read().signature(arrived.author) == "Sam Patel, social worker"


def test_a_supervisor_or_a_worker_for_a_child_not_theirs_cannot_send_a_contact(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    by_supervisor = Contact(ada.id, "sup.demo", ContactKind.MEETING, datetime.now(UTC), "Core group", "Met.")
    result = push(supervisor, "contact", by_supervisor.id, ada.id, to_record(by_supervisor))
    assert result.status == "refused" and "recorded by the child's social worker" in result.reason

    _, colleague = fresh_laptop(tmp_path, "colleague", central.url, user="sw.other")
    not_theirs = Contact(ada.id, "sw.other", ContactKind.PHONE, datetime.now(UTC), "Mum", "Rang about contact.")
    result = push(colleague, "contact", not_theirs.id, ada.id, to_record(not_theirs))
    assert result.status == "refused" and "not on your caseload" in result.reason
    assert by_supervisor.id not in central.records() and not_theirs.id not in central.records()


def test_a_chronology_line_once_synced_is_not_refiled_under_another_category(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    event = ChronologyEvent(date.today() - timedelta(days=2), "Police called to the home", category=Category.POLICE)
    store.children.amend(ada.id, lambda child: child.events.append(event))
    report = laptop.sync()
    assert report.complete, store.outbox.held()[0].last_error
    refiled, version = store.children.get_versioned(ada.id)
    for line in refiled.events:
        if line.what == "Police called to the home":
            line.category = Category.OTHER
    result = push(laptop, "child", ada.id, ada.id, to_record(refiled), version=version + 1)
    assert result.status == "refused" and "cannot be removed or rewritten" in result.reason


def test_a_chronology_written_before_categories_is_read_as_other_and_still_grows(laptop, store, central):
    """A child pushed by an older wvisit (schema 2: lines without category, source or impact) is not
    "rewritten" when this wvisit sends it back with those lines read as "other" and a new line added."""
    child = Child("Ivy Example", date(2016, 3, 4), LegalStatus.CIN)
    child.events.append(ChronologyEvent(date.today() - timedelta(days=30), "Moved school"))
    older = to_record(child)
    for line in older["events"]:
        for newer_value in ("category", "source", "impact"):
            del line[newer_value]
    result = push(laptop, "child", child.id, child.id, older)
    assert result.status == "applied"
    child.events.append(ChronologyEvent(date.today(), "Police called", category=Category.POLICE))
    result = push(laptop, "child", child.id, child.id, to_record(child), version=2)
    assert result.status == "applied", result.reason
