"""A record is about what the central record holds, and is signed by the account that sends it.

Each attack here was reproduced with raw pushes against the earlier central record: words and an
addendum filed against another worker's finalised visit, signed as that worker, back-dated, and
words added to a visit after it was finalised. Each is now refused with a reason the laptop sets
aside, and nothing of it is stored; the ordinary offline flow (words made during a visit reach
the central record after the finalised visit itself) still syncs.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.conftest import complete_visit, make_child
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.test_central_validation import caseload_child, push
from tests.sync.test_sync import fresh_laptop
from wvisit.central import db
from wvisit.domain import Addendum, Outcome, Oversight, VoiceEntry, to_record
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine


def other_workers_finalised_visit(central) -> dict:
    """A finalised visit on sw.other's caseload (the demo team's), as the central record holds it."""
    with central.engine.connect() as conn:
        rows = conn.execute(select(db.records).where(db.records.c.kind == "visit")).mappings().all()
    other = central.users["sw.other"]["id"]
    return next(json.loads(r["body"]) for r in rows if r["author_id"] == other)


def test_words_against_another_workers_finalised_visit_are_refused(laptop, store, central):
    laptop.sync()
    ada, theirs = caseload_child(store, "Ada Example"), other_workers_finalised_visit(central)
    words = VoiceEntry(visit_id=theirs["id"], child_id=ada.id, words="Filed against the wrong visit")
    result = push(laptop, "voice", words.id, ada.id, to_record(words))
    assert result.status == "refused" and "visit the central record does not hold for this child" in result.reason
    under_their_child = VoiceEntry(visit_id=theirs["id"], child_id=theirs["child_id"], words="Not my child")
    result = push(laptop, "voice", under_their_child.id, theirs["child_id"], to_record(under_their_child))
    assert result.status == "refused" and "not on your caseload" in result.reason
    assert words.id not in central.records() and under_their_child.id not in central.records()


def test_an_addendum_signed_as_another_worker_is_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    store.visits.finalise(visit.id)
    laptop.sync()
    forged = Addendum(visit_id=visit.id, author="sw.other", why="Typo", text="Signed as someone else")
    result = push(laptop, "addendum", forged.id, ada.id, to_record(forged))
    assert result.status == "refused" and "another author" in result.reason
    honest = Addendum(visit_id=visit.id, author="sw.demo", why="Typo", text="Signed as myself")
    assert push(laptop, "addendum", honest.id, ada.id, to_record(honest)).status == "applied"


def test_an_addendum_for_a_draft_or_before_the_child_was_born_is_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    draft = complete_visit(store, ada)
    laptop.sync()
    early = Addendum(visit_id=draft.id, author="sw.demo", why="Why", text="On a draft")
    result = push(laptop, "addendum", early.id, ada.id, to_record(early))
    assert result.status == "refused" and "for a finalised visit" in result.reason
    store.visits.finalise(draft.id)
    laptop.sync()
    born = datetime.combine(ada.date_of_birth, datetime.min.time(), UTC)
    backdated = Addendum(draft.id, "sw.demo", "Why", "Back-dated", written_at=born - timedelta(days=2))
    result = push(laptop, "addendum", backdated.id, ada.id, to_record(backdated))
    assert result.status == "refused" and "before the child's date of birth" in result.reason
    assert backdated.id not in central.records()


def test_a_record_from_a_laptop_whose_clock_is_a_year_ahead_is_refused_and_kept_on_the_laptop(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    ahead = datetime.now(UTC) + timedelta(days=365)
    visit = store.visits.new_draft(ada.id, started_at=ahead)
    report = laptop.sync()
    assert report.set_aside == 1 and visit.id not in central.records()
    (held,) = store.outbox.held()
    assert "clock may be wrong" in (held.last_error or "")
    assert store.visits.get(visit.id).started_at == ahead  # kept: nothing is lost


def test_words_added_after_the_visit_was_finalised_are_refused_but_words_made_during_it_sync(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)  # its words are recorded while it is a draft
    store.visits.finalise(visit.id)
    assert laptop.sync().set_aside == 0
    assert {e.id for e in store.visits.voice_for_visit(visit.id)} <= set(central.records())
    late = VoiceEntry(visit_id=visit.id, child_id=ada.id, words="Added afterwards")
    result = push(laptop, "voice", late.id, ada.id, to_record(late))
    assert result.status == "refused" and "addendum" in result.reason


def test_oversight_of_a_draft_is_refused(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    draft = complete_visit(store, ada)
    laptop.sync()
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    note = Oversight(draft.id, ada.id, "sup.demo", "Read the draft", "Carry on", Outcome.SIGNED_OFF)
    result = push(supervisor, "oversight", note.id, ada.id, to_record(note))
    assert result.status == "refused" and "for a finalised visit" in result.reason


def test_records_made_before_the_first_sign_in_are_signed_as_the_account_and_sync(store, central, tmp_path):
    """The vault's owner is the laptop's login ("sw.test"); the central record knows the worker as
    sw.demo. What was recorded before the first sign-in becomes sw.demo's, and syncs."""
    child = make_child(store, "Cara Example")
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    assert store.visits.get(visit.id).author == "sw.test"
    engine = SyncEngine(store, CentralClient(central.url))
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    assert store.visits.get(visit.id).author == "sw.demo" and store.actor == "sw.demo"
    report = engine.sync()
    assert report.set_aside == 0 and json.loads(central.records()[visit.id]["body"])["author"] == "sw.demo"
    assert store.visits.new_draft(child.id).author == "sw.demo"


def test_pulled_records_say_who_sent_them_by_name_and_role_kept_sealed(laptop, store, central, tmp_path):
    laptop.sync()
    assert store.people.read().signature("sw.demo") == "Sam Patel, social worker"  # from the sign-in
    team_store, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    supervisor.sync()
    people = team_store.people.read()
    assert people.signature("sw.demo") == "Sam Patel, social worker"
    assert people.signature("sw.other") == "Alex Morgan, social worker"
    plain = team_store.conn.execute("SELECT value FROM sync_meta WHERE key = 'people'").fetchone()
    assert plain == (None,)  # a person's name is never a plain column


def test_a_discarded_draft_reaches_the_central_record_as_discarded_and_takes_no_more_words(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    draft = store.visits.new_draft(ada.id, what_i_saw="On the wrong child")
    laptop.sync()
    store.visits.discard(draft.id, "Started on the wrong child")
    assert laptop.sync().set_aside == 0
    held = json.loads(central.records()[draft.id]["body"])
    assert held["status"] == "discarded" and held["discarded_why"] == "Started on the wrong child"
    late = VoiceEntry(visit_id=draft.id, child_id=ada.id, words="After it was discarded")
    result = push(laptop, "voice", late.id, ada.id, to_record(late))
    assert result.status == "refused" and "discarded" in result.reason
