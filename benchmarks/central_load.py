"""The central record under a council's load: many laptops and supervisors at once, on PostgreSQL.

    .venv/bin/python benchmarks/central_load.py [--laptops 50,100,200] [--workers 2] [--runs 1]
                                                [--pg-url URL] [--no-baseline] [--py-spy PATH]

The council: teams of 10 social workers and 1 supervisor (ceil(laptops / 10) teams), every name
synthetic, each account added through the central record's own admin path (accounts.add_user, what
`wvisit-central user add` calls). One supervisor pulls for every 20 laptops (10 at 200, as the issue
asks: half the teams' supervisors at their desks).

The service is the real one: `wvisit-central serve --workers N` in its own process group on
127.0.0.1, on a throwaway PostgreSQL (scripts/test-postgres, or --pg-url / WVISIT_LOAD_PG: a cluster
where this may create databases). Every run gets a fresh database cloned from one made with the
accounts. The laptops are httpx.AsyncClients on one event loop in this process, in two phases:

1. sign-in: every laptop and supervisor signs in at once (POST /v1/auth/signin, Argon2 on the server);
2. sync: every laptop pushes a new child and 50 finalised visits of ~4 KB (batches of 500, as
   wvisit.sync.engine does: one request of 51 ops) and pulls its caseload with the cursor until
   `more` is false; meanwhile the supervisors pull their whole team from cursor 0, pausing 1 s
   between rounds, until the last laptop is done, then once more.

A push that gets no answer or a 5xx is sent again (up to 3 times, a second apart), as the laptop's
outbox would at its next sync; each such push is counted ("no answer", "5xx", "pushes sent again").

Then the central record is checked: every pushed record is in `wvisit-central records --json`
exactly once, with version 1 and the SHA-256 of what was sent; nothing else is there; one revision
and one op per record. Each laptop's pull held its own 51 records, each supervisor's last pull its
team's.

The baseline, in the same run, is the same council against the service as a small team runs it:
SQLite (synchronous=FULL) with one worker, the only way SQLite is served. Same clients, same
volume, same burst; the ratio is what PostgreSQL and more workers buy.

CPU is read from /proc at the phase boundaries for the service's processes, PostgreSQL's
(the postmaster and its backends) and this load generator, and for the whole machine (what is left
is other people's work). With --py-spy PATH the service's workers are sampled during each phase of
the largest PostgreSQL run, and the heaviest frames are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from common import percentile  # noqa: E402

from wvisit.central import accounts, db, security  # noqa: E402
from wvisit.central.records import canonical, sha256_of  # noqa: E402
from wvisit.domain import Child, LegalStatus, Location, Visit, VisitStatus, to_record  # noqa: E402

TEAM_SIZE = 10
LAPTOPS_PER_SUPERVISOR = 20
VISITS = 50
NOTE = ("Showed me their room and talked about school and friends. " * 70)[:4000]
SUPERVISOR_PAUSE = 1.0
PUSH_ATTEMPTS = 3
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- the council -------------------------------------------------------------------------------


@dataclass
class Account:
    username: str
    role: str
    team: str
    display_name: str


def council(laptops: int) -> tuple[list[Account], list[Account]]:
    """(social workers, supervisors) for `laptops` laptops: teams of 10 and a supervisor each."""
    workers, supervisors = [], []
    for t in range(math.ceil(laptops / TEAM_SIZE)):
        team = f"team-{t:02d}"
        supervisors.append(Account(f"sup.t{t:02d}", "supervisor", team, f"Supervisor {t:02d} Example"))
        for w in range(min(TEAM_SIZE, laptops - t * TEAM_SIZE)):
            workers.append(Account(f"sw.t{t:02d}.w{w:02d}", "social_worker", team, f"Worker {t:02d}-{w:02d} Example"))
    return workers, supervisors


def add_accounts(url: str, people: list[Account], password: str) -> float:
    """Accounts through the admin path, two at a time (Argon2 releases the GIL); seconds taken."""
    engine = db.make_engine(url)
    security.revocation_signer(engine)  # made once here, not raced for by the workers at start
    start = time.perf_counter()

    def add(account: Account) -> None:
        accounts.add_user(
            engine, account.username, password, role=account.role, team=account.team, display_name=account.display_name
        )

    with ThreadPoolExecutor(2) as pool:  # each team's first account alone: add_user makes its team
        list(pool.map(add, [a for a in people if a.role == "supervisor"]))
        list(pool.map(add, [a for a in people if a.role != "supervisor"]))
    engine.dispose()
    return time.perf_counter() - start


def copy_accounts(source: str, target: str) -> None:
    """The same teams and accounts (password hashes included) in another database, for the baseline."""
    engine, origin = db.make_engine(target), sa.create_engine(source)
    security.revocation_signer(engine)
    with origin.connect() as reading, engine.begin() as writing:
        for table in (db.teams, db.users):
            writing.execute(table.insert(), [dict(row) for row in reading.execute(sa.select(table)).mappings()])
    engine.dispose()
    origin.dispose()


@dataclass
class Laptop:
    account: Account
    ops: list[dict]
    body: bytes  # the push request, encoded before the clock starts
    expected: dict[str, str] = field(default_factory=dict)  # record id -> sha256


def laptop_for(account: Account, n: int) -> Laptop:
    """A new child for this worker and 50 finalised visits of ~4 KB to it, as pushed ops."""
    child = Child(
        name=f"Child {account.username} Example",
        date_of_birth=date(2012 + n % 8, 1 + n % 12, 1 + n % 28),
        legal_status=list(LegalStatus)[n % len(LegalStatus)],
        summary="Synthetic child for the load benchmark.",
    )
    records = [("child", child.id, to_record(child))]
    first = datetime(2025, 1, 6, 10, tzinfo=UTC)
    for k in range(VISITS):
        visited = first + timedelta(days=7 * k)
        visit = Visit(
            child_id=child.id,
            author=account.username,
            started_at=visited,
            ended_at=visited + timedelta(hours=1),
            location=Location.HOME,
            present="child, carer, me",
            child_seen=True,
            seen_alone=True,
            bedroom_seen=True,
            what_i_saw=f"{NOTE} visit {k}",
            analysis="Working well: settled routine. Worried about: nothing new. Next: keep family time going.",
            next_visit=(visited + timedelta(days=7)).date(),
            status=VisitStatus.FINAL,
            finalised_at=visited + timedelta(hours=2),
        )
        records.append(("visit", visit.id, to_record(visit)))
    ops = [
        {
            "op_id": str(uuid.uuid4()),
            "kind": kind,
            "record_id": record_id,
            "version": 1,
            "child_id": child.id,
            "body": json.loads(json.dumps(body)),
        }
        for kind, record_id, body in records
    ]
    laptop = Laptop(account, ops, b"")
    laptop.expected = {op["record_id"]: sha256_of(canonical(op["body"])) for op in ops}
    return laptop


# --- processes ---------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proc_stats() -> dict[int, tuple[int, int, str, float]]:
    """pid -> (ppid, pgid, name, CPU seconds) of every process now running."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            raw = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = raw[raw.index("(") + 1 : raw.rindex(")")]
        fields = raw[raw.rindex(")") + 2 :].split()
        found[int(entry)] = (int(fields[1]), int(fields[2]), name, (int(fields[11]) + int(fields[12])) / CLK_TCK)
    return found


