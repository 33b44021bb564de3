"""Sync fixtures: the real central service on 127.0.0.1, a fault proxy in front of it, a laptop's engine."""

from __future__ import annotations

import pytest

from tests.sync.central_server import DEMO_PASSWORD, CentralServer
from tests.sync.fault_proxy import FaultProxy
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine


@pytest.fixture
def central(tmp_path):
    server = CentralServer(tmp_path)
    server.start()
    yield server
    server.close()


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
