"""Password guessing is slowed: past about ten failures in fifteen minutes an account (or thirty from one
address) is answered 429 with Retry-After - the right password too - and a flood of sign-ins never
holds up a worker's pull."""

from __future__ import annotations

import threading
import uuid

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from tests.sync.central_server import DEMO_PASSWORD, costly_passwords
from tests.sync.test_central_accounts import sign_in
from wvisit.central import db
from wvisit.central.throttle import ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW_SECONDS


def guess(api, username="sw.demo", times=1):
    return [sign_in(api, username, f"guess-{n}", f"d-{uuid.uuid4()}").status_code for n in range(times)]


def test_after_ten_wrong_passwords_even_the_right_one_waits_until_the_window_passes(api, clock):
    assert guess(api, times=ACCOUNT_LIMIT) == [401] * ACCOUNT_LIMIT
    blocked = sign_in(api)
    assert blocked.status_code == 429 and blocked.json()["error"] == "too_many_attempts"
    wait = int(blocked.headers["Retry-After"])
    assert 0 < wait <= WINDOW_SECONDS and "15 minutes" in blocked.json()["message"]
    assert guess(api, times=20) == [429] * 20  # thirty guesses: the last twenty never reach a password check

    clock.move(wait - 2)
    assert sign_in(api).status_code == 429
    clock.move(3)
    assert sign_in(api).status_code == 200


def test_the_right_password_forgets_the_accounts_failures(api):
    assert guess(api, times=ACCOUNT_LIMIT - 1) == [401] * (ACCOUNT_LIMIT - 1)
    assert sign_in(api).status_code == 200
    assert guess(api, times=ACCOUNT_LIMIT - 1) == [401] * (ACCOUNT_LIMIT - 1)
    assert sign_in(api).status_code == 200


def test_another_account_is_not_held_up_by_guesses_at_one(api):
    guess(api, times=ACCOUNT_LIMIT + 2)
    assert sign_in(api, "sw.other", device_id="laptop-other").status_code == 200


def test_an_address_spraying_many_accounts_is_held_up_for_all_of_them(api, clock, cheap_unknown_accounts):
    names = [f"nobody.{n}" for n in range(ADDRESS_LIMIT)]  # unknown accounts count as any other
    assert [guess(api, name)[0] for name in names] == [401] * ADDRESS_LIMIT
    assert sign_in(api, "sw.other", device_id="laptop-other").status_code == 429
    with TestClient(api.app, client=("10.1.2.3", 5000)) as elsewhere:  # another office is not
        assert sign_in(elsewhere, "sw.other", device_id="laptop-other").status_code == 200
    clock.move(WINDOW_SECONDS + 1)
    assert sign_in(api, "sup.demo", device_id="laptop-sup").status_code == 200


def test_parallel_guesses_get_no_more_tries_than_the_limit(api):
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.extend(guess(api))) for _ in range(3 * ACCOUNT_LIMIT)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers.count(401) <= ACCOUNT_LIMIT and answers.count(429) >= 2 * ACCOUNT_LIMIT


FLOOD = 30


def test_a_pull_is_answered_while_thirty_sign_ins_wait_for_their_password_checks(central):
    """The password checks queue on their own threads, outside any transaction: a pull goes past them."""
    costly_passwords(central.db_url, ["sw.other", "sup.demo", "sup.elsewhere"])  # checks as slow as the service's
    signed = httpx.post(
        f"{central.url}/v1/auth/signin",
        json={"username": "sw.demo", "password": DEMO_PASSWORD, "device_id": "worker-laptop"},
    ).json()
    answered = threading.Semaphore(0)

    def one_sign_in(n: int) -> None:
        user = ("sw.other", "sup.demo", "sup.elsewhere")[n % 3]
        httpx.post(
            f"{central.url}/v1/auth/signin",
            json={"username": user, "password": DEMO_PASSWORD, "device_id": f"flood-{n}"},
            timeout=120,
        )
        answered.release()

    flood = [threading.Thread(target=one_sign_in, args=(n,)) for n in range(FLOOD)]
    for thread in flood:
        thread.start()
    waiting = central.engine
    for _ in range(2000):  # until the service holds most of the flood, counted before its password checks
        with waiting.connect() as conn:
            held = conn.execute(select(func.count()).select_from(db.sign_in_attempts)).scalar_one()
        if held >= FLOOD * 2 // 3:
            break
        threading.Event().wait(0.01)
    else:
        pytest.fail("the sign-ins did not reach the service")

    page = httpx.get(
        f"{central.url}/v1/pull", headers={"Authorization": f"Bearer {signed['access_token']}"}, timeout=60
    )
    still_waiting = sum(1 for _ in range(FLOOD) if not answered.acquire(blocking=False))
    assert page.status_code == 200 and page.json()["records"]
    assert still_waiting >= FLOOD // 3, f"the pull came after {FLOOD - still_waiting} of {FLOOD} sign-ins"
    for thread in flood:
        thread.join()
