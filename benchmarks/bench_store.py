"""Save, unlock and search, side by side with plain SQLite and SQLCipher, in one process.

    scripts/bench            (installs the bench extra, then runs this)
    .venv/bin/python benchmarks/bench_store.py [save] [unlock] [search]
    .venv/bin/python benchmarks/bench_store.py count     (instructions a save, under valgrind)

Save: one durable save of a ~4 KB draft. wvisit's save seals the note and writes three
rows in one transaction (the visit, its outbox entry, its audit link); the baselines
write the same 4 KB once, durably (WAL, synchronous=FULL), in plain SQLite and in
SQLCipher 4 with its default settings; beside them, wvisit's own statements with every value
made beforehand (`statements_saver`), which parts what the rows cost from what the Python around
them costs. They take turns, save by save, so each meets the same load on a shared disk.
BENCH_SAVES=10000 gives a steadier p99 than the default 2,000 (where 20 saves decide it).
Unlock: the real key derivation at the shipped cost
(scrypt n=2^17). Search: 10,000 visits of ~4 KB, the first search after unlock (one decrypt
of the sealed index) and the next one, against plain SQLite's LIKE over the same notes in
the clear; with the repeated note and with notes of a varied vocabulary.

Count: the instructions of a save, which the load on a shared machine does not move, counted by
`valgrind --tool=callgrind` over COUNTED saves after as many again (wvisit's and plain SQLite's, each in
one measured call). The store is opened without a key file, so no save writes the credential store's
checkpoint (a timed write that lands in one run and not another), and the cycle collector is off while
counting (a collection did likewise). Only this process's own instructions: the kernel's share of a
commit is not in them.
"""

from __future__ import annotations

import gc
import operator
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["WVISIT_ALLOW_PLAINTEXT_KEYRING"] = "1"  # a throwaway file keyring, for measuring only

import keyring
from benchmarks_data import fill_store, varied_notes
from common import ms, summary, timings
from keyrings.alt.file import PlaintextKeyring

from wvisit.domain import Child, LegalStatus
from wvisit.store import Store
from wvisit.vault import KdfParams, Keys, Vault

RUNS = int(os.environ.get("BENCH_SAVES", "2000"))  # more gives a steadier p99 (20 saves decide it at 2,000)
COUNTED = 400  # saves counted, after as many again
NOTE = ("Ada showed me her room and talked about school. " * 90)[:4096]


