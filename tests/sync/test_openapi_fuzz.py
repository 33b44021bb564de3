"""Fuzz the central service from its own OpenAPI document with every schemathesis check: no input, signed in
or not, gives a 500, and every answer (status, headers, body) is one the document describes - on SQLite,
and on PostgreSQL when the tests have one."""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, settings
from schemathesis.config import SchemathesisConfig

from tests.sync.central_server import cheap_password_hashes
from tests.sync.conftest import BACKENDS, POSTGRES, fresh_postgres_database
from wvisit.central.app import create_app
from wvisit.central.demo import create_team
from wvisit.sync.protocol import MAX_INT

PASSWORD = "fuzz-password-1234"
FOLDER = Path(tempfile.mkdtemp(prefix="wvisit-fuzz-"))
# Examples per operation and backend, both signed in and not: enough to reach every status each endpoint
# answers; the whole file stays within a few minutes on two cores.
EXAMPLES = 25
# The fuzzed sign-ins name unknown accounts: each checked at the service's cost took ~0.3 s.
pytestmark = pytest.mark.usefixtures("cheap_unknown_accounts")


FRESH = 300  # seconds a token is used for; access tokens last 15 minutes


class Service:
    """One central service in-process, with a signed-in worker's token (renewed when a case signs out)."""

    def __init__(self, backend: str):
        folder = FOLDER / backend
        folder.mkdir()
        database = fresh_postgres_database(POSTGRES) if backend == "postgresql" else f"sqlite:///{folder / 'f.db'}"
        self.app: FastAPI = create_app(database, str(folder / "blobs"))
        create_team(self.app.state.engine, PASSWORD)
        cheap_password_hashes(database, PASSWORD)  # a sign-in here is for a token, not a test of its cost
        self._token, self._signed_in_at = "", -FRESH

    @property
    def token(self) -> str:
        """A signed-in worker's token, renewed when it is some minutes old: the service is made at
        collection, and on a busy machine its tests can run after an access token has lapsed."""
        if time.monotonic() - self._signed_in_at >= FRESH:
            self.token = self.sign_in()
        return self._token

    @token.setter
    def token(self, value: str) -> None:
        self._token, self._signed_in_at = value, time.monotonic()

    def sign_in(self) -> str:
        request = {"username": "sw.demo", "password": PASSWORD, "device_id": "fuzz"}
        # From an address of its own: the fuzzed sign-ins' failures hold up their address (throttle.py).
        answer = TestClient(self.app, client=("10.9.9.9", 50000)).post("/v1/auth/signin", json=request)
        return answer.json()["access_token"]


SERVICES = {backend: Service(backend) for backend in BACKENDS}
# An attachment's part can be schema-valid and still not fit its upload (more bytes than the size declared,
# a size other than the upload's, content that does not match its SHA-256): 422, which no schema can say.
UPLOADS = {
    "operations": [
        {
            "include-path": "/v1/blobs/{sha256}",
            "include-method": "PUT",
            "checks": {"positive_data_acceptance": {"expected-statuses": ["2xx", 401, 404, 409, 413, 422]}},
        }
    ]
}
SIGN_OUT = "/v1/auth/signout"


def loaded_schema(config: dict | None = None):
    """The service's own document (not served: --docs)."""
    schema = schemathesis.openapi.from_dict(
        SERVICES["sqlite"].app.openapi(), config=SchemathesisConfig.from_dict(config) if config else None
    )
    schema.app = SERVICES["sqlite"].app
    return schema


@pytest.fixture(params=BACKENDS, scope="module")
def service(request) -> Service:
    return SERVICES[request.param]


# Sign-out's only input is the token, so a few cases show all it answers; each one that ends the
# sign-in is followed by a sign-in with the password.
SIGN_OUT_EXAMPLES = 5
FUZZING = dict(
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a failure is reported as found
    database=None,
)


def check_signed_in_and_not(case, service: Service) -> int:
    """The case's answers signed in and not both checked; the status of the signed-in one."""
    signed_in = case.call_and_validate(headers={"Authorization": f"Bearer {service.token}"}, app=service.app)
    case.call_and_validate(headers={}, app=service.app)
    return signed_in.status_code


@loaded_schema(UPLOADS).exclude(path=SIGN_OUT).parametrize()
@settings(max_examples=EXAMPLES, **FUZZING)
def test_every_answer_is_one_the_openapi_document_describes(case, service):
    check_signed_in_and_not(case, service)


@loaded_schema().include(path=SIGN_OUT).parametrize()  # (with UPLOADS, include() keeps every operation)
@settings(max_examples=SIGN_OUT_EXAMPLES, **FUZZING)
def test_every_sign_out_answer_is_one_the_openapi_document_describes(case, service):
    if check_signed_in_and_not(case, service) == 200:
        service.token = service.sign_in()  # the case ended the sign-in: later cases test signed in again


def test_the_document_gives_integer_bounds_exactly():
    document = json.dumps(SERVICES["sqlite"].app.openapi())
    assert f'"maximum": {MAX_INT}' in document and "e+18" not in document


def test_numbers_beyond_what_a_database_holds_are_refused_not_crashed(service):
    client = TestClient(service.app, raise_server_exceptions=False)
    headers = {"Authorization": f"Bearer {service.token}", "Content-Type": "application/json"}
    op = {"op_id": "o", "kind": "child", "record_id": "r", "version": 2**70, "child_id": "r", "body": {}}
    assert client.post("/v1/push", content=json.dumps({"ops": [op]}), headers=headers).status_code == 422
    assert client.get("/v1/pull", params={"cursor": 2**70}, headers=headers).status_code == 422
    blob = "/v1/blobs/" + "a" * 64
    assert client.put(blob, params={"size": 2**70, "offset": 2**70}, headers=headers).status_code == 422
    assert client.put(blob, params={"size": 10}, content=b"x" * 20, headers=headers).status_code == 422
