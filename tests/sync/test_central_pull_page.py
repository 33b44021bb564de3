"""A pull page as the central record writes it, field by field with each stored body spliced in, reads
as exactly the records the protocol's own types make of what it holds: who sent each version (a name
with an accent and quotes in it, or nobody known for a record from before authors were kept), every
body whole, the cursor and whether more follows."""

from __future__ import annotations

import json

from sqlalchemy import select, update

from tests.sync.central_server import DEMO_PASSWORD
from wvisit.central import db
from wvisit.central.records import as_pulled
from wvisit.sync.protocol import PulledRecord, PullPage


def signed_in(api) -> dict[str, str]:
    answer = api.post("/v1/auth/signin", json={"username": "sw.demo", "password": DEMO_PASSWORD, "device_id": "l1"})
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def as_held(api) -> list[PulledRecord]:
    """Every record sw.demo may see, as the protocol's type makes it from the rows the central record holds."""
    engine = app_engine(api)
    users, worker = db.users, db.users.alias("worker")
    query = (
        select(db.records, users.c.username.label("author_username"))
        .add_columns(users.c.display_name.label("author_name"), users.c.role.label("author_role"))
        .outerjoin(users, users.c.id == db.records.c.author_id)
        .join(db.allocations, db.allocations.c.child_id == db.records.c.child_id)
        .join(worker, db.allocations.c.worker_id == worker.c.id)
        .where(worker.c.username == "sw.demo")
        .order_by(db.records.c.seq)
    )
    with engine.connect() as conn:
        return [as_pulled(row) for row in conn.execute(query).mappings()]


def app_engine(api):
    return api.app.state.engine


def test_a_pulled_page_reads_as_the_records_held_authors_and_bodies_and_all(api):
    headers = signed_in(api)
    engine = app_engine(api)
    with engine.begin() as conn:
        conn.execute(update(db.users).where(db.users.c.username == "sw.demo").values(display_name='Siân "Sam" Pâtel'))
        first = conn.execute(select(db.records.c.id).order_by(db.records.c.seq).limit(1)).scalar_one()
        conn.execute(update(db.records).where(db.records.c.id == first).values(author_id=None))
    held = as_held(api)
    assert len(held) > 3 and held[0].author is None and held[-1].author is not None

    pulled, cursor, pages = [], 0, 0
    while True:
        answer = api.get("/v1/pull", params={"cursor": cursor, "limit": 3}, headers=headers)
        assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
        assert answer.content.isascii()  # a pasted note's lone surrogate can only travel escaped
        page = PullPage.model_validate(json.loads(answer.content))
        pulled += page.records
        cursor, pages = page.cursor, pages + 1
        if not page.more:
            break
    assert pulled == held
    assert pages == len(held) // 3 + 1  # a full last page says more may follow; the empty one after it not
    assert 'Siân "Sam" Pâtel' in {r.author.display_name for r in pulled if r.author}

    empty = PullPage.model_validate(json.loads(api.get("/v1/pull", params={"cursor": cursor}, headers=headers).content))
    assert (empty.records, empty.cursor, empty.more) == ([], cursor, False)