def machine_busy() -> float:
    """CPU seconds the whole machine has spent busy since boot (all cores)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / CLK_TCK


class Service:
    """`wvisit-central serve` in its own process group; close() ends it and every worker."""

    def __init__(self, url: str, folder: Path, workers: int):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / f"central-{self.port}.log", "ab")  # noqa: SIM115 - closed in close()
        command = [sys.executable, "-m", "wvisit.central.cli", "serve", "--db", url, "--blobs", str(folder / "blobs")]
        command += ["--port", str(self.port), "--workers", str(workers)]
        self.process = subprocess.Popen(command, stdout=self.log, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:  # 401 (not signed in) means a worker answers
                httpx.get(f"{self.url}/v1/audit-head", timeout=0.5)
                break
            except httpx.HTTPError:
                if self.process.poll() is not None:
                    raise RuntimeError("the central service did not start") from None
                time.sleep(0.1)
        else:
            self.close()
            raise RuntimeError("the central service did not start")
        # uvicorn answers once one worker is up; wait for all of them
        while workers > 1 and len(self.worker_pids()) < workers and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1.0)

    def pids(self) -> list[int]:
        return [pid for pid, (_, pgid, _, _) in proc_stats().items() if pgid == self.process.pid]

    def worker_pids(self) -> list[int]:
        return [pid for pid in self.pids() if pid != self.process.pid and _is_python(pid)]

    def close(self) -> None:
        for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            deadline = time.monotonic() + wait
            while self.pids() and time.monotonic() < deadline:
                self.process.poll()
                time.sleep(0.1)
            if not self.pids():
                break
        self.process.wait()
        self.log.close()
        if self.pids():
            raise RuntimeError(f"processes of the central service were left behind: {self.pids()}")


def _is_python(pid: int) -> bool:
    try:
        return (
            "wvisit" in Path(f"/proc/{pid}/cmdline").read_text()
            or "multiprocessing" in Path(f"/proc/{pid}/cmdline").read_text()
        )
    except OSError:
        return False


class Postgres:
    """A throwaway cluster from scripts/test-postgres, or the one at --pg-url; a database per run."""

    def __init__(self, url: str | None, folder: Path):
        self.folder = folder / "pg"
        self.started = url is None
        if url is None:
            out = subprocess.run(
                [str(ROOT / "scripts" / "test-postgres"), "start", str(self.folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            url = out.stdout.strip()
            if not url:
                raise SystemExit("no PostgreSQL: give --pg-url (or WVISIT_LOAD_PG), or run as root with postgresql")
        self.url = url
        self.admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        self.made: list[str] = []

    def database(self, name: str, template: str | None = None) -> str:
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        self.made.append(name)
        return self.url.rsplit("/", 1)[0] + "/" + name

    def postmaster(self) -> int | None:
        pid_file = self.folder / "data" / "postmaster.pid"
        return int(pid_file.read_text().split()[0]) if pid_file.exists() else None

    def pids(self, stats: dict) -> list[int]:
        """The postmaster and its backends (every 'postgres' process when the cluster is not ours)."""
        main = self.postmaster()
        if main is None:
            return [pid for pid, (_, _, name, _) in stats.items() if name == "postgres"]
        return [pid for pid, (ppid, _, _, _) in stats.items() if pid == main or ppid == main]

    def close(self) -> None:
        if not self.started:  # someone else's cluster: leave it as it was
            with self.admin.connect() as conn:
                for name in reversed(self.made):
                    conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        self.admin.dispose()
        if self.started:
            subprocess.run([str(ROOT / "scripts" / "test-postgres"), "stop", str(self.folder)], check=False)


@dataclass
class Cpu:
    """CPU seconds spent by each part between two snapshots."""

    wall: float
    service: float
    postgres: float
    generator: float
    machine: float

    def line(self) -> str:
        others = max(0.0, self.machine - self.service - self.postgres - self.generator)
        cores = os.cpu_count() or 1
        parts = [("service", self.service), ("PostgreSQL", self.postgres), ("load generator", self.generator)]
        parts.append(("others on the machine", others))
        shown = ", ".join(f"{name} {seconds:.1f} s ({seconds / self.wall / cores:.0%})" for name, seconds in parts)
        return f"CPU over {self.wall:.1f} s x {cores} cores: {shown}"


def snapshot(service: Service, pg: Postgres | None) -> dict[str, float]:
    stats = proc_stats()
    own = os.times()
    return {
        "wall": time.perf_counter(),
        "service": sum(stats[p][3] for p in service.pids() if p in stats),
        "postgres": sum(stats[p][3] for p in pg.pids(stats)) if pg else 0.0,
        "generator": own.user + own.system,
        "machine": machine_busy(),
    }


def spent(before: dict[str, float], after: dict[str, float]) -> Cpu:
    return Cpu(**{key: after[key] - before[key] for key in before})


class Sampler:
    """py-spy on every worker of the service for one phase; top() summarises what it saw."""

    def __init__(self, py_spy: str, pids: list[int], folder: Path, phase: str):
        self.files = [folder / f"{phase}-{pid}.txt" for pid in pids]
        self.processes = [
            subprocess.Popen(
                [py_spy, "record", "--pid", str(pid), "--format", "raw", "--rate", "50", "--nonblocking", "-o", str(f)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for pid, f in zip(pids, self.files, strict=True)
        ]

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGINT)
        for process in self.processes:
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def top(self, count: int = 10) -> list[str]:
        """The service's own functions by share of samples passing through them (inclusive), then where
        the samples ended (self time) by library: 'psycopg' is mostly waiting for PostgreSQL's answer."""
        inclusive: Counter[str] = Counter()
        leaves: Counter[str] = Counter()
        total = 0
        for path in self.files:
            if not path.exists():
                continue
            for line in path.read_text().splitlines():
                stack, _, number = line.rpartition(" ")
                if not number.isdigit():
                    continue
                total += int(number)
                frames = [_frame(f) for f in stack.split(";")]
                for name, module in set(frames):
                    if module.startswith("wvisit/"):
                        inclusive[f"{name} ({module})"] += int(number)
                leaves[frames[-1][1].split("/")[0].removesuffix(".py")] += int(number)
        if not total:
            return []
        lines = [f"{n / total:6.1%}  {frame}" for frame, n in inclusive.most_common(count)]
        return [*lines, "self time: " + ", ".join(f"{name} {n / total:.0%}" for name, n in leaves.most_common(8))]


