"""Sync fixtures: the real central service on 127.0.0.1, a fault proxy in front of it, a laptop's engine."""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from tests.sync.central_server import DEMO_PASSWORD, CentralServer
from tests.sync.fault_proxy import FaultProxy
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine

POSTGRES = os.environ.get("WVISIT_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite", "postgresql"] if POSTGRES else ["sqlite"]


@pytest.fixture(params=BACKENDS)
def central(request, tmp_path):
    """The real service on SQLite, and on PostgreSQL too when scripts/test could start one."""
    database = None
    if request.param == "postgresql":
        database = fresh_postgres_database(POSTGRES)
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
def proxy(central):
    fault_proxy = FaultProxy(central.port)
    fault_proxy.on_kill = central.kill
    yield fault_proxy
    fault_proxy.close()


@pytest.fixture
def laptop(store, proxy):
    """The worker's laptop, signed in as sw.demo, talking to the central record through the proxy."""
    client = CentralClient(proxy.url, timeout=1.0)
    engine = SyncEngine(store, client, batch=50)
    engine.sign_in("sw.demo", DEMO_PASSWORD)
    yield engine
    client.close()
