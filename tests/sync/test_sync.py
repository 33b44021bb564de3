"""Sync against the real central service on 127.0.0.1: push, pull, attachments, authorisation, revocation."""

import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import update

from tests.conftest import CHEAP_KDF, complete_visit, make_child
from tests.sync.central_server import DEMO_PASSWORD, CentralServer
from tests.sync.conftest import POSTGRES, fresh_postgres_database
from tests.sync.helpers import assert_central_holds_exactly, record_a_caseload
from wvisit.central import db
from wvisit.errors import InsecureCentral, SignInNeeded
from wvisit.store import Store
from wvisit.sync import engine as engine_module
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.sync.protocol import PushOp
from wvisit.vault import Vault


def fresh_laptop(tmp_path, name, url, user="sw.demo"):
    _, keys = Vault.create(tmp_path / name, "another-passcode", user, kdf=CHEAP_KDF)
    store = Store.open(tmp_path / name, keys, user)
    client = CentralClient(url)
    engine = SyncEngine(store, client)
    engine.sign_in(user, DEMO_PASSWORD)
    return store, engine


def test_a_visit_recorded_offline_reaches_the_central_record_and_a_fresh_laptop(laptop, store, central, tmp_path):
    record_a_caseload(store, visits=5, attachment_size=300_000)
    report = laptop.sync()
    assert report.complete and report.pushed == 1 + 5 * 2 + 1
    assert_central_holds_exactly(central, store)
    assert store.sync_state.get("last_sync") is not None

    other, engine = fresh_laptop(tmp_path, "second-laptop", central.url)
    report = engine.sync()
    names = {c.name for c in other.children.all()}
    assert "Ivy Example" in names and "Ada Example" in names  # the demo caseload came down too
    ivy = next(c for c in other.children.all() if c.name == "Ivy Example")
    visits = other.visits.for_child(ivy.id)
    assert len(visits) == 5 and all(v.is_final for v in visits)
    assert other.visits.voice_for_child(ivy.id)[0].words == "I like my room"
    assert other.search.search("garden") and other.outbox.count() == 0


def test_a_second_sync_sends_nothing_new(laptop, store, central):
    record_a_caseload(store, visits=3)
    laptop.sync()
    again = laptop.sync()
    assert again.pushed == 0 and again.pulled == 0 and again.complete


