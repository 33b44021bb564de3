"""Pushes of the same new record at the same moment (a laptop retrying while its first push is still
in flight, two laptops of one worker) race for the same keys: the loser answers "duplicate", never 500."""

from __future__ import annotations

import threading
import uuid

import httpx

from tests.conftest import make_child
from tests.sync.central_server import DEMO_PASSWORD
from wvisit.domain import to_record

PUSHERS = 20


def signed_in(central, user: str = "sw.demo") -> dict[str, str]:
    answer = httpx.post(
        f"{central.url}/v1/auth/signin",
        json={"username": user, "password": DEMO_PASSWORD, "device_id": str(uuid.uuid4())},
    )
    answer.raise_for_status()
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def push_at_once(central, ops: list[dict]) -> list[httpx.Response]:
    """Each op pushed by its own thread, all released together."""
    headers = signed_in(central)
    start = threading.Barrier(len(ops))
    answers: list[httpx.Response] = []

    def one(op: dict) -> None:
        with httpx.Client(base_url=central.url, headers=headers, timeout=60) as client:
            start.wait()
            answers.append(client.post("/v1/push", json={"ops": [op]}))

    threads = [threading.Thread(target=one, args=(op,)) for op in ops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def new_child_op(op_id: str, child) -> dict:
    body = to_record(child)
    return {"op_id": op_id, "kind": "child", "record_id": child.id, "version": 1, "child_id": child.id, "body": body}


def assert_stored_once(central, answers: list[httpx.Response], record_id: str) -> list[str]:
    assert [a.status_code for a in answers] == [200] * len(answers), [a.text for a in answers if a.status_code != 200]
    statuses = [a.json()["results"][0]["status"] for a in answers]
    assert record_id in central.records()
    assert central.revision_counts()[record_id] == 1, "the record was applied more than once"
    return statuses


def test_the_same_op_pushed_at_once_is_applied_once_and_the_rest_are_duplicates(central, store):
    child = make_child(store, "Ivy Example")
    op = new_child_op(str(uuid.uuid4()), child)
    answers = push_at_once(central, [op] * PUSHERS)
    statuses = assert_stored_once(central, answers, child.id)
    assert sorted(statuses) == ["applied"] + ["duplicate"] * (PUSHERS - 1)


def test_the_same_new_record_under_different_op_ids_at_once_is_stored_once(central, store):
    child = make_child(store, "Ivy Example")
    ops = [new_child_op(str(uuid.uuid4()), child) for _ in range(PUSHERS)]
    answers = push_at_once(central, ops)
    statuses = assert_stored_once(central, answers, child.id)
    assert sorted(statuses) == ["applied"] + ["duplicate"] * (PUSHERS - 1)
