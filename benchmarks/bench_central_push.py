"""The central record's own cost of a sync: the service's CPU seconds for a push of 10,000 visits of
~4 KB in requests of 500, and for pulling them back in pages of 500.

    .venv/bin/python benchmarks/bench_central_push.py [--runs 3] [--count 10000] [--tree DIR ...]

The end-to-end benchmark (bench_sync.py) times the laptop and the service together, and on a shared
machine its wall time moves with everyone else's work. Here the requests are made once, before the
clock starts (the very bytes a laptop's client sends), so what is measured is the service: its
process's CPU time (user + system, all its threads, from /proc) for each phase, which other work on
the machine moves far less than the wall time. Each run starts a fresh service (uvicorn, SQLite with
synchronous=FULL, as `wvisit-central serve` runs it) on a fresh copy of the demo team's database.

`--tree DIR` runs the service from another checkout of the project (say, the commit before a change):
given twice or more, the trees take turns, run after run, so a change is measured against what came
before it under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from tests.sync.central_server import DEMO_PASSWORD, demo_team, free_port  # noqa: E402
from wvisit.domain import Child, LegalStatus, Visit, VisitStatus, to_record  # noqa: E402
from wvisit.domain.kinds import SCHEMA_VERSIONS  # noqa: E402

NOTE = ("Ada showed me her room and talked about school. " * 90)[:4096]
BATCH = 500
TICKS = os.sysconf("SC_CLK_TCK")


def requests(count: int, children: int = 60, author: str = "sw.demo") -> list[bytes]:
    """The push requests' bodies: the children first, then `count` finalised visits spread over them,
    as the laptop's client encodes them (ASCII-only JSON), BATCH ops a request."""
    statuses = list(LegalStatus)
    made = [Child(f"Child {n} Example", date(2012, 1, 1), statuses[n % len(statuses)]) for n in range(children)]
    ops = [_op("child", c.id, c.id, to_record(c)) for c in made]
    start = datetime(2021, 1, 1, 10, tzinfo=UTC)
    for n in range(count):
        visited = start + timedelta(hours=3 * n)
        visit = Visit(
            child_id=made[n % children].id,
            author=author,
            started_at=visited,
            what_i_saw=f"{NOTE} visit{n}",
            status=VisitStatus.FINAL,
            finalised_at=visited + timedelta(hours=1),
        )
        ops.append(_op("visit", visit.id, visit.child_id, to_record(visit)))
    return [json.dumps({"ops": ops[i : i + BATCH]}, ensure_ascii=True).encode() for i in range(0, len(ops), BATCH)]


def _op(kind: str, record_id: str, child_id: str, body: dict) -> dict:
    return {
        "op_id": os.urandom(16).hex(),
        "kind": kind,
        "record_id": record_id,
        "version": 1,
        "child_id": child_id,
        "body": body,
        "attachments": [],
        "schema_version": SCHEMA_VERSIONS[kind],
    }


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User and system CPU seconds of a process, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) / TICKS, int(fields[12]) / TICKS


def cpu_since(pid: int, start: tuple[float, float]) -> tuple[float, float]:
    """User + system CPU seconds since `start`, and the system part of them."""
    user, system = cpu_seconds(pid)
    return user - start[0] + system - start[1], system - start[1]


class Service:
    """`wvisit-central serve` from `tree`, on SQLite in `folder`, as its own process."""

    def __init__(self, tree: Path, folder: Path):
        database = folder / "central.db"
        demo_team(f"sqlite:///{database}")
        port = free_port()
        self.url = f"http://127.0.0.1:{port}"
        command = [sys.executable, "-m", "wvisit.central.cli", "serve", "--db", f"sqlite:///{database}"]
        command += ["--blobs", str(folder / "blobs"), "--port", str(port)]
        env = {**os.environ, "PYTHONPATH": str(tree)}
        self.log = open(folder / "central.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(command, cwd=tree, env=env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 90
        while True:
            try:
                httpx.get(f"{self.url}/v1/audit-head", timeout=0.5)
                return
            except httpx.HTTPError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("the central service did not start") from None
                time.sleep(0.05)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.log.close()


def run_once(tree: Path, bodies: list[bytes], count: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        service = Service(tree, Path(tmp))
        try:
            with httpx.Client(base_url=service.url, timeout=300) as client:
                signin = {"username": "sw.demo", "password": DEMO_PASSWORD, "device_id": "bench-laptop"}
                token = client.post("/v1/auth/signin", json=signin).raise_for_status().json()["access_token"]
                headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
                client.get("/v1/audit-head", headers=headers)  # a first request: connection and code warm

                cpu, wall = cpu_seconds(service.process.pid), time.perf_counter()
                for body in bodies:
                    results = client.post("/v1/push", content=body, headers=headers).raise_for_status().json()
                    refused = [r for r in results["results"] if r["status"] != "applied"]
                    assert not refused, refused[:3]
                (push_cpu, push_system), push_wall = cpu_since(service.process.pid, cpu), time.perf_counter() - wall

                cpu, wall, cursor, pulled = cpu_seconds(service.process.pid), time.perf_counter(), 0, 0
                while True:
                    page = client.get("/v1/pull", params={"cursor": cursor, "limit": BATCH}, headers=headers)
                    page = page.raise_for_status().json()
                    pulled += len(page["records"])
                    cursor = page["cursor"]
                    if not page["more"]:
                        break
                (pull_cpu, pull_system), pull_wall = cpu_since(service.process.pid, cpu), time.perf_counter() - wall
                assert pulled >= count, pulled
        finally:
            service.stop()
    load = os.getloadavg()[0]
    return {
        "push_cpu": push_cpu,
        "push_system": push_system,
        "push_wall": push_wall,
        "pull_cpu": pull_cpu,
        "pull_system": pull_system,
        "pull_wall": pull_wall,
        "load": load,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--tree", type=Path, action="append", help="a checkout to serve from (default: this one)")
    args = parser.parse_args()
    trees = [t.resolve() for t in args.tree or [ROOT]]
    bodies = requests(args.count)
    figures: dict[Path, list[dict[str, float]]] = {tree: [] for tree in trees}
    for run in range(args.runs):
        for tree in trees:
            f = run_once(tree, bodies, args.count)
            figures[tree].append(f)
            print(
                f"run {run + 1} {tree.name}: push CPU {f['push_cpu']:.2f} s (system {f['push_system']:.2f} s, "
                f"wall {f['push_wall']:.2f} s), pull CPU {f['pull_cpu']:.2f} s (system {f['pull_system']:.2f} s, "
                f"wall {f['pull_wall']:.2f} s), load {f['load']:.1f}",
                flush=True,
            )
    print(f"The service's CPU for {args.count:,} visits of ~4 KB, requests and pages of {BATCH} (median, range):")
    for tree, runs in figures.items():
        line = []
        for phase in ("push", "pull"):
            cpu = [r[f"{phase}_cpu"] for r in runs]
            median = statistics.median(cpu)
            spread = f"{min(cpu):.2f}-{max(cpu):.2f}"
            line.append(f"{phase} {median:.2f} s ({spread}; {median / args.count * 1e6:.0f} us a record)")
        print(f"  {tree.name}: " + ", ".join(line))


if __name__ == "__main__":
    main()
