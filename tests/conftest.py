"""Fixtures that build real things: a keyring (real API, in-memory backend), a vault and a store on disk."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import keyring
import pytest

from tests.memory_keyring import MemoryKeyring
from wvisit.domain import Child, Expressed, LegalStatus, Location, VoiceEntry
from wvisit.store import Store, schema
from wvisit.vault import KdfParams, Keys, Vault

PASSCODE = "blue-kettle-42"
# Tests derive keys with scrypt n=2^10 instead of 2^17: same code, 1/128 of the cost.
CHEAP_KDF = KdfParams(n=2**10)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch, tmp_path):
    """Every test gets an empty credential store and settings isolated from this machine's."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    monkeypatch.setenv("WVISIT_MACHINE_CONFIG", str(tmp_path / "machine-config.toml"))
    monkeypatch.setenv("WVISIT_USER_CONFIG", str(tmp_path / "user-config.toml"))
    monkeypatch.setenv("WVISIT_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setenv("WVISIT_KDF_COST", "10")
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def vault_and_keys(data_dir) -> tuple[Vault, Keys]:
    return Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)


@pytest.fixture
def store(data_dir, vault_and_keys) -> Store:
    _, keys = vault_and_keys
    store = Store.open(data_dir, keys, "sw.test")
    yield store
    with contextlib.suppress(Exception):
        store.close()


@contextlib.contextmanager
def as_schema(monkeypatch: pytest.MonkeyPatch, version: int) -> Iterator[None]:
    """The store code as a wvisit of store schema `version` runs it (its migrations, its idea of the
    latest): a file made or opened inside is as that older wvisit leaves it."""
    with monkeypatch.context() as older:
        older.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:version])
        older.setattr(schema, "LATEST", version)
        yield


def make_child(store: Store, name: str = "Ada Example", status: LegalStatus = LegalStatus.CIN) -> Child:
    return store.children.add(Child(name=name, date_of_birth=date(2016, 3, 4), legal_status=status))


def complete_fields(**overrides) -> dict:
    """Every field a statutory visit needs (the child's words aside), with `overrides` applied."""
    fields = dict(
        started_at=datetime.now(UTC) - timedelta(hours=1),
        location=Location.HOME,
        present="Ada, mum, me",
        child_seen=True,
        seen_alone=True,
        bedroom_seen=True,
        what_i_saw="Ada showed me her room.",
        analysis="Things are going well at home.",
        next_visit=date.today() + timedelta(days=20),
    )
    return {**fields, **overrides}


def complete_visit(store: Store, child: Child, **overrides):
    """A draft with every field a statutory visit needs, ready to finalise."""
    visit = store.visits.new_draft(child.id, **complete_fields(**overrides))
    store.visits.add_voice(
        VoiceEntry(visit_id=visit.id, child_id=child.id, words="I like my room", expressed=Expressed.SAID)
    )
    return visit


@pytest.fixture
def cli_env(monkeypatch, data_dir):
    """Environment for running `wvisit` commands in-process against `data_dir`."""
    monkeypatch.setenv("WVISIT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("WVISIT_PASSCODE", PASSCODE)
    monkeypatch.delenv("WVISIT_NEW_PASSCODE", raising=False)
    return os.environ


def _live_children(pid: int) -> list[str]:
    """This process's descendants still running (Linux /proc), as "pid command" lines."""
    found, parents = [], {pid}
    for _ in range(3):  # children, grandchildren (a server's workers, a forked server), great-grandchildren
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) in parents:
                continue
            with contextlib.suppress(OSError):
                stat = (entry / "stat").read_text()
                state, ppid = stat.rsplit(")", 1)[1].split()[:2]
                if int(ppid) in parents and state != "Z":
                    parents.add(int(entry.name))
                    command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    found.append(f"{entry.name} {command.strip()[:120]}")
    return sorted(set(found))


PR_SET_CHILD_SUBREAPER = 36  # Linux prctl(2)


def pytest_configure(config):
    """Linux: this test process (each xdist worker too) becomes the "subreaper" of every process its
    tests start, so a server's worker whose parent was killed is handed to this process rather than
    to init, and the check below still finds it (an orphaned uvicorn worker once kept its port)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def pytest_collection_finish(session):
    """What collection made (the modules of wvisit, Qt, FastAPI and the tests, ~250,000 objects) lives
    for the whole run: frozen out of the cyclic garbage collector, so that each collection (Python's own,
    and the one after every UI test, tests/ui/conftest.py) looks only at what the tests made since.
    A collection of everything took ~0.2 s of CPU; a UI subset's CPU fell 18-21%. What a test leaves
    is collected as before: it is newer than the freeze."""
    gc.collect()
    gc.freeze()


def _left_running() -> list[str]:
    """Descendants still running once a process that is being stopped has had a few seconds to end.
    Python's own helpers end with this process, so they are not leaks: multiprocessing's resource
    tracker, and the fork server the central service's test servers are forked from (tests/sync/
    central_fork.py) - known by its id, as the servers it forked have its command line."""
    fork = sys.modules.get("tests.sync.central_fork")
    fork_server = fork.fork_server_pid() if fork is not None else None
    deadline = time.monotonic() + 10
    while True:
        left = [
            line
            for line in _live_children(os.getpid())
            if "multiprocessing.resource_tracker" not in line and int(line.split()[0]) != fork_server
        ]
        left = [
            f"{line.split(' -')[0]} (a central service forked by tests/sync/central_fork.py)"
            if "multiprocessing.forkserver" in line
            else line
            for line in left
        ]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)  # polling /proc for the processes' end: there is no event to wait on for another's child


@pytest.fixture(scope="session", autouse=True)
def no_process_outlives_the_tests():
    """No test leaves a process behind (a server's orphaned workers would hold ports and the database
    on a CI machine): the run fails, naming them, and they are stopped. A fixture, not only a hook at
    the session's end, so that under xdist (scripts/test) a worker's finding fails the whole run."""
    yield
    if not Path("/proc").is_dir():
        return
    left = _left_running()
    for line in left:
        with contextlib.suppress(OSError):
            os.kill(int(line.split()[0]), signal.SIGKILL)
    assert not left, "Processes left running by the tests:\n  " + "\n  ".join(left)