def _frame(text: str) -> tuple[str, str]:
    """(function, file below site-packages or the repository) of a py-spy frame 'name (path:line)'."""
    name, _, where = text.partition(" (")
    path = where.rsplit(":", 1)[0]
    for cut in ("site-packages/", f"{ROOT}/", "/lib/python3."):
        if cut in path:
            path = path.rsplit(cut, 1)[-1]
    return name, path.split("/", 1)[1] if path[:2].isdigit() else path


class Waits:
    """What PostgreSQL's sessions for this database are doing, sampled every 0.1 s from pg_stat_activity."""

    QUERY = sa.text(
        "SELECT coalesce(wait_event_type || ':' || wait_event, 'on CPU') AS what, left(query, 30) AS query"
        " FROM pg_stat_activity WHERE datname = current_database() AND state = 'active'"
        " AND pid <> pg_backend_pid()"
    )

    def __init__(self, url: str):
        self.engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        self.seen: Counter[tuple[str, str]] = Counter()
        self.samples = 0
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        with self.engine.connect() as conn:
            while self.running:
                for row in conn.execute(self.QUERY):
                    self.seen[(row.what, " ".join(row.query.split()[:3]))] += 1
                conn.rollback()
                self.samples += 1
                time.sleep(0.1)

    def stop(self) -> list[str]:
        self.running = False
        self.thread.join()
        self.engine.dispose()
        if not self.samples:
            return []
        line = ", ".join(f"{what} in '{q}' {n / self.samples:.1f}" for (what, q), n in self.seen.most_common(6))
        return [f"busy sessions on average: {sum(self.seen.values()) / self.samples:.1f} ({line})"]


