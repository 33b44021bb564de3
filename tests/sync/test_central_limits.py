"""What the protocol allows the central record stores, on PostgreSQL as on SQLite: versions and cursors up
to 2^62 (64-bit columns), and identifiers with a control character (NUL, which PostgreSQL's text cannot
hold) are refused as invalid (422), never a 500."""

from __future__ import annotations

import uuid

import httpx
import pytest
from sqlalchemy import BigInteger, create_engine, inspect, text

from tests.conftest import make_child
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.conftest import POSTGRES, fresh_postgres_database
from tests.sync.test_concurrent_pushes import new_child_op, signed_in
from wvisit.central import db
from wvisit.domain import to_record
from wvisit.sync.protocol import MAX_INT


def push(central, headers, op: dict) -> httpx.Response:
    return httpx.post(f"{central.url}/v1/push", json={"ops": [op]}, headers=headers)


def test_a_version_and_a_cursor_above_32_bits_are_stored_and_served(central, store):
    headers = signed_in(central)
    child = make_child(store, "Ivy Example")
    op = new_child_op(str(uuid.uuid4()), child)
    assert push(central, headers, op).json()["results"][0]["status"] == "applied"
    later = {**op, "op_id": str(uuid.uuid4()), "version": MAX_INT, "body": {**to_record(child), "name": "Ivy E"}}
    answer = push(central, headers, later)
    assert answer.status_code == 200 and answer.json()["results"][0]["status"] == "applied"
    assert central.records()[child.id]["version"] == MAX_INT

    page = httpx.get(f"{central.url}/v1/pull", params={"cursor": MAX_INT}, headers=headers)
    assert page.status_code == 200 and page.json()["records"] == []
    size = 2**40
    blob = httpx.put(
        f"{central.url}/v1/blobs/{'a' * 64}", params={"size": size, "offset": 2**33}, headers=headers, content=b"x"
    )
    assert blob.status_code in (409, 413)


def test_an_op_or_a_sign_in_with_a_control_character_in_an_identifier_is_invalid(central, store):
    headers = signed_in(central)
    child = make_child(store, "Ivy Example")
    for bad in ("\x00", "\x1f", "\x7f"):
        for field in ("op_id", "record_id", "child_id", "attachments"):
            op = new_child_op(str(uuid.uuid4()), child)
            op[field] = [f"a{bad}b"] if field == "attachments" else f"a{bad}b"
            answer = push(central, headers, op)
            assert answer.status_code == 422 and answer.json()["error"] == "invalid", (field, bad)
        for field in ("username", "device_id", "device_name"):
            request = {"username": "sw.demo", "password": DEMO_PASSWORD, "device_id": "d", "device_name": "x"}
            request[field] = f"{request[field]}{bad}"
            answer = httpx.post(f"{central.url}/v1/auth/signin", json=request)
            assert answer.status_code == 422 and answer.json()["error"] == "invalid", (field, bad)
    assert child.id not in central.records()


def test_a_refresh_with_nul_in_the_device_id_is_invalid(central):
    answer = httpx.post(f"{central.url}/v1/auth/refresh", json={"device_id": "a\x00b", "refresh_token": "t"})
    assert answer.status_code == 422


def test_nul_in_a_path_identifier_is_invalid(central):
    headers = signed_in(central)
    assert httpx.get(f"{central.url}/v1/children/a%00b", headers=headers).status_code == 422
    admin = signed_in(central, "admin.demo")
    assert httpx.post(f"{central.url}/v1/admin/devices/a%00b/revoke", headers=admin).status_code == 422


@pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL scripts/test starts")
def test_an_existing_postgresql_database_with_32_bit_columns_is_widened_at_start():
    url = fresh_postgres_database(POSTGRES)
    engine = db.make_engine(url)
    with engine.begin() as conn:
        for table, column in db.WIDE_COLUMNS:
            conn.execute(text(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE INTEGER'))
    engine.dispose()
    db.make_engine(url).dispose()
    check = create_engine(url)
    with check.connect() as conn:
        for table, column in db.WIDE_COLUMNS:
            (found,) = [c for c in inspect(conn).get_columns(table) if c["name"] == column]
            assert isinstance(found["type"], BigInteger), (table, column)
    check.dispose()
