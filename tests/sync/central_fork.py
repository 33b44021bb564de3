"""`wvisit-central serve` forked from a process that has already imported the service.

A new interpreter that imports FastAPI, SQLAlchemy, uvicorn and wvisit.central took 1-1.7 s per
server, and about a hundred tests start one. Here each server is forked from multiprocessing's fork
server, started once per test process with those modules imported (and nothing else: no threads, no
test's state), so a server costs a fork. What a test gets is unchanged: a process of its own,
running the real command line (`wvisit.central.cli.main`) as `serve` runs it, in its own session and
process group, with the test's environment and working folder, its output in the test's log file.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import sys
from typing import Any

# What `wvisit-central serve` imports on its way to its first answer (uvicorn's protocol and loop
# modules are imported by uvicorn.Config.load, by name).
PRELOAD = [
    "tests.sync.central_fork",
    "wvisit.central.cli",
    "wvisit.central.app",
    "wvisit.central.demo",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "uvicorn",
    "uvicorn.config",
    "uvicorn.server",
    "uvicorn.loops.auto",
    "uvicorn.loops.asyncio",
    "uvicorn.protocols.http.auto",
    "uvicorn.protocols.http.httptools_impl",
    "uvicorn.protocols.websockets.auto",
    "uvicorn.lifespan.on",
]

_context: Any = None


def _forks() -> Any:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def _serve(argv: list[str], environ: dict[str, str], log_path: str) -> None:
    """In the forked process: a session of its own, the test's environment, the log as stdout and stderr."""
    os.setsid()
    os.environ.clear()
    os.environ.update(environ)
    log = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.close(log)
    from wvisit.central.cli import main

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    sys.exit(code)


class ForkedServer:
    """The forked `serve` process, with the parts of subprocess.Popen the tests use."""

    def __init__(self, argv: list[str], log_path: str):
        self._process = _forks().Process(target=_serve, args=(argv, dict(os.environ), log_path), daemon=True)
        self._process.start()
        self.pid: int = self._process.pid

    def poll(self) -> int | None:
        return self._process.exitcode

    def wait(self, timeout: float | None = None) -> int | None:
        self._process.join(timeout)
        return self._process.exitcode

    def exited(self, timeout: float) -> bool:
        """Waits up to `timeout` for the process to end (the event, not a sleep); True once it has."""
        return bool(multiprocessing.connection.wait([self._process.sentinel], timeout))

    def send_signal(self, signum: int) -> None:
        if self._process.exitcode is None:
            os.kill(self.pid, signum)


def fork_server_pid() -> int | None:
    """The fork server's process id while it runs, for the suite's check that no test leaves a process
    behind: the fork server ends with the test process, but what it forked and still runs is a leak
    (and has the fork server's command line, so the check can only tell them apart by the id)."""
    if _context is None:
        return None
    from multiprocessing import forkserver

    return getattr(forkserver._forkserver, "_forkserver_pid", None)  # kept by Python, not published
