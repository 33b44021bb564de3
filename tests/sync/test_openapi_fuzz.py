"""Fuzz the central service from its own OpenAPI document: no input, signed in or not, gives a 500."""

import json
import tempfile
from pathlib import Path

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings

from wvisit.central.app import create_app
from wvisit.central.demo import create_team

FOLDER = Path(tempfile.mkdtemp(prefix="wvisit-fuzz-"))
APP = create_app(f"sqlite:///{FOLDER / 'fuzz.db'}")
create_team(APP.state.engine, "fuzz-password-1234")


def sign_in() -> str:
    """From an address of its own: the fuzzed sign-ins' failures hold up their address (throttle.py)."""
    answer = TestClient(APP, client=("10.9.9.9", 50000)).post(
        "/v1/auth/signin", json={"username": "sw.demo", "password": "fuzz-password-1234", "device_id": "fuzz"}
    )
    return answer.json()["access_token"]


TOKEN = sign_in()
schema = schemathesis.openapi.from_dict(APP.openapi())  # the service does not serve it unless asked (--docs)
schema.app = APP


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_breaks_the_central_record(case):
    global TOKEN
    for headers in ({"Authorization": f"Bearer {TOKEN}"}, {}):
        response = case.call(headers=headers)
        assert response.status_code < 500, f"{case.method} {case.path} answered {response.status_code}"
    if case.path == "/v1/auth/signout":
        TOKEN = sign_in()  # the case ended the sign-in: later cases test signed in again


def test_numbers_beyond_what_a_database_holds_are_refused_not_crashed():
    client = TestClient(APP, raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
    op = {"op_id": "o", "kind": "child", "record_id": "r", "version": 2**70, "child_id": "r", "body": {}}
    assert client.post("/v1/push", content=json.dumps({"ops": [op]}), headers=headers).status_code == 422
    assert client.get("/v1/pull", params={"cursor": 2**70}, headers=headers).status_code == 422
    blob = "/v1/blobs/" + "a" * 64
    assert client.put(blob, params={"size": 2**70, "offset": 2**70}, headers=headers).status_code == 422
    assert client.put(blob, params={"size": 10}, content=b"x" * 20, headers=headers).status_code == 422
