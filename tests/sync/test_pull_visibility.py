"""A pull brings only the records of children this worker may see, even when the central record's
sequence numbers are not unique (a number is handed out per change, and nothing in the table stops two
records holding the same one: a restored or hand-mended database can)."""

import json

import httpx
from sqlalchemy import select, update

from wvisit.central import db


def test_another_workers_child_never_comes_along_on_a_shared_sequence_number(laptop, store, central):
    with central.engine.begin() as conn:
        allocated = select(db.allocations.c.child_id).where(
            db.allocations.c.worker_id == central.users["sw.demo"]["id"]
        )
        mine = conn.execute(select(db.records.c.seq).where(db.records.c.child_id.in_(allocated))).scalars().first()
        others = select(db.allocations.c.child_id).where(db.allocations.c.worker_id == central.users["sw.other"]["id"])
        hidden = set(conn.execute(select(db.records.c.child_id).where(db.records.c.child_id.in_(others))).scalars())
        conn.execute(update(db.records).where(db.records.c.child_id.in_(others)).values(seq=mine))
    assert hidden and mine is not None

    laptop.sync()
    assert hidden.isdisjoint({c.id for c in store.children.all()})
    answer = httpx.get(
        f"{central.url}/v1/pull",
        params={"cursor": 0, "limit": 2000},
        headers={"Authorization": f"Bearer {laptop.client.access_token}"},
    )
    pulled = {record["child_id"] for record in json.loads(answer.text)["records"]}
    assert pulled and hidden.isdisjoint(pulled)