# --- the load ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    retried: int = 0  # pushes sent again after no answer or a 5xx
    no_answer: list[str] = field(default_factory=list)  # requests that got no HTTP answer at all


async def call(
    outcome: Outcome, client: httpx.AsyncClient, endpoint: str, method: str, path: str, **kwargs
) -> httpx.Response | None:
    start = time.perf_counter()
    try:
        response = await client.request(method, path, **kwargs)
    except httpx.HTTPError as error:
        outcome.no_answer.append(f"{endpoint}: {type(error).__name__} after {time.perf_counter() - start:.1f} s")
        outcome.statuses[(endpoint, "failed")] += 1
        return None
    outcome.timings[endpoint].append(time.perf_counter() - start)
    outcome.statuses[(endpoint, response.status_code)] += 1
    if response.status_code >= 400:
        outcome.failures.append(f"{endpoint}: {response.status_code} {response.text[:200]}")
    return response


def ok(answer: httpx.Response | None) -> bool:
    return answer is not None and answer.status_code < 400


async def sign_in(outcome: Outcome, client: httpx.AsyncClient, account: Account, password: str) -> bool:
    body = {"username": account.username, "password": password, "device_id": str(uuid.uuid4())}
    answer = await call(outcome, client, "signin", "POST", "/v1/auth/signin", json=body)
    if not ok(answer):
        return False
    client.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"
    return True


