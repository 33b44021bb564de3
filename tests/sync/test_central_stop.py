"""`wvisit-central serve --workers N` stopped the way a service manager stops it (SIGTERM to the
process it started) stops its workers too: none is left holding the port and the database."""

from __future__ import annotations

import os
import signal
import time

import pytest

from tests.conftest import _live_children
from tests.sync.central_server import CentralServer
from tests.sync.conftest import POSTGRES, fresh_postgres_database


def wait_for(condition, what: str, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting: {what}")


def workers_of(parent: int) -> list[int]:
    """The service's processes under `parent` (Python's own resource tracker aside)."""
    return [int(line.split()[0]) for line in _live_children(parent) if "resource_tracker" not in line]


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not POSTGRES, reason="needs the PostgreSQL that scripts/test starts")
@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads processes from /proc")
def test_sigterm_to_the_central_service_stops_its_workers(tmp_path):
    central = CentralServer(tmp_path, fresh_postgres_database(POSTGRES), workers=2)
    central.start()
    try:
        assert central.process is not None
        parent = central.process.pid
        wait_for(lambda: len(workers_of(parent)) >= 2, "the service's two workers")
        workers = workers_of(parent)
        central.process.send_signal(signal.SIGTERM)
        assert central.process.wait(timeout=30) is not None
        wait_for(lambda: not any(alive(pid) for pid in workers), "the workers to stop after SIGTERM")
    finally:
        central.close()
