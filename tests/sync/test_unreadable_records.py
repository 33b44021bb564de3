"""A pulled record this laptop cannot read (a newer wvisit wrote it, or its body is bad) is set aside,
kept sealed and listed; the rest of the page is stored and the cursor moves on."""

import json
import uuid

from tests.conftest import complete_visit
from wvisit.app.queries.sync_status import sync_overview
from wvisit.central import db
from wvisit.central.records import canonical, sha256_of, take_seqs
from wvisit.domain import kinds
from wvisit.sync.protocol import PushOp


def publish(central, like: dict, body: dict, schema_version: int = 1) -> str:
    """A record that reached the central record some other way (a newer wvisit, an old bug)."""
    record_id = str(uuid.uuid4())
    text = canonical({**body, "id": record_id})
    with central.engine.begin() as conn:
        (seq,) = take_seqs(conn, 1)
        conn.execute(
            db.records.insert().values(
                id=record_id,
                kind=like["kind"],
                version=1,
                child_id=like["child_id"],
                body=text,
                sha256=sha256_of(text),
                seq=seq,
                conflict=False,
                schema_version=schema_version,
            )
        )
    return record_id


def test_a_record_from_a_newer_wvisit_is_set_aside_and_read_after_an_update(laptop, store, central, monkeypatch):
    laptop.sync()
    ada = next(c for c in store.children.all() if c.name == "Ada Example")
    complete_visit(store, ada)
    laptop.sync()
    pushed = next(row for row in central.records().values() if row["kind"] == "visit")
    body = json.loads(pushed["body"])
    newer = publish(central, pushed, body, schema_version=kinds.SCHEMA_VERSIONS["visit"] + 1)
    broken = publish(central, pushed, {"x": 1})
    later = complete_visit(store, ada)  # a normal change that comes after them
    store.visits.finalise(later.id)

    report = laptop.sync()
    assert report.complete  # nothing of this laptop's own work is held up
    aside = {r.record_id: r.reason for r in sync_overview(store).pulled_set_aside}
    assert set(aside) == {newer, broken}
    assert "update wvisit" in aside[newer] and "does not fit" in aside[broken]
    assert newer not in {v.id for v in store.visits.for_child(ada.id)}
    assert laptop.sync().pulled == 0  # the cursor moved past them: nothing is fetched again

    newer_version = kinds.SCHEMA_VERSIONS["visit"] + 1
    monkeypatch.setitem(kinds.SCHEMA_VERSIONS, "visit", newer_version)  # this laptop is updated to read it
    laptop.sync()
    assert store.visits.get(newer).child_id == ada.id
    assert [r.record_id for r in sync_overview(store).pulled_set_aside] == [broken]


def test_the_central_record_refuses_a_push_newer_than_it_knows(laptop, store, central):
    laptop.sync()
    ada = next(c for c in store.children.all() if c.name == "Ada Example")
    visit = complete_visit(store, ada)
    op = PushOp(
        op_id=str(uuid.uuid4()),
        kind="visit",
        record_id=visit.id,
        version=1,
        child_id=ada.id,
        body={"id": visit.id},
        schema_version=99,
    )
    (result,) = laptop.client.push([op]).results
    assert result.status == "refused" and "newer wvisit" in result.reason