def plain_saver(folder: Path, connect) -> Callable[[int], None]:
    conn = connect(folder / "baseline.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE visits (id TEXT PRIMARY KEY, version INT, body BLOB)")
    body = NOTE.encode()

    def save(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO visits VALUES (?, ?, ?)", (f"v{i % 50}", i, body))
        conn.execute("COMMIT")

    return save


def statements_saver(folder: Path) -> Callable[[int], None]:
    """wvisit's save with none of its Python work: the six statements a save runs (BEGIN, PRAGMA
    data_version, the visit's UPDATE, the outbox upsert, the audit link's INSERT, COMMIT), on the same
    tables and indexes, in plain SQLite, with every value made before the clock starts (a blob the size
    of a sealed 4 KB visit, the link's hashes). The floor a save written in Python on sqlite3 could reach
    while it writes what wvisit writes: what separates it from plain SQLite is the rows, not the code."""
    conn = sqlite3.connect(folder / "statements.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.executescript(";\n".join(wvisit_tables(folder / "schema", ("visits", "outbox", "audit"))))
    ids = [str(uuid.uuid4()) for _ in range(50)]
    sealed = os.urandom(4739)  # as long as wvisit's sealed visit of NOTE (its other fields, the seal's nonce, tag)
    at = "2026-01-01T10:00:00.000000+00:00"
    conn.executemany(
        "INSERT INTO visits (id, version, created_at, updated_at, sealed, child_id, status) "
        "VALUES (?, 0, ?, ?, ?, 'child', 'draft')",
        [(i, at, at, sealed) for i in ids],
    )
    update = "UPDATE visits SET version = ?, updated_at = ?, sealed = ? WHERE id = ?"
    queue = (
        "INSERT INTO outbox (op_id, kind, record_id, record_version, queued_at, attempts, held) "
        "VALUES (?, 'visit', ?, ?, ?, 0, 0) ON CONFLICT(record_id) DO UPDATE SET op_id = excluded.op_id, "
        "record_version = excluded.record_version, queued_at = excluded.queued_at, attempts = 0, "
        "last_error = NULL, held = 0"
    )
    link = (
        "INSERT INTO audit (seq, at, actor, action, kind, record_id, record_version, prev, hash) "
        "VALUES (?, ?, 'sw.bench', 'changed', 'visit', ?, ?, ?, ?)"
    )
    op_ids = [str(uuid.uuid4()) for _ in range(RUNS)]
    prev, hashed = os.urandom(32), os.urandom(32)

    def save(i: int) -> None:
        record, version = ids[i % 50], i + 1
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("PRAGMA data_version").fetchone()
        conn.execute(update, (version, at, sealed, record))
        conn.execute(queue, (op_ids[i], record, version, at))
        conn.execute(link, (i + 1, at, record, version, prev, hashed))
        conn.execute("COMMIT")

    return save


def wvisit_tables(folder: Path, tables: tuple[str, ...]) -> list[str]:
    """The CREATE statements of these tables and their indexes, as a new wvisit store has them."""
    store = Store.open(folder, Keys(os.urandom(32)), "sw.bench")
    marks = ", ".join("?" for _ in tables)
    found = store.conn.execute(
        f"SELECT sql FROM sqlite_master WHERE type IN ('table', 'index') AND tbl_name IN ({marks}) AND sql IS NOT NULL",
        tables,
    )
    statements = [sql for (sql,) in found]
    store.close()
    return statements


def sqlcipher_connect(path: Path):
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA key = 'x''" + os.urandom(32).hex() + "'''")
    return conn


def wvisit_saver(folder: Path) -> tuple[Callable[[int], None], Store]:
    """As the app saves: with a key file, so each commit also checkpoints the audit head in the
    credential store (a file keyring here; the OS store on a laptop)."""
    keyring.set_keyring(PlaintextKeyring())
    _, keys = Vault.create(folder, "correct-horse-battery", "sw.bench", kdf=KdfParams(n=2**10))
    store = Store.open(folder, keys, "sw.bench")
    child = store.children.add(Child("Bench Example", date(2015, 1, 1), LegalStatus.CIN))
    visits = [store.visits.new_draft(child.id) for _ in range(50)]

    def save(i: int) -> None:
        visit = visits[i % 50]
        visit.what_i_saw = NOTE
        store.visits.save_draft(visit)

    return save, store


def counted(folder: Path) -> None:
    """Inside callgrind (see `count`): COUNTED saves of wvisit, then of plain SQLite, each in one call
    that callgrind counts (operator.call), after COUNTED saves of each unmeasured."""
    store = Store.open(folder / "wvisit", Keys(os.urandom(32)), "sw.bench")
    child = store.children.add(Child("Bench Example", date(2015, 1, 1), LegalStatus.CIN))
    visits = [store.visits.new_draft(child.id) for _ in range(50)]

    def ours(i: int) -> None:
        visit = visits[i % 50]
        visit.what_i_saw = NOTE[:-8] + f"{i:08d}"  # a new note each save, of the same length
        store.visits.save_draft(visit)

    plain = plain_saver(folder, lambda p: sqlite3.connect(p, isolation_level=None))
    for save in (ours, plain):
        each(save, range(COUNTED))
        gc.collect()
        gc.disable()
        operator.call(each, save, range(COUNTED, 2 * COUNTED))
        gc.enable()
    store.close()


def each(save: Callable[[int], None], numbers: range) -> None:
    for i in numbers:
        save(i)


def count() -> None:
    """Run `counted` under callgrind, counting only inside operator.call (each measured call: a dump)."""
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as folder:
        out = Path(folder) / "cg.out"
        (Path(folder) / "wvisit").mkdir()
        command = [
            "valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=_operator_call",
            "--dump-after=_operator_call", f"--callgrind-out-file={out}",
            sys.executable, __file__, "counted", folder,
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        dumps = sorted(Path(folder).glob("cg.out.*"), key=lambda p: int(p.suffix[1:]))
        ours, plain = (instructions(dump) for dump in dumps[:2])
    print(
        f"Instructions a durable save of a 4 KB draft (callgrind, {COUNTED} saves after {COUNTED}; no kernel work): "
        f"wvisit {ours / COUNTED / 1e3:.0f} k, plain SQLite {plain / COUNTED / 1e3:.0f} k (x{ours / plain:.1f})"
    )


def instructions(dump: Path) -> int:
    found = re.search(r"^(?:totals|summary): (\d+)", dump.read_text(), re.M)
    return int(found.group(1)) if found else 0


def bench_saves(savers: dict[str, Callable[[int], None]]) -> dict[str, dict[str, float]]:
    """RUNS saves each, taken in turn (one of each, then the next of each), so all three meet the same
    load on a shared disk; wall time per save, and the process's CPU time (the kernel's share of a
    commit included), which moves less with others' work than the fsync does."""
    wall: dict[str, list[float]] = {name: [] for name in savers}
    cpu: dict[str, list[float]] = {name: [] for name in savers}
    for i in range(RUNS):
        for name, save in savers.items():
            started, used = time.perf_counter(), time.process_time()
            save(i)
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - used)
    return {name: {**summary(wall[name]), "cpu": statistics.fmean(cpu[name])} for name in savers}


def bench_unlock(folder: Path) -> float:
    keyring.set_keyring(PlaintextKeyring())
    Vault.create(folder, "correct-horse-battery", "sw.bench", kdf=KdfParams())
    vault = Vault.load(folder)
    return min(timings(lambda _: vault.unlock("correct-horse-battery"), 3))


def bench_search(folder: Path, note: Callable[[int], str], count: int = 10_000) -> dict[str, float]:
    """The sealed index built once (the first search ever on this laptop), then, after closing and
    opening the store again as an unlock does, the first search (one decrypt of the index) and the
    next. Baseline, same run: plain SQLite scanning the same notes in the clear with LIKE."""
    keys = Keys(os.urandom(32))
    store = Store.open(folder, keys, "sw.bench")
    fill_store(store, children=60, visits=count, note=note)
    build = timings(lambda _: store.search.search("visit9999"), 1)[0]
    size = store.conn.execute("SELECT sum(length(sealed)) FROM user_meta WHERE key = 'search_index'").fetchone()[0]
    notes = [(visit.id, visit.what_i_saw) for visit in store.visits.all()]
    listing = timings(lambda _: store.visits.all(), 1)[0]
    store.close()
    firsts, nexts = [], []
    for _ in range(5):
        store = Store.open(folder, keys, "sw.bench", create=False)
        firsts.append(timings(lambda _, s=store: s.search.search("visit9999"), 1)[0])
        nexts.append(min(timings(lambda _, s=store: s.search.search("visit9999 school"), 3)))
        store.close()
    plain = sqlite3.connect(folder / "plain.db")
    plain.execute("CREATE TABLE visits (id TEXT PRIMARY KEY, note TEXT)")
    plain.executemany("INSERT INTO visits VALUES (?, ?)", notes)
    plain.commit()
    like = "SELECT id FROM visits WHERE note LIKE ? AND note LIKE ?"
    baseline = statistics.median(timings(lambda _: plain.execute(like, ("%visit9999%", "%school%")).fetchall(), 5))
    plain.close()
    return {
        "build": build,
        "first": statistics.median(firsts),
        "next": statistics.median(nexts),
        "listing": listing,
        "plain": baseline,
        "size": size or 0,
    }


def main(parts: list[str]) -> None:
    """`parts`: any of save, unlock, search (all when none is named), or count alone."""
    if parts[:1] == ["counted"]:  # inside callgrind, for `count`
        counted(Path(parts[1]))
        return
    if parts == ["count"]:
        count()
        return
    parts = parts or ["save", "unlock", "search"]
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        root = Path(tmp)
        if "save" in parts:
            report_save(root)
        if "unlock" in parts:
            start = time.perf_counter()
            (root / "unlock").mkdir()
            unlock = bench_unlock(root / "unlock")
            print(
                f"Unlock (scrypt n=2^17, r=8, p=1 + HKDF + unwrap): {unlock:.3f} s "
                f"(measured in {time.perf_counter() - start:.1f} s)"
            )
        if "search" in parts:
            for name, note in (("the repeated note", lambda n: NOTE), ("varied notes", varied_notes())):
                folder = root / f"search-{name.split()[-1]}"
                folder.mkdir()
                r = bench_search(folder, note)
                print(
                    f"Search over 10,000 visits ({name}): first after unlock {ms(r['first'])} (median of 5 "
                    f"unlocks; x{r['first'] / r['plain']:.2f} of plain SQLite LIKE over the notes in the clear, "
                    f"{ms(r['plain'])}), next {ms(r['next'])}; building the index {ms(r['build'])} "
                    f"(sealed: {r['size'] / 1e6:.1f} MB); open all 10,000 visits {ms(r['listing'])}"
                )


def report_save(root: Path) -> None:
    for name in ("plain", "cipher", "statements", "wvisit"):
        (root / name).mkdir()
    ours, store = wvisit_saver(root / "wvisit")
    savers = {
        "plain SQLite": plain_saver(root / "plain", lambda p: sqlite3.connect(p, isolation_level=None)),
        "SQLCipher": plain_saver(root / "cipher", sqlcipher_connect),
        "wvisit's SQL": statements_saver(root / "statements"),
        "wvisit": ours,
    }
    results = bench_saves(savers)
    store.close()
    print(f"Durable save of a 4 KB draft, {RUNS} saves each, taken in turn")
    base = results["plain SQLite"]
    for name, r in results.items():
        print(
            f"  {name:13} p50 {ms(r['p50'])}  p99 {ms(r['p99'])}  CPU mean {ms(r['cpu'])}  "
            f"(p50 x{r['p50'] / base['p50']:.2f}, p99 x{r['p99'] / base['p99']:.2f} of plain SQLite)"
        )
    cipher = results["SQLCipher"]
    print(
        f"  wvisit / SQLCipher: p50 x{results['wvisit']['p50'] / cipher['p50']:.2f}, "
        f"p99 x{results['wvisit']['p99'] / cipher['p99']:.2f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
