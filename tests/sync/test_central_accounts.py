"""Accounts and tokens on the central record, as IT, a laptop and a thief see them: a sign-in answers with
the person's name; refresh tokens rotate and a used-up one coming back revokes the laptop; IT adds,
disables and re-passwords accounts from `wvisit-central user`, and every step is in `wvisit-central audit`."""

from __future__ import annotations

import io
import json
import sys
from contextlib import redirect_stdout

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, select, text

from tests.conftest import PASSCODE
from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.laptop_process import run_wvisit
from wvisit.central import db, security
from wvisit.central.app import create_app
from wvisit.central.cli import main as central_cli
from wvisit.central.demo import create_team
from wvisit.central.tokens import REFRESH_GRACE_SECONDS
from wvisit.store import Store
from wvisit.sync.protocol import SignedIn, revocation_proven
from wvisit.vault import Vault


def sign_in(api, username="sw.demo", password=DEMO_PASSWORD, device_id="laptop-1"):
    return api.post("/v1/auth/signin", json={"username": username, "password": password, "device_id": device_id})


def refresh(api, token: str, device_id="laptop-1"):
    return api.post("/v1/auth/refresh", json={"device_id": device_id, "refresh_token": token})


def pull(api, access_token: str):
    return api.get("/v1/pull", headers={"Authorization": f"Bearer {access_token}"})


def it(database, *args: str, stdin: str = "") -> int:
    """`wvisit-central --db DATABASE ARGS`, as IT types it, with `stdin` piped in."""
    saved, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        return central_cli(["--db", database, *args])
    finally:
        sys.stdin = saved


def test_a_sign_in_answers_with_the_workers_name_and_login(api):
    answer = SignedIn.model_validate(sign_in(api).json())
    assert (answer.username, answer.display_name, answer.role) == ("sw.demo", "Sam Patel", "social_worker")
    supervisor = SignedIn.model_validate(sign_in(api, "sup.demo", device_id="laptop-2").json())
    assert (supervisor.display_name, supervisor.role) == ("Jo Reed", "supervisor")


def test_an_answer_from_an_older_central_record_without_names_still_reads():
    older = {"access_token": "t", "expires_in": 900, "user_id": "u", "role": "social_worker", "team_id": "a"}
    assert SignedIn.model_validate(older).display_name == ""


def test_an_existing_database_without_display_names_gets_the_column_at_start(database, tmp_path):
    engine = db.make_engine(database)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE users DROP COLUMN display_name"))
    engine.dispose()
    app = create_app(database, str(tmp_path / "blobs"))  # as an upgraded service starts on last release's database
    create_team(app.state.engine, DEMO_PASSWORD)
    with TestClient(app) as client:
        assert sign_in(client).json()["display_name"] == "Sam Patel"
    app.state.engine.dispose()
    check = create_engine(database)
    assert "display_name" in {c["name"] for c in inspect(check).get_columns("users")}
    check.dispose()


def test_every_refresh_hands_out_a_new_refresh_token_and_the_old_one_then_stops(api):
    first = sign_in(api).json()
    second = refresh(api, first["refresh_token"]).json()
    third = refresh(api, second["refresh_token"]).json()
    assert len({first["refresh_token"], second["refresh_token"], third["refresh_token"]}) == 3
    assert pull(api, third["access_token"]).status_code == 200


def test_a_stolen_refresh_token_used_after_the_laptop_moved_on_revokes_the_laptop(api, database):
    signed = sign_in(api).json()
    stolen = signed["refresh_token"]
    laptop = refresh(api, stolen).json()
    laptop = refresh(api, laptop["refresh_token"]).json()  # the laptop carries on with its own tokens

    thief = refresh(api, stolen)
    assert thief.status_code == 403 and thief.json()["error"] == "device_revoked"
    assert revocation_proven(signed["revocation_key"], thief.json()["proof"], "laptop-1")
    assert pull(api, laptop["access_token"]).json()["error"] == "device_revoked"  # the laptop learns and shreds
    assert refresh(api, laptop["refresh_token"]).json()["error"] == "device_revoked"

    elsewhere = sign_in(api, device_id="laptop-new")  # whoever stole it may know the password too
    assert elsewhere.status_code == 403 and elsewhere.json()["error"] == "new_device_blocked"
    assert it(database, "user", "allow-device", "sw.demo") == 0
    assert sign_in(api, device_id="laptop-new").status_code == 200
    actions = [entry["action"] for entry in json.loads(audit_json(database))]
    assert "refresh token reused: device revoked" in actions and "new device allowed" in actions


def test_a_laptop_that_lost_the_answer_to_its_refresh_may_use_its_old_token_again_for_a_while(api, clock):
    old = sign_in(api).json()["refresh_token"]
    assert refresh(api, old).status_code == 200  # rotated; the answer never reached the laptop
    clock.move(REFRESH_GRACE_SECONDS - 60)
    again = refresh(api, old)  # after a restart, the laptop still holds the token before
    assert again.status_code == 200
    following = refresh(api, again.json()["refresh_token"])
    assert following.status_code == 200 and pull(api, following.json()["access_token"]).status_code == 200


def test_after_the_grace_the_old_token_asks_for_a_sign_in_and_revokes_nothing(api, clock):
    old = sign_in(api).json()["refresh_token"]
    assert refresh(api, old).status_code == 200
    clock.move(REFRESH_GRACE_SECONDS + 1)
    late = refresh(api, old)
    assert late.status_code == 401 and late.json()["error"] == "bad_credentials"
    assert sign_in(api).status_code == 200  # the same laptop, with the worker's password


