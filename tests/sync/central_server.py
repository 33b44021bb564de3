"""The real central service, run as its own process on 127.0.0.1, that a test can kill and restart."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import ColumnElement, create_engine, func, select, text, true, update

from tests.sync.central_fork import ForkedServer
from wvisit.central import db, security

DEMO_PASSWORD = "demo-password-1234"
# A server with one worker is forked from a process that has imported the service (tests/sync/central_fork.py);
# WVISIT_TEST_CENTRAL_FORK=0 starts each as `python -m wvisit.central.cli serve` instead.
FORK = sys.platform.startswith("linux") and os.environ.get("WVISIT_TEST_CENTRAL_FORK", "1") != "0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


_TEMPLATES: dict[str, tuple[str, dict]] = {}  # "sqlite"/"postgresql" -> (a database with the demo team, its users)


def demo_team(db_url: str) -> dict:
    """Give the empty central database at `db_url` the demo team (a PostgreSQL one may not exist yet: it is
    made as a copy); returns the accounts as `wvisit-central demo` prints them. The team is made once per
    test process by that very command (seconds: a password hash per account, the synthetic caseload) and
    copied for each test."""
    if db_url.startswith("sqlite:///"):
        template, users = _template("sqlite", f"sqlite:///{Path(tempfile.mkdtemp()) / 'demo.db'}")
        shutil.copyfile(template.removeprefix("sqlite:///"), db_url.removeprefix("sqlite:///"))
        return users
    server, name = db_url.rsplit("/", 1)
    template, users = _template("postgresql", f"{server}/wvisit_demo_{uuid.uuid4().hex[:12]}")
    admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:  # the test's own database (if made already, empty), made as a copy of the template
        conn.execute(text(f"DROP DATABASE IF EXISTS {name}"))
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE {template.rsplit('/', 1)[1]}"))
    admin.dispose()
    return users


def _template(kind: str, url: str) -> tuple[str, dict]:
    if kind not in _TEMPLATES:
        if kind == "postgresql":
            server, name = url.rsplit("/", 1)
            admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f"CREATE DATABASE {name}"))
            admin.dispose()
        out = subprocess.run(
            [sys.executable, "-m", "wvisit.central.cli", "--db", url, "demo", "--password", DEMO_PASSWORD],
            capture_output=True,
            text=True,
            check=True,
        )
        cheap_password_hashes(url)
        _TEMPLATES[kind] = (url, json.loads(out.stdout))
    return _TEMPLATES[kind]


def cheap_password_hashes(url: str, password: str = DEMO_PASSWORD) -> None:
    """Every account of the central database at `url` given `password`, hashed with Argon2id at its lowest cost.

    Why: a check at the service's own cost (64 MiB, three passes: ~0.3 s of a core) for every test's
    sign-in was a tenth of the suite's time. The service checks these hashes with the very code that
    checks any other (a PHC string names its own cost), so what the tests prove is unchanged; the
    service's cost is pinned by tests/unit/test_central_passwords.py, and the tests of a flood of
    password checks put it back on the accounts they use (`costly_passwords`)."""
    _hash_passwords(url, lambda: cheap_hash(password))


def cheap_hash(password: str) -> str:
    """An Argon2id PHC string of `password` at the lowest cost Argon2 allows (8 KiB, one pass)."""
    kdf = Argon2id(salt=os.urandom(16), length=32, iterations=1, lanes=1, memory_cost=8)
    return kdf.derive_phc_encoded(password.encode())


def costly_passwords(db_url: str, usernames: list[str]) -> None:
    """These accounts' demo password hashed at the service's own cost again, for a test that needs
    password checks as slow as the service's."""
    _hash_passwords(db_url, lambda: security.hash_password(DEMO_PASSWORD), db.users.c.username.in_(usernames))


def _hash_passwords(url: str, hashed: Callable[[], str], which: ColumnElement[bool] | None = None) -> None:
    """Give each account (`which` of them, or all) a hash of its own (a fresh salt each) from `hashed`."""
    engine = create_engine(url)
    with engine.begin() as conn:
        for user_id in conn.execute(select(db.users.c.id).where(true() if which is None else which)).scalars().all():
            conn.execute(update(db.users).where(db.users.c.id == user_id).values(password_hash=hashed()))
    engine.dispose()


class CentralServer:
    def __init__(
        self,
        folder: Path,
        database: str | None = None,
        workers: int = 1,
        serve_args: tuple[str, ...] = (),
        ca_cert: Path | None = None,
        new_interpreter: bool = False,
    ):
        """`serve_args` are added to `wvisit-central serve`; with `ca_cert` it speaks HTTPS, verified by it.
        With one worker the server is forked (see FORK) unless `new_interpreter` asks for the command itself."""
        self.db_url = database or f"sqlite:///{folder / 'central.db'}"
        self.blobs = folder / "central-blobs"
        self.port = free_port()
        self.workers = workers
        self.serve_args = serve_args
        self.forked = FORK and workers == 1 and not new_interpreter
        self.verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_cert) if ca_cert else True
        self.url = f"{'https' if ca_cert else 'http'}://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | ForkedServer | None = None
        self.log = open(folder / "central.log", "ab")  # noqa: SIM115 - open for the server's life, closed in stop()
        self.users = demo_team(self.db_url)
        self.engine = create_engine(self.db_url)

    def start(self) -> None:
        argv = ["serve", "--db", self.db_url, "--blobs", str(self.blobs), "--port", str(self.port)]
        argv += ["--workers", str(self.workers), *self.serve_args]
        if self.forked:  # from a process that has imported the service: no interpreter start, no imports
            self.process = ForkedServer(argv, self.log.name)
        else:  # `python -m wvisit.central.cli serve`, as a service manager starts it (always for `--workers N`)
            self.process = subprocess.Popen(
                [sys.executable, "-m", "wvisit.central.cli", *argv],
                stdout=self.log,
                stderr=self.log,
                start_new_session=True,  # its own process group: kill() stops a multi-worker server's workers too
            )
        # Waits for the service's first answer; the bound only turns a server that never comes up into a
        # failure. It is generous because a busy CI machine can take many seconds to start N workers.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:  # any answer from the service (401: not signed in) means it is up
                httpx.get(f"{self.url}/v1/audit-head", timeout=0.5, verify=self.verify)
                return
            except httpx.HTTPError:
                if self._ended_within(0.05):  # between tries, waits on the process's end
                    break
        self.kill()  # a half-started server leaves no process behind
        raise RuntimeError("the central service did not start")

    def _ended_within(self, seconds: float) -> bool:
        if isinstance(self.process, ForkedServer):
            return self.process.exited(seconds)
        assert self.process is not None
        try:
            self.process.wait(seconds)
        except subprocess.TimeoutExpired:
            return False
        return True

    def kill(self) -> None:
        """Like a power cut: no shutdown, in-flight requests die, uncommitted work is lost."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)  # the whole group: no orphaned worker
            with contextlib.suppress(ProcessLookupError):  # a forked one killed before it made its group
                os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait()
            self.process = None

    def restart(self) -> None:
        self.kill()
        self.start()

    def records(self) -> dict[str, dict]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(db.records)).mappings().all()
        return {row["id"]: dict(row) for row in rows}

    def revision_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(db.revisions.c.record_id, func.count()).group_by(db.revisions.c.record_id))
            return dict(rows.all())

    def close(self) -> None:
        self.kill()
        self.engine.dispose()
        self.log.close()
