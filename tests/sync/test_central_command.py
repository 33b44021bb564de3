"""`python -m wvisit.central.cli serve` itself, in a new interpreter, as a service manager starts it.

The other tests' servers with one worker are forked from a process that has already imported the
service (tests/sync/central_fork.py); this one proves the command they stand for: it starts from
nothing, serves a laptop, and a SIGTERM stops it cleanly, leaving nothing listening.
"""

from __future__ import annotations

import signal

import httpx
import pytest

from tests.sync.central_server import DEMO_PASSWORD, CentralServer
from tests.sync.helpers import assert_central_holds_exactly, record_a_caseload
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine


def test_the_command_in_a_new_interpreter_serves_a_laptop_and_stops_on_sigterm(tmp_path, store):
    central = CentralServer(tmp_path, new_interpreter=True)
    central.start()
    try:
        assert not central.forked
        assert httpx.get(f"{central.url}/v1/pull").status_code == 401  # it answers, and only the signed in
        record_a_caseload(store, visits=2)
        client = CentralClient(central.url, timeout=30.0)
        engine = SyncEngine(store, client)
        engine.sign_in("sw.demo", DEMO_PASSWORD)
        assert engine.sync().complete
        client.close()
        assert_central_holds_exactly(central, store)
        assert central.process is not None
        central.process.send_signal(signal.SIGTERM)
        assert central.process.wait(timeout=30) in (0, -signal.SIGTERM)  # uvicorn ends by the signal it caught
        logged = (tmp_path / "central.log").read_text()  # its output, where the tests read it
        assert (
            "Application shutdown complete" in logged and f"Finished server process [{central.process.pid}]" in logged
        )
        with pytest.raises(httpx.ConnectError):  # nothing listens on its port any more
            httpx.get(f"{central.url}/v1/pull", timeout=5)
    finally:
        central.close()
