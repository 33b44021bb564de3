"""Sync fixtures: the real central service on 127.0.0.1, a fault proxy in front of it, a laptop's engine;
and the same service in-process (`api`, a TestClient) on a clock the test moves (`clock`)."""

from __future__ import annotations

import os
import time
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from tests.sync.central_server import DEMO_PASSWORD, CentralServer, cheap_hash, demo_team
from tests.sync.fault_proxy import FaultProxy
from wvisit.central import security
from wvisit.central.app import create_app
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine

POSTGRES = os.environ.get("WVISIT_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def central(request, tmp_path):
    """The real service on SQLite, and on PostgreSQL too when scripts/test could start one."""
    database = None
    if request.param == "postgresql":  # named only: the server's demo team makes it, as a copy of its template
        database = POSTGRES.rsplit("/", 1)[0] + f"/wvisit_{uuid.uuid4().hex[:12]}"
    server = CentralServer(tmp_path, database)
    server.start()
    yield server
    server.close()


def fresh_postgres_database(admin_url: str) -> str:
    """An empty database of its own for one test, on the PostgreSQL server scripts/test started."""
    name = f"wvisit_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture
def cheap_unknown_accounts(monkeypatch):
    """An in-process service checks an unknown username against a hash at Argon2's lowest cost rather
    than at its own (security.DUMMY_HASH, ~0.3 s a check): for the tests of what floods of sign-ins
    are answered, not of how long a check takes (tests/unit/test_central_passwords.py pins that)."""
    monkeypatch.setattr(security, "DUMMY_HASH", cheap_hash("not-a-real-password"))


@pytest.fixture
def proxy(central):
    fault_proxy = FaultProxy(central.port)
    fault_proxy.on_kill = central.kill
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def laptop(store, proxy):
    """The worker's laptop, signed in as sw.demo, talking to the central record through the proxy."""
    patient = CentralClient(proxy.url, timeout=30.0)  # a password check is slow by design (Argon2)
    SyncEngine(store, patient).sign_in("sw.demo", DEMO_PASSWORD)
    patient.close()
    client = CentralClient(proxy.url, timeout=30.0)  # a loaded CI machine must not time out an honest answer
    client.access_token = patient.access_token  # signed in, as after a sign-in with this client
    engine = SyncEngine(store, client, batch=50)
    yield engine
    client.close()


@pytest.fixture
def impatient_laptop(laptop, store, proxy):
    """The same signed-in laptop with a client that gives up after 3 s, well before the proxy's late
    answer (its delay fault, 6 s): for the tests of an answer that comes too late."""
    client = CentralClient(proxy.url, timeout=3.0)
    client.access_token = laptop.client.access_token
    yield SyncEngine(store, client, batch=50)
    client.close()


class Clock:
    """The service's clock, moved by the test instead of waiting."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def move(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path) -> str:
    """An empty central database: a SQLite file, or (when a test PostgreSQL runs) a PostgreSQL database."""
    return fresh_postgres_database(POSTGRES) if request.param == "postgresql" else f"sqlite:///{tmp_path / 'c.db'}"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def api(database, clock, tmp_path):
    """The real central service (in-process, over ASGI) with the synthetic demo team: a copy of the
    team made once per test process, as `central` has (its five Argon2 password hashes took seconds)."""
    demo_team(database)
    app = create_app(database, str(tmp_path / "blobs"), clock=clock)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()
