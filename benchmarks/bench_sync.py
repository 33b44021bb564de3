"""Sync speed: push 10,000 visits of ~4 KB over loopback and pull them to a fresh laptop, side by side
with PouchDB replicating the same documents to an express-pouchdb server on this machine.

    scripts/bench      (installs pouchdb, express@4 and express-pouchdb from npm into benchmarks/.npm)
    .venv/bin/python benchmarks/bench_sync.py --runs 5     (five pairs, then the median ratio and range)

wvisit: the real central service (uvicorn, SQLite with synchronous=FULL) in its own process,
the real sync engine with encryption on at both ends of the laptop (every record is opened
to push and sealed when pulled), batches of 500. Besides the wall times, the CPU seconds the laptop
(this process) and the central service spent in each phase: on a shared machine they move far less.
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import keyring  # noqa: E402
from benchmarks_data import fill_store  # noqa: E402

from tests.conftest import MemoryKeyring  # noqa: E402
from tests.sync.central_server import DEMO_PASSWORD, CentralServer  # noqa: E402
from wvisit.store import Store  # noqa: E402
from wvisit.sync.client import CentralClient  # noqa: E402
from wvisit.sync.engine import SyncEngine  # noqa: E402
from wvisit.vault import Keys  # noqa: E402

COUNT = int(os.environ.get("BENCH_SYNC_COUNT", "10000"))


def cpu_seconds(pid: int) -> float:
    """A process's CPU time so far (user and system, all its threads), from /proc; 0 where there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Phase:
    """Wall time of a phase, and the CPU seconds the laptop (this process) and the central service spent
    in it: on a shared machine the CPU seconds move far less than the wall time."""

    def __init__(self, central_pid: int):
        self.central_pid = central_pid

    def __enter__(self) -> Phase:
        self.wall, self.cpu, self.central = time.perf_counter(), time.process_time(), cpu_seconds(self.central_pid)
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.central = cpu_seconds(self.central_pid) - self.central


def wvisit_figures(folder: Path) -> tuple[Phase, Phase, int]:
    keyring.set_keyring(MemoryKeyring())
    central = CentralServer(folder)
    central.start()
    assert central.process is not None
    try:
        laptop = Store.open(folder / "laptop", Keys(os.urandom(32)), "sw.demo")
        fill_store(laptop, children=60, visits=COUNT, author="sw.demo")
        engine = SyncEngine(laptop, CentralClient(central.url, timeout=120), batch=500)
        engine.sign_in("sw.demo", DEMO_PASSWORD)
        with Phase(central.process.pid) as push:
            pushed, _ = engine.push_all()

        fresh = Store.open(folder / "fresh", Keys(os.urandom(32)), "sw.demo")
        engine = SyncEngine(fresh, CentralClient(central.url, timeout=120), batch=500)
        engine.sign_in("sw.demo", DEMO_PASSWORD)
        with Phase(central.process.pid) as pull:
            pulled = engine.pull_all()
        assert pushed >= COUNT and pulled >= COUNT, (pushed, pulled)
        return push, pull, pulled
    finally:
        central.close()


def pouchdb_figures(folder: Path) -> dict:
    npm = HERE / ".npm"
    if not (npm / "node_modules" / "express-pouchdb").exists():
        subprocess.run(
            [
                "npm",
                "install",
                "--prefix",
                str(npm),
                "--no-audit",
                "--no-fund",
                "--silent",
                "pouchdb",
                "express@4",
                "express-pouchdb",
            ],
            check=True,
        )
    env = {**os.environ, "NODE_PATH": str(npm / "node_modules")}
    out = subprocess.run(
        ["node", str(HERE / "pouchdb_peer.js"), str(COUNT), str(folder)],
        cwd=folder,  # express-pouchdb writes its config.json into the working folder
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def one_pair() -> tuple[dict, Phase, Phase]:
    """PouchDB's figures and wvisit's push and pull, one straight after the other."""
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "pouch").mkdir()
        peer = pouchdb_figures(Path(tmp) / "pouch")
        push, pull, _pulled = wvisit_figures(Path(tmp))
    return peer, push, pull


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="pairs of runs (PouchDB, then wvisit), each pair's ratios printed, then their median and range: "
        "on a shared machine one pair can land on a busy moment for one contender and not the other",
    )
    runs = parser.parse_args().runs
    pairs = []
    for run in range(1, runs + 1):
        peer, push, pull = one_pair()
        pairs.append((peer["push"] / push.wall, peer["pull"] / pull.wall))
        print_pair(run, peer, push, pull)
    if runs > 1:
        for name, ratios in zip(("push", "pull"), zip(*pairs, strict=True), strict=True):
            spread = f"x{min(ratios):.2f}-{max(ratios):.2f}, {runs} pairs"
            print(f"wvisit vs PouchDB, {name}: median x{statistics.median(ratios):.2f} ({spread})")


def print_pair(run: int, peer: dict, push: Phase, pull: Phase) -> None:
    load = os.getloadavg()[0]
    print(f"Run {run}: sync of {COUNT:,} visits of ~4 KB over loopback, batches of 500 (load {load:.1f})")
    for name, (p, q) in {
        "wvisit": (push.wall, pull.wall),
        "PouchDB/express-pouchdb": (peer["push"], peer["pull"]),
    }.items():
        print(f"  {name:24} push {p:6.2f} s ({COUNT / p:8,.0f} rec/s)   pull {q:6.2f} s ({COUNT / q:8,.0f} rec/s)")
    ratios = f"push x{peer['push'] / push.wall:.2f} the rate, pull x{peer['pull'] / pull.wall:.2f} the rate"
    print(f"  wvisit vs PouchDB: {ratios}")
    for name, phase in (("push", push), ("pull", pull)):
        print(
            f"  wvisit {name} CPU: laptop {phase.cpu:5.2f} s ({phase.cpu / COUNT * 1e6:4.0f} us a record), "
            f"central service {phase.central:5.2f} s"
        )


if __name__ == "__main__":
    main()
