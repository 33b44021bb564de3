"""A signed-in account tampering with records through raw pushes, and two pushes racing: each was
found by a security review of the central record, and each is refused or serialised now."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

from tests.conftest import complete_visit, make_child
from tests.sync.test_central_validation import caseload_child, push
from tests.sync.test_sync import fresh_laptop
from wvisit.domain import ChronologyEvent, PlanItem, Strike, Visit, VoiceEntry, to_record
from wvisit.sync.protocol import PushOp


def synced_final_visit(laptop, store):
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    store.visits.finalise(visit.id)
    assert laptop.sync().set_aside == 0
    return ada, store.visits.get(visit.id)


def test_a_childs_words_cannot_move_off_a_finalised_visit(laptop, store, central):
    laptop.sync()
    ada, final = synced_final_visit(laptop, store)
    (words,) = store.visits.voice_for_visit(final.id)
    other = store.visits.new_draft(ada.id)
    laptop.sync()
    moved = replace(words, visit_id=other.id, words="Reworded")
    result = push(laptop, "voice", words.id, ada.id, to_record(moved), version=2)
    assert result.status == "refused" and "does not move to another visit" in result.reason
    assert json.loads(central.records()[words.id]["body"])["words"] == words.words


def test_a_supervisor_cannot_add_backdated_words_to_a_workers_visit(laptop, store, central, tmp_path):
    laptop.sync()
    ada, final = synced_final_visit(laptop, store)
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    planted = VoiceEntry(visit_id=final.id, child_id=ada.id, words="Planted", recorded_at=final.started_at)
    result = push(supervisor, "voice", planted.id, ada.id, to_record(planted))
    assert result.status == "refused" and "worker who recorded the visit" in result.reason


def test_a_visit_keeps_the_author_it_was_created_by(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    draft = store.visits.new_draft(ada.id, what_i_saw="First lines")
    laptop.sync()
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    taken = replace(store.visits.get(draft.id), author="sup.demo")
    result = push(supervisor, "visit", draft.id, ada.id, to_record(taken), version=2)
    assert result.status == "refused" and "another author" in result.reason
    kept = replace(store.visits.get(draft.id), what_i_saw="A supervisor's note on the draft")
    assert push(supervisor, "visit", draft.id, ada.id, to_record(kept), version=2).status == "applied"


def test_the_plan_and_chronology_only_grow_and_a_strike_is_the_senders(laptop, store, central):
    ada = make_child(store, "Cara Example")
    store.children.amend(
        ada.id, lambda c: c.plan.append(PlanItem("Review school place", "Sam Patel", date(2026, 12, 1)))
    )
    store.children.amend(ada.id, lambda c: c.events.append(ChronologyEvent(date(2026, 11, 1), "Moved school")))
    laptop.sync()
    child = store.children.get(ada.id)

    def pushed(change) -> str:
        body = to_record(child)
        change(body)
        result = push(laptop, "child", ada.id, ada.id, body, version=99)
        return result.reason if result.status == "refused" else result.status

    assert "cannot be removed" in pushed(lambda b: b.update(plan=[], events=[]))
    forged = {"by": "sup.demo", "at": "2020-01-01T00:00:00+00:00", "why": "Not mine to strike"}
    assert "struck through by the account" in pushed(lambda b: b["events"][0].update(struck=forged))
    honest = to_record(Strike("sw.demo", datetime.now(UTC), "Entered on the wrong child"))
    assert pushed(lambda b: b["events"][0].update(struck=honest)) == "applied"


def test_a_date_of_birth_in_the_future_is_refused(laptop, store):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    body = to_record(replace(ada, date_of_birth=date(9999, 12, 31)))
    result = push(laptop, "child", ada.id, ada.id, body, version=99)
    assert result.status == "refused" and "date of birth" in result.reason


def test_an_id_no_record_can_have_is_refused_never_a_500(laptop, store):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    for visit_id in ("\ud800", "a\x00b"):
        body = {**to_record(VoiceEntry(visit_id="x", child_id=ada.id, words="hello")), "visit_id": visit_id}
        result = push(laptop, "voice", body["id"], ada.id, body)
        assert result.status == "refused"


def test_a_finalised_visit_takes_no_conflicting_version(laptop, store, central):
    laptop.sync()
    ada, final = synced_final_visit(laptop, store)
    version, revisions = central.records()[final.id]["version"], central.revision_counts()[final.id]
    other = replace(final, what_i_saw="Rewritten at the same version")
    result = push(laptop, "visit", final.id, ada.id, to_record(other), version=version)
    assert result.status == "refused" and central.revision_counts()[final.id] == revisions


def test_two_pushes_racing_never_undo_a_finalised_visit(laptop, store, central, tmp_path):
    """One finalises a draft while another (a supervisor's edit of the same draft) changes it: the
    pushes are serialised, so the finalised visit is never replaced by a draft without a trace."""
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    _, supervisor = fresh_laptop(tmp_path, "supervisor", central.url, user="sup.demo")
    for _ in range(6):
        draft = complete_visit(store, ada)
        laptop.sync()
        final = store.visits.finalise(draft.id)
        edit = replace(store.visits.get(draft.id), status=Visit.status, finalised_at=None, what_i_saw="Edited")
        results = race(
            [(laptop, visit_op(draft.id, ada.id, final, 2)), (supervisor, visit_op(draft.id, ada.id, edit, 3))]
        )
        held = central.records()[draft.id]
        if json.loads(held["body"])["status"] != "final":
            assert held["conflict"] and results[0] == "conflict"  # kept, and flagged for a person
        else:
            assert results[1] == "refused"


def visit_op(record_id: str, child_id: str, visit: Visit, version: int) -> PushOp:
    return PushOp(
        op_id=str(uuid.uuid4()),
        kind="visit",
        record_id=record_id,
        version=version,
        child_id=child_id,
        body=to_record(visit),
    )


def race(pushes: list) -> list[str]:
    """Send each (engine, op) from its own thread, released together; the statuses in order."""
    start, results = threading.Barrier(len(pushes)), [""] * len(pushes)

    def send(n: int, engine, op: PushOp) -> None:
        start.wait()
        results[n] = engine.client.push([op]).results[0].status

    threads = [threading.Thread(target=send, args=(n, *pair)) for n, pair in enumerate(pushes)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
