"""The rules of a push hold op by op within one batch: a record changed by an earlier op of the batch is
what a later op of the same batch is held against (the central record reads each stored body once a
batch, and a body changed meanwhile is read again)."""

from __future__ import annotations

import uuid

from tests.conftest import complete_visit
from tests.sync.test_central_validation import caseload_child
from wvisit.domain import VoiceEntry, to_record
from wvisit.sync.protocol import PushOp


def op(kind: str, record_id: str, child_id: str, body: dict, version: int = 1) -> PushOp:
    op_id = str(uuid.uuid4())
    return PushOp(op_id=op_id, kind=kind, record_id=record_id, version=version, child_id=child_id, body=body)


def test_words_sent_after_the_visit_in_the_same_batch_was_finalised_are_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    draft = to_record(store.visits.get(visit.id))
    store.visits.finalise(visit.id)
    final = to_record(store.visits.get(visit.id))
    late = VoiceEntry(visit_id=visit.id, child_id=ada.id, words="Added afterwards")

    results = laptop.client.push(
        [
            op("visit", visit.id, ada.id, draft),
            op("visit", visit.id, ada.id, final, version=2),  # the draft, read by this op's rules, then finalised
            op("voice", late.id, ada.id, to_record(late)),
        ]
    ).results

    assert [r.status for r in results] == ["applied", "applied", "refused"]
    assert "addendum" in results[2].reason
    held = central.records()
    assert held[visit.id]["version"] == 2 and '"status":"final"' in held[visit.id]["body"]
    assert late.id not in held