async def pull_all(outcome: Outcome, client: httpx.AsyncClient, endpoint: str, batch: int) -> list[dict] | None:
    """Every record the account may see, page by page with the cursor; None if a page failed."""
    cursor, records = 0, []
    while True:
        answer = await call(outcome, client, endpoint, "GET", "/v1/pull", params={"cursor": cursor, "limit": batch})
        if not ok(answer):
            return None
        page = json.loads(answer.content)
        records += page["records"]
        cursor = page["cursor"]
        if not page["more"]:
            return records


async def laptop_sync(outcome: Outcome, client: httpx.AsyncClient, laptop: Laptop, batch: int) -> None:
    for start in range(0, len(laptop.ops), batch):
        ops = laptop.ops[start : start + batch]
        content = laptop.body if len(ops) == len(laptop.ops) else json.dumps({"ops": ops}).encode()
        headers = {"Content-Type": "application/json"}
        answer = await call(outcome, client, "push", "POST", "/v1/push", content=content, headers=headers)
        attempt = 0
        while (answer is None or answer.status_code >= 500) and attempt < PUSH_ATTEMPTS - 1:
            attempt += 1  # as the laptop's next sync would: the same ops again
            await asyncio.sleep(1.0)
            answer = await call(outcome, client, "push", "POST", "/v1/push", content=content, headers=headers)
        if not ok(answer):
            outcome.failures.append(f"push by {laptop.account.username}: not held after {attempt + 1} attempts")
            return
        outcome.retried += attempt
        results = answer.json()["results"]
        held = ("applied", "duplicate") if attempt else ("applied",)  # a retry may find the first one applied
        wrong = [r for r in results if r["status"] not in held]
        if wrong or len(results) != len(ops):
            outcome.failures.append(f"push by {laptop.account.username}: {wrong[:1] or len(results)}")
    records = await pull_all(outcome, client, "pull (worker)", batch)
    if records is not None and sorted(r["record_id"] for r in records) != sorted(laptop.expected):
        outcome.failures.append(f"{laptop.account.username} pulled {len(records)} records, not its {VISITS + 1}")


async def supervisor_rounds(
    outcome: Outcome, client: httpx.AsyncClient, done: asyncio.Event, batch: int, team: set[str]
) -> None:
    while not done.is_set():
        await pull_all(outcome, client, "pull (supervisor)", batch)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), SUPERVISOR_PAUSE)
    records = await pull_all(outcome, client, "pull (supervisor)", batch)
    if records is not None and {r["record_id"] for r in records} != team:
        outcome.failures.append(f"a supervisor pulled {len(records)} records, not the team's {len(team)}")