def test_the_unused_successor_of_a_retried_refresh_is_used_up(api):
    """A thief raced the laptop with the current token; the laptop, retrying with the one before, wins
    the grace: the thief's token then revokes the device."""
    old = sign_in(api).json()["refresh_token"]
    thiefs = refresh(api, old).json()["refresh_token"]
    assert refresh(api, old).status_code == 200
    assert refresh(api, thiefs).json()["error"] == "device_revoked"


def test_the_grace_for_the_token_before_is_once_and_audited(api):
    """Within the grace, the token before the last works once (a laptop that died before saving its
    new one); shown a second time - a copy in a thief's hands - it is a reuse and revokes the device."""
    old = sign_in(api).json()["refresh_token"]
    assert refresh(api, old).status_code == 200
    assert refresh(api, old).status_code == 200  # the retry after a crash
    assert refresh(api, old).json()["error"] == "device_revoked"


def test_a_new_sign_in_ends_the_laptops_earlier_access_tokens(api, clock):
    earlier = sign_in(api).json()["access_token"]
    assert pull(api, earlier).status_code == 200
    later = sign_in(api).json()["access_token"]
    assert pull(api, earlier).status_code == 401
    assert pull(api, later).status_code == 200
    clock.move(16 * 60)
    assert pull(api, later).json()["error"] == "token_expired"


def test_a_disabled_account_cannot_sign_in_refresh_or_use_its_tokens(api, database):
    signed = sign_in(api).json()
    assert it(database, "user", "disable", "sw.demo") == 0
    assert pull(api, signed["access_token"]).status_code in (401, 403)
    assert refresh(api, signed["refresh_token"]).json()["error"] == "account_disabled"
    refused = sign_in(api)
    assert refused.status_code == 403 and refused.json()["error"] == "account_disabled"
    assert sign_in(api, password="not-the-password").json()["error"] == "bad_credentials"  # tells a guesser nothing

    assert it(database, "user", "enable", "sw.demo") == 0
    assert refresh(api, signed["refresh_token"]).status_code == 200
    assert sign_in(api).status_code == 200


def test_it_adds_an_account_with_a_password_from_standard_input_never_an_argument(api, database, capsys):
    password = "a-long-synthetic-password"
    assert (
        it(
            database,
            "user",
            "add",
            "kim.lee",
            "--role",
            "supervisor",
            "--team",
            "team-c",
            "--name",
            "Kim Lee",
            stdin=password + "\n",
        )
        == 0
    )
    answer = sign_in(api, "kim.lee", password, "laptop-kim").json()
    assert (answer["display_name"], answer["role"], answer["team_id"]) == ("Kim Lee", "supervisor", "team-c")
    assert (
        it(
            database,
            "user",
            "add",
            "kim.lee",
            "--role",
            "supervisor",
            "--team",
            "team-c",
            "--name",
            "Kim",
            stdin=password + "\n",
        )
        == 1
    )
    assert (
        it(
            database,
            "user",
            "add",
            "ash.ng",
            "--role",
            "admin",
            "--team",
            "team-a",
            "--name",
            "Ash Ng",
            stdin="short\n",
        )
        == 1
    )
    assert "at least 12 characters" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        central_cli(
            [
                "--db",
                database,
                "user",
                "add",
                "x",
                "--role",
                "admin",
                "--team",
                "t",
                "--name",
                "X",
                "--password",
                password,
            ]
        )


def test_a_password_set_by_it_ends_every_sign_in_of_the_account(api, database):
    signed = sign_in(api).json()
    new = "another-synthetic-password"
    assert it(database, "user", "password", "sw.demo", stdin=new + "\n") == 0
    assert refresh(api, signed["refresh_token"]).status_code == 401
    assert pull(api, signed["access_token"]).status_code == 401
    assert sign_in(api).json()["error"] == "bad_credentials"
    assert sign_in(api, password=new).status_code == 200


def audit_json(database) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        assert central_cli(["--db", database, "audit", "--json"]) == 0
    return out.getvalue()


def test_the_audit_shows_sign_ins_failed_ones_too_and_whose_records_were_read_and_no_secret(api, database):
    sign_in(api, password="wrong-password-typed")
    signed = sign_in(api).json()
    page = pull(api, signed["access_token"]).json()
    text_out = audit_json(database)
    entries = json.loads(text_out)
    me = signed["user_id"]
    refused = [e for e in entries if e["action"] == "sign-in refused"]
    assert refused and refused[0]["user_id"] == me and refused[0]["address"] == "testclient"
    assert any(e["action"] == "signed in" and e["username"] == "sw.demo" for e in entries)
    read = {e["child_id"] for e in entries if e["action"] == "pulled" and e["user_id"] == me}
    assert read == {record["child_id"] for record in page["records"]} and read
    for secret in ("wrong-password-typed", DEMO_PASSWORD, signed["refresh_token"], signed["access_token"]):
        assert secret not in text_out
    for record in page["records"]:
        assert json.dumps(record["body"])[:40] not in text_out


def test_a_laptop_in_a_fresh_process_keeps_the_refresh_token_each_refresh_hands_it(
    store, data_dir, central, memory_keyring
):
    store.close()
    assert run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url, "--user", "sw.demo").returncode == 0
    for _ in range(2):  # each new process refreshes from the stored token, which the central record uses up
        again = run_wvisit(data_dir, memory_keyring, "sync", "--central", central.url)
        assert again.returncode == 0, again.stderr
        reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
        stored, device_id = reopened.sync_state.get("refresh_token"), reopened.sync_state.get("device_id")
        reopened.close()
        with central.engine.connect() as conn:
            current = conn.execute(select(db.devices.c.refresh_hash).where(db.devices.c.id == device_id)).scalar()
        assert current == security.token_hash(stored)
