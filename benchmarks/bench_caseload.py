"""A team manager's laptop: today's 10,000 visits beside ten times the caseload, screen by screen.

    .venv/bin/python benchmarks/bench_caseload.py [--sizes 10000,30000]

Each size is built in a fresh process from the synthetic generator's children and stories
(wvisit/domain/synthetic.py): 10 workers, 100 visits a child, each visit with the child's
words and a direct-work sitting, stored as a supervisor's laptop holds a pulled team. Then the
store is opened again, as an unlock does, and each screen's read model is timed as the app
runs it (median of 3; wall and CPU time, CPU being steadier on a shared machine): the
caseload, the review queue, the busiest child's page, the first search after unlock, the tasks;
then a team manager's own: their tasks, their caseload (each child's worker named), the team
page and the busiest child's case supervision; and the process's peak memory. The ratio to the
smallest size says how each grows: 3.0 at three times the data is linear.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

VISITS_PER_CHILD = 100
WORKERS = 10


def build(folder: Path, visits: int, keys) -> str:
    """The team's caseload in one transaction of real sealed writes; returns the busiest child's id."""
    from wvisit.domain import LegalStatus, synthetic, to_record
    from wvisit.store import Store
    from wvisit.store.kinds import plain_columns

    today = date.today()
    statuses = list(LegalStatus)
    children = visits // VISITS_PER_CHILD
    rows = [
        (f"Child{n} Example", date(2008 + n % 14, 1 + n % 12, 1 + n % 28), statuses[n % len(statuses)], n % 40, "")
        for n in range(children)
    ]
    store = Store.open(folder, keys, "sm.bench")
    tables = store.tables
    busiest = ""
    with store.transaction():
        for n, made in enumerate(synthetic.caseload(today, "sw.bench", rows)):
            author = f"sw.worker{n % WORKERS}"
            tables["children"].write(made.child.id, to_record(made.child), {}, "pulled", queue=False, version=1)
            for k in range(VISITS_PER_CHILD + (7 if n == 0 else 0)):  # the first child is the busiest
                template = made.visits[k % len(made.visits)]
                when = datetime.combine(today - timedelta(days=7 * k + n % 7), datetime.min.time()).astimezone()
                visit = replace(template.visit, id=_new_id(), author=author, started_at=when, finalised_at=when)
                write = [("visits", "visit", to_record(visit))]
                write += [
                    ("voice_entries", "voice", to_record(replace(v, id=_new_id(), visit_id=visit.id)))
                    for v in template.voice
                ]
                write += [
                    ("tool_sessions", "tool", to_record(replace(s, id=_new_id(), visit_id=visit.id)))
                    for s in template.sittings
                ]
                for table, kind, record in write:
                    tables[table].write(
                        record["id"], record, plain_columns(kind, record), "pulled", queue=False, version=1
                    )
            busiest = busiest or made.child.id
    store.close()
    return busiest


def _new_id() -> str:
    import uuid

    return str(uuid.uuid4())


def measure(visits: int) -> dict[str, float]:
    from wvisit import resources
    from wvisit.app.queries.caseload import caseload
    from wvisit.app.queries.child import chronology, load_child
    from wvisit.app.queries.review import review_queue
    from wvisit.app.queries.supervision import load_supervision
    from wvisit.app.queries.tasks import tasks
    from wvisit.app.queries.team import team_picture
    from wvisit.domain.policy import Policy
    from wvisit.store import Store
    from wvisit.vault import Keys

    keys = Keys(os.urandom(32))
    policy = Policy.from_data(resources.load_json("visit_frequency.json"), resources.load_json("bank_holidays.json"))
    today = date.today()
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        busiest = build(folder, visits, keys)
        built = time.perf_counter() - start
        store = Store.open(folder, keys, "sm.bench", create=False)
        store.search.warm()  # the sealed index is built once on a laptop; every later unlock opens it
        start = time.perf_counter()
        store.visit_facts.warm()  # likewise the review queue's sealed visit facts
        facts_built = time.perf_counter() - start
        store.close()
        figures: dict[str, list[float]] = {}

        def timed(name: str, action) -> None:
            start, cpu = time.perf_counter(), time.process_time()
            action()
            figures.setdefault(name, []).append(time.perf_counter() - start)
            figures.setdefault(f"{name}, CPU", []).append(time.process_time() - cpu)

        for _ in range(3):
            opened: list[Store] = []
            timed(
                "unlock: open the store", lambda o=opened: o.append(Store.open(folder, keys, "sm.bench", create=False))
            )
            store = opened[0]
            timed("first search after unlock", lambda s=store: s.search.search("room"))
            timed("caseload", lambda s=store: caseload(s, policy, today))
            timed("review queue", lambda s=store: review_queue(s, policy, today))
            timed("busiest child's page", lambda s=store: chronology(load_child(s, busiest, policy, today)))
            timed("tasks", lambda s=store: tasks(s, policy, today))
            with _as_supervisor(store):  # a team manager's own screens
                timed("tasks, a supervisor's", lambda s=store: tasks(s, policy, today))
                timed("caseload, a supervisor's", lambda s=store: caseload(s, policy, today))
                timed("team page", lambda s=store: team_picture(s, policy, today))
                timed("case supervision, busiest child", lambda s=store: load_supervision(s, busiest))
            store.close()
        size = sum(path.stat().st_size for path in folder.iterdir())
    result = {name: statistics.median(values) for name, values in figures.items()}
    result["peak memory (MB)"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["file (MB)"] = size / 1e6
    result["build (s)"] = built
    result["visit facts build, once (s)"] = facts_built
    return result


@contextmanager
def _as_supervisor(store) -> Iterator[None]:
    """The laptop's account a supervisor's: their caseload names each child's worker, their tasks
    list the team's visits waiting for oversight (every one, here)."""
    with store.transaction():
        store.sync_state.set("role", "supervisor")
    try:
        yield
    finally:
        with store.transaction():
            store.sync_state.set("role", None)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,30000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # run in a fresh process per size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    sizes = [int(size) for size in args.sizes.split(",")]
    results = {}
    for size in sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True)
        results[size] = json.loads(out.stdout.strip().splitlines()[-1])
    base = sizes[0]
    print(f"{'':34}" + "".join(f"{size:>14,}" for size in sizes) + f"   growth x{sizes[-1] / base:.0f} data")
    for name in results[base]:
        values = [results[size][name] for size in sizes]
        shown = [f"{v * 1000:11.1f} ms" if name[-1] != ")" else f"{v:14.1f}" for v in values]
        print(f"{name:34}" + "".join(shown) + f"   x{values[-1] / values[0]:.2f}")


if __name__ == "__main__":
    main()