@dataclass
class Run:
    label: str
    laptops: int
    signin_wall: float
    sync_wall: float
    outcome: Outcome
    cpu: dict[str, Cpu]
    verified: str
    profile: dict[str, list[str]]
    log_errors: list[str]

    @property
    def requests(self) -> int:
        return sum(self.outcome.statuses.values())

    @property
    def sync_requests(self) -> int:
        return sum(n for (endpoint, _), n in self.outcome.statuses.items() if endpoint != "signin")

    @property
    def errors(self) -> tuple[int, int, int]:
        codes = [(c, n) for (_, c), n in self.outcome.statuses.items()]
        four = sum(n for c, n in codes if isinstance(c, int) and 400 <= c < 500)
        five = sum(n for c, n in codes if isinstance(c, int) and c >= 500)
        return four, five, sum(n for c, n in codes if c == "failed")


async def load(
    url: str, laptops: list[Laptop], supervisors: list[tuple[Account, set[str]]], password: str, batch: int, marks: list
) -> tuple[Outcome, float, float]:
    outcome = Outcome()
    limits = httpx.Limits(max_connections=4, max_keepalive_connections=4)
    clients = [httpx.AsyncClient(base_url=url, timeout=600, limits=limits) for _ in laptops + supervisors]
    people = [laptop.account for laptop in laptops] + [account for account, _ in supervisors]
    try:
        marks[0]()
        start = time.perf_counter()
        signed = await asyncio.gather(*(sign_in(outcome, c, a, password) for c, a in zip(clients, people, strict=True)))
        signin_wall = time.perf_counter() - start
        marks[1]()
        if not all(signed):
            return outcome, signin_wall, 0.0
        done = asyncio.Event()
        start = time.perf_counter()
        watching = [
            asyncio.create_task(supervisor_rounds(outcome, client, done, batch, team))
            for client, (_, team) in zip(clients[len(laptops) :], supervisors, strict=True)
        ]
        await asyncio.gather(
            *(laptop_sync(outcome, c, lap, batch) for c, lap in zip(clients[: len(laptops)], laptops, strict=True))
        )
        sync_wall = time.perf_counter() - start
        done.set()
        await asyncio.gather(*watching)
        marks[2]()
        return outcome, signin_wall, sync_wall
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


