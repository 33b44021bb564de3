"""How the central record stores what it is sent: each body once (a current revision's body is its
record's), every revision still whole, and a database of the last release (every body twice, the old
pull index) upgraded when the service starts, serving the very same pulls afterwards."""

from __future__ import annotations

import json
from dataclasses import replace

import httpx
from sqlalchemy import BigInteger, Column, DateTime, Integer, MetaData, String, Table, Text, func, inspect, select, text

from tests.sync.test_central_validation import caseload_child, push
from wvisit.central import db
from wvisit.central.records import canonical
from wvisit.domain import to_record


def a_visit_with_history(laptop, store):
    """A visit synced at versions 1 and 2 (the first superseded), and a conflicting version 2 kept beside
    it: (visit id, [canonical body of v1, of v2, of the conflicting v2])."""
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    draft = store.visits.new_draft(ada.id, what_i_saw="First lines")
    laptop.sync()
    store.visits.save_draft(replace(store.visits.get(draft.id), what_i_saw="Second lines"))
    laptop.sync()
    v1 = {**to_record(store.visits.get(draft.id)), "what_i_saw": "First lines"}
    other = {**to_record(store.visits.get(draft.id)), "what_i_saw": "Written on another laptop"}
    assert push(laptop, "visit", draft.id, ada.id, other, version=2).status == "conflict"
    return draft.id, [canonical(v1), canonical(to_record(store.visits.get(draft.id))), canonical(other)]


def revisions_of(central, record_id: str) -> list[tuple[str, str | None, str]]:
    """(state, its own body column, its body as read back) of each revision, oldest first."""
    body = func.coalesce(db.revisions.c.body, db.records.c.body)
    query = (
        select(db.revisions.c.state, db.revisions.c.body, body)
        .join(db.records, db.records.c.id == db.revisions.c.record_id)
        .where(db.revisions.c.record_id == record_id)
        .order_by(db.revisions.c.id)
    )
    with central.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def test_a_body_is_stored_once_and_every_revision_still_reads_whole(laptop, store, central):
    visit_id, (v1, v2, other) = a_visit_with_history(laptop, store)
    assert revisions_of(central, visit_id) == [
        ("superseded", v1, v1),  # took its body along when version 2 replaced it
        ("current", None, v2),  # the record's body, not a second copy
        ("conflict", other, other),  # kept whole beside it: nothing dropped silently
    ]
    assert central.records()[visit_id]["body"] == v2


def test_a_database_of_the_last_release_is_upgraded_at_start_and_serves_the_same_pulls(laptop, store, central):
    visit_id, bodies = a_visit_with_history(laptop, store)
    before = pulled(central, laptop.client.access_token)
    central.kill()
    as_the_last_release_left_it(central.engine)
    assert revisions_of(central, visit_id)[1][1] == bodies[1]  # the body twice, as then

    central.start()
    assert pulled(central, laptop.client.access_token) == before
    assert [(state, whole) for state, _, whole in revisions_of(central, visit_id)] == [
        ("superseded", bodies[0]),
        ("current", bodies[1]),
        ("conflict", bodies[2]),
    ]
    with central.engine.connect() as conn:
        assert (
            conn.execute(text("SELECT count(*) FROM revisions WHERE state = 'current' AND body IS NOT NULL")).scalar()
            == 0
        )
        indexes = {index["name"] for index in inspect(conn).get_indexes("records")}
    assert "records_child_seq" in indexes and "records_child" not in indexes

    store.visits.save_draft(replace(store.visits.get(visit_id), what_i_saw="Third lines"))
    laptop.sync()  # the upgraded database takes new versions as a new one does
    assert [(state, own) for state, own, _ in revisions_of(central, visit_id)] == [
        ("superseded", bodies[0]),
        ("superseded", bodies[1]),  # took its body along from the record
        ("conflict", bodies[2]),
        ("current", None),
    ]


def pulled(central, token: str) -> str:
    """Everything this worker pulls, as the service's own text (one page)."""
    answer = httpx.get(
        f"{central.url}/v1/pull", params={"cursor": 0, "limit": 2000}, headers={"Authorization": f"Bearer {token}"}
    )
    assert answer.status_code == 200 and json.loads(answer.text)["more"] is False
    return answer.text


def as_the_last_release_left_it(engine) -> None:
    """Every revision holds its body (in a column that may not be NULL) and records are indexed by child
    alone, as the release before bodies were stored once made its databases."""
    last_release = Table(
        "revisions",
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("record_id", String(100), nullable=False, index=True),
        Column("kind", String(20), nullable=False),
        Column("version", BigInteger, nullable=False),
        Column("body", Text, nullable=False),
        Column("sha256", String(64), nullable=False),
        Column("state", String(20), nullable=False),
        Column("author_id", String(64)),
        Column("device_id", String(100)),
        Column("received_at", DateTime(timezone=True)),
    )
    whole = func.coalesce(db.revisions.c.body, db.records.c.body).label("body")
    kept = [column for column in db.revisions.c if column.name not in ("id", "body")]
    with engine.begin() as conn:
        rows = conn.execute(
            select(*kept, whole)
            .join(db.records, db.records.c.id == db.revisions.c.record_id)
            .order_by(db.revisions.c.id)
        ).mappings()
        rows = [dict(row) for row in rows]
        db.revisions.drop(conn)
        last_release.create(conn)
        conn.execute(last_release.insert(), rows)
        conn.execute(text("DROP INDEX records_child_seq"))
        conn.execute(text("CREATE INDEX records_child ON records (child_id)"))
    engine.dispose()