def test_a_worker_cannot_push_or_pull_another_workers_child(laptop, store, central, tmp_path):
    other, engine = fresh_laptop(tmp_path, "other-worker", central.url, user="sw.other")
    engine.sync()
    hana = next(c for c in other.children.all() if c.name == "Hana Sampleton")
    assert {c.name for c in other.children.all()} == {"Hana Sampleton"}  # nothing of sw.demo's caseload

    laptop.sync()
    assert hana.id not in {c.id for c in store.children.all()}
    # sw.demo writes a visit for sw.other's child: refused and set aside, the rest still syncs.
    store.children.add(hana)
    complete_visit(store, hana)
    make_child(store, "Jay Example")
    report = laptop.sync()
    assert report.set_aside >= 1 and report.pushed >= 1
    reasons = {e.last_error for e in store.outbox.held()}
    assert reasons == {"the child is not on your caseload"}
    assert central.records()[hana.id]["author_id"] == central.users["sw.other"]["id"]

    token = laptop.client.access_token
    response = httpx.get(f"{central.url}/v1/children/{hana.id}", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 403


def test_a_supervisor_sees_their_team_only(central, tmp_path):
    team_store, team_engine = fresh_laptop(tmp_path, "sup-a", central.url, user="sup.demo")
    team_engine.sync()
    assert {"Ada Example", "Hana Sampleton"} <= {c.name for c in team_store.children.all()}
    other_store, other_engine = fresh_laptop(tmp_path, "sup-b", central.url, user="sup.elsewhere")
    other_engine.sync()
    assert other_store.children.all() == []


def test_an_expired_token_is_refused_and_renewed_without_the_password(laptop, store, central):
    stale = laptop.client.access_token
    with central.engine.begin() as conn:
        conn.execute(update(db.tokens).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    response = httpx.get(f"{central.url}/v1/pull", headers={"Authorization": f"Bearer {stale}"})
    assert response.status_code == 401 and response.json()["error"] == "token_expired"
    make_child(store, "Kit Example")
    assert laptop.sync().complete  # refreshed with the sealed device token, no password asked
    assert laptop.client.access_token != stale


def test_a_wrong_password_is_a_plain_sentence(store, central):
    engine = SyncEngine(store, CentralClient(central.url))
    with pytest.raises(SignInNeeded, match="user name or password is not right"):
        engine.sign_in("sw.demo", "not-the-password")
    with pytest.raises(SignInNeeded):
        engine.sync()


def test_a_worker_cannot_revoke_devices(laptop, store, central):
    token = laptop.client.access_token
    response = httpx.post(
        f"{central.url}/v1/admin/devices/anything/revoke", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 403


def test_plain_http_is_refused_except_on_this_computer():
    with pytest.raises(InsecureCentral):
        CentralClient("http://central.example.org")
    CentralClient("https://central.example.org").close()
    CentralClient("http://127.0.0.1:8700").close()


def test_a_finalised_visit_cannot_be_changed_on_the_central_record(laptop, store, central):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    laptop.sync()
    body = {**json.loads(central.records()[visit.id]["body"]), "what_i_saw": "rewritten"}
    op = PushOp(op_id="forged", kind="visit", record_id=visit.id, version=99, child_id=child.id, body=body)
    result = laptop.client.push([op])
    assert result.results[0].status == "refused" and "addendum" in result.results[0].reason
    assert json.loads(central.records()[visit.id]["body"])["what_i_saw"] == "Ada showed me her room."


def test_any_text_a_worker_can_type_syncs_byte_identical(laptop, store, central):
    child = make_child(store, "Zo\u00eb \u05d3\u05e0\u05d9\u05d0\u05dc Example")
    odd = "NUL\x00 lone\ud800surrogate \u202eRTL\u202c \U0001f3e0 " + "long " * 200_000  # ~1 MB
    visit = complete_visit(store, child, what_i_saw=odd)
    assert laptop.sync().complete
    assert_central_holds_exactly(central, store)
    assert json.loads(central.records()[visit.id]["body"])["what_i_saw"] == odd


@pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL that scripts/test starts")
def test_several_stateless_workers_on_postgresql_lose_and_double_nothing(tmp_path, store):
    central = CentralServer(tmp_path, fresh_postgres_database(POSTGRES), workers=3)
    central.start()
    try:
        laptops = []
        for n, user in enumerate(["sw.demo", "sw.other"]):
            laptop_store = store if n == 0 else fresh_laptop(tmp_path, "second", central.url, user)[0]
            record_a_caseload(laptop_store, visits=15)
            engine = SyncEngine(laptop_store, CentralClient(central.url), batch=5)
            engine.sign_in(user, DEMO_PASSWORD)
            laptops.append((laptop_store, engine))
        with ThreadPoolExecutor(max_workers=2) as both:  # two laptops at once, spread over three workers
            reports = list(both.map(lambda pair: pair[1].push_all(), laptops))
        assert all(set_aside == 0 for _, set_aside in reports)
        for _, engine in laptops:
            engine.sync()
        sequence = [row["seq"] for row in central.records().values()]
        assert len(sequence) == len(set(sequence))  # every change has its own place in the pull order
        for laptop_store, _ in laptops:
            assert_central_holds_exactly(central, laptop_store)
    finally:
        central.close()


def test_direct_work_reaches_a_fresh_laptop_as_the_child_made_it(laptop, store, central, tmp_path):
    from wvisit import tools
    from wvisit.domain import Sitting
    from wvisit.tools.my_people import MyPeople, Person

    child = make_child(store, "Ivy Example")
    visit = complete_visit(store, child)
    people = tools.get("my_people")
    made = MyPeople([Person("Nan", 1, "strong", 10), Person("Jo Example", 3, "stressful", 200)])
    store.sittings.save(Sitting(visit.id, child.id, "my_people", people.save(made), people.summarise(made)))
    assert laptop.sync().complete

    other, engine = fresh_laptop(tmp_path, "second-laptop", central.url)
    engine.sync()
    (session,) = other.sittings.for_visit(visit.id)
    assert people.load(session.result) == made and session.summary.startswith("Very close: Nan (strong)")


def test_a_batch_is_cut_by_size_as_well_as_count_so_large_records_never_pass_the_request_cap(
    laptop, store, central, proxy, monkeypatch
):
    record_a_caseload(store, visits=12)
    waiting = store.outbox.count()
    monkeypatch.setattr(engine_module, "MAX_BATCH_BYTES", 6000)  # a few visits' worth, instead of 16 MiB
    report = laptop.sync()
    assert report.complete and report.pushed == waiting
    pushes = [size for method, path, size in proxy.seen if path.startswith("/v1/push")]
    assert len(pushes) >= 3 and max(pushes) < 6000 + 8000  # one request without the cut; never far past it
    assert_central_holds_exactly(central, store)