def verify(url: str, laptops: list[Laptop]) -> str:
    """'' if the central record holds every pushed record exactly once, at version 1, unchanged; else why not."""
    out = subprocess.run(
        [sys.executable, "-m", "wvisit.central.cli", "records", "--db", url, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    held = json.loads(out.stdout)
    expected = {rid: sha for laptop in laptops for rid, sha in laptop.expected.items()}
    counts = Counter(row["id"] for row in held)
    problems = []
    missing = set(expected) - set(counts)
    duplicated = [rid for rid, n in counts.items() if n > 1]
    extra = set(counts) - set(expected)
    wrong = [r["id"] for r in held if r["id"] in expected and (r["version"] != 1 or r["sha256"] != expected[r["id"]])]
    conflicts = [r["id"] for r in held if r["conflict"]]
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        revisions = dict(
            conn.execute(sa.select(db.revisions.c.record_id, sa.func.count()).group_by(db.revisions.c.record_id)).all()
        )
        ops = conn.execute(sa.select(sa.func.count()).select_from(db.ops)).scalar_one()
    engine.dispose()
    several = [rid for rid, n in revisions.items() if n != 1]
    for name, found in (
        ("lost", missing),
        ("duplicated", duplicated),
        ("not pushed", extra),
        ("changed", wrong),
        ("in conflict", conflicts),
        ("with more than one revision", several),
    ):
        if found:
            problems.append(f"{len(found)} {name}")
    if ops != len(expected):
        problems.append(f"{ops} ops applied for {len(expected)} pushed")
    return "; ".join(problems) or f"all {len(expected):,} records exactly once, version 1, same SHA-256"


def one_run(
    label: str,
    url: str,
    workers: int,
    folder: Path,
    pg: Postgres | None,
    count: int,
    password: str,
    batch: int,
    py_spy: str | None,
) -> Run:
    workers_list, sups = council(count)
    laptops = [laptop_for(account, n) for n, account in enumerate(workers_list)]
    for laptop in laptops:
        laptop.body = json.dumps({"ops": laptop.ops}).encode()
    watching = [
        (sup, {rid for lap in laptops if lap.account.team == sup.team for rid in lap.expected})
        for sup in sups[: max(1, count // LAPTOPS_PER_SUPERVISOR)]
    ]
    service = Service(url, folder, workers)
    shots: list[dict[str, float]] = []
    profile: dict[str, list[str]] = {}
    samplers: list[Sampler] = []

    waits: list[Waits] = []

    def mark(phase: str | None) -> None:
        if samplers:
            samplers[-1].stop()
            profile[samplers[-1].files[0].name.split("-")[0]] = samplers[-1].top()
            samplers.clear()
        if waits:
            profile["PostgreSQL, sync"] = waits.pop().stop()
        shots.append(snapshot(service, pg))
        if py_spy and phase:
            samplers.append(Sampler(py_spy, service.worker_pids() or service.pids(), folder, phase))
        if pg and phase == "sync":
            waits.append(Waits(url))

    try:
        marks = [lambda: mark("signin"), lambda: mark("sync"), lambda: mark(None)]
        outcome, signin_wall, sync_wall = asyncio.run(load(service.url, laptops, watching, password, batch, marks))
    finally:
        for sampler in samplers:
            sampler.stop()
        for waiting in waits:
            waiting.stop()
        service.close()
    cpu = {"signin": spent(shots[0], shots[1])}
    if len(shots) > 2:
        cpu["sync"] = spent(shots[1], shots[2])
    log = service.log.name
    errors = [line for line in Path(log).read_text(errors="replace").splitlines() if "INFO:" not in line]
    return Run(label, count, signin_wall, sync_wall, outcome, cpu, verify(url, laptops), profile, errors)


# --- report ------------------------------------------------------------------------------------

ENDPOINTS = ("signin", "push", "pull (worker)", "pull (supervisor)")


def report(run: Run) -> None:
    four, five, failed = run.errors
    total = run.signin_wall + run.sync_wall
    print(f"\n== {run.label}, {run.laptops} laptops")
    print(
        f"  wall: sign-in {run.signin_wall:.2f} s + sync {run.sync_wall:.2f} s = {total:.2f} s;"
        f" {run.requests} requests, {run.requests / total:.1f}/s overall,"
        f" {run.sync_requests / run.sync_wall if run.sync_wall else 0:.1f}/s in sync"
    )
    for endpoint in ENDPOINTS:
        values = run.outcome.timings.get(endpoint, [])
        if values:
            print(
                f"  {endpoint:18} n={len(values):5}  p50 {percentile(values, 50) * 1000:8.0f} ms"
                f"  p99 {percentile(values, 99) * 1000:8.0f} ms  max {max(values) * 1000:8.0f} ms"
            )
    print(
        f"  4xx {four}, 5xx {five}, no answer {failed}, pushes sent again {run.outcome.retried};"
        f" {len(run.outcome.failures)} problems"
    )
    for failure in run.outcome.failures[:5] + run.outcome.no_answer[:5]:
        print(f"    {failure}")
    for line in run.log_errors[:8]:
        print(f"    service log: {line}")
    print(f"  central record: {run.verified}")
    for phase, cpu in run.cpu.items():
        print(f"  {phase}: {cpu.line()}")
    for phase, lines in run.profile.items():
        print(
            f"  {phase}:" if phase.startswith("PostgreSQL") else f"  py-spy, {phase} (share of the workers' samples):"
        )
        for line in lines:
            print(f"    {line}")


def compare(pg: Run, base: Run) -> None:
    def ratio(a: float, b: float) -> str:
        return f"x{a / b:.2f}" if b else "-"

    print(
        f"  vs {base.label}: sign-in wall {ratio(pg.signin_wall, base.signin_wall)},"
        f" sync wall {ratio(pg.sync_wall, base.sync_wall)}",
        end="",
    )
    for endpoint in ("push", "pull (worker)"):
        a, b = pg.outcome.timings.get(endpoint), base.outcome.timings.get(endpoint)
        if a and b:
            print(
                f", {endpoint} p50 {ratio(percentile(a, 50), percentile(b, 50))}"
                f" p99 {ratio(percentile(a, 99), percentile(b, 99))}",
                end="",
            )
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--laptops", default="50,100,200", help="comma-separated council sizes")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="service workers on PostgreSQL")
    parser.add_argument("--runs", type=int, default=1, help="repeat the whole set")
    parser.add_argument("--batch", type=int, default=500, help="ops per push and records per pull page (as the laptop)")
    parser.add_argument("--pg-url", default=os.environ.get("WVISIT_LOAD_PG"), help="a PostgreSQL cluster to use")
    parser.add_argument("--no-baseline", action="store_true", help="skip SQLite with one worker")
    parser.add_argument("--py-spy", help="py-spy to sample the workers with during the largest PostgreSQL run")
    args = parser.parse_args()
    sizes = [int(n) for n in args.laptops.split(",")]
    password = secrets.token_urlsafe(16)
    people = [a for group in council(max(sizes)) for a in group]
    print(
        f"Council of up to {max(sizes)} laptops: {math.ceil(max(sizes) / TEAM_SIZE)} teams of {TEAM_SIZE} workers"
        f" and a supervisor; {VISITS} visits of ~4 KB and a new child per laptop; a supervisor pulling per"
        f" {LAPTOPS_PER_SUPERVISOR} laptops. Machine: {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}."
    )
    with tempfile.TemporaryDirectory(prefix="wvisit-load-") as tmp:
        folder = Path(tmp)
        folder.chmod(0o755)  # the cluster's folder inside it belongs to the 'postgres' user
        pg = Postgres(args.pg_url, folder)
        try:
            seconds = add_accounts(pg.database("wvisit_load_template"), people, password)
            print(f"{len(people)} accounts added through accounts.add_user in {seconds:.1f} s (Argon2 each)")
            template = folder / "template.db"
            if not args.no_baseline:
                copy_accounts(pg.url.rsplit("/", 1)[0] + "/wvisit_load_template", f"sqlite:///{template}")
            for repeat in range(args.runs):
                for count in sizes:
                    name = f"wvisit_load_{repeat}_{count}"
                    url = pg.database(name, template="wvisit_load_template")
                    spy = args.py_spy if repeat == 0 and count == max(sizes) else None
                    label = f"PostgreSQL, {args.workers} workers"
                    run = one_run(label, url, args.workers, folder, pg, count, password, args.batch, spy)
                    report(run)
                    if args.no_baseline:
                        continue
                    copy = folder / f"{name}.db"
                    for suffix in ("", "-wal"):
                        if Path(f"{template}{suffix}").exists():
                            shutil.copy(f"{template}{suffix}", f"{copy}{suffix}")
                    base = one_run(
                        "SQLite, 1 worker", f"sqlite:///{copy}", 1, folder, None, count, password, args.batch, None
                    )
                    report(base)
                    compare(run, base)
                    print(f"  machine load now {os.getloadavg()[0]:.2f}")
        finally:
            pg.close()


if __name__ == "__main__":
    main()
