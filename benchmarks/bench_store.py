"""Save, unlock and search, side by side with plain SQLite and SQLCipher, in one process.

    scripts/bench            (installs the bench extra, then runs this)

Save: one durable save of a ~4 KB draft. wvisit's save seals the note and writes three
rows in one transaction (the visit, its outbox entry, its audit link); the baselines
write the same 4 KB once, durably (WAL, synchronous=FULL), in plain SQLite and in
SQLCipher 4 with its default settings. Unlock: the real key derivation at the shipped
cost (scrypt n=2^17). Search: 10,000 visits of ~4 KB, first search after unlock (opens
every visit) and the next one (in-memory text).
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["WVISIT_ALLOW_PLAINTEXT_KEYRING"] = "1"  # a throwaway file keyring, for measuring only

import keyring
from benchmarks_data import fill_store
from common import ms, summary, timings
from keyrings.alt.file import PlaintextKeyring

from wvisit.domain import Child, LegalStatus
from wvisit.store import Store
from wvisit.vault import KdfParams, Keys, Vault

RUNS = 2000
NOTE = ("Ada showed me her room and talked about school. " * 90)[:4096]


def bench_plain(folder: Path, connect) -> list[float]:
    conn = connect(folder / "baseline.db")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE visits (id TEXT PRIMARY KEY, version INT, body BLOB)")
    body = NOTE.encode()

    def save(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO visits VALUES (?, ?, ?)", (f"v{i % 50}", i, body))
        conn.execute("COMMIT")

    return timings(save, RUNS)


def sqlcipher_connect(path: Path):
    from sqlcipher3 import dbapi2

    conn = dbapi2.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA key = 'x''" + os.urandom(32).hex() + "'''")
    return conn


def bench_wvisit(folder: Path) -> list[float]:
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

    result = timings(save, RUNS)
    store.close()
    return result


def bench_unlock(folder: Path) -> float:
    keyring.set_keyring(PlaintextKeyring())
    Vault.create(folder, "correct-horse-battery", "sw.bench", kdf=KdfParams())
    vault = Vault.load(folder)
    return min(timings(lambda _: vault.unlock("correct-horse-battery"), 3))


def bench_search(folder: Path, count: int = 10_000) -> tuple[float, float, float]:
    store = Store.open(folder, Keys(os.urandom(32)), "sw.bench")
    fill_store(store, children=60, visits=count)
    cold = timings(lambda _: store.search.search("visit9999"), 1)[0]
    warm = min(timings(lambda _: store.search.search("visit9999 school"), 5))
    store.search.clear()
    listing = timings(lambda _: store.visits.all(), 1)[0]
    store.close()
    return cold, warm, listing


def main() -> None:
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_DIR")) as tmp:
        root = Path(tmp)
        for name in ("plain", "cipher", "wvisit", "unlock", "search"):
            (root / name).mkdir()
        results = {
            "plain SQLite": summary(bench_plain(root / "plain", lambda p: sqlite3.connect(p, isolation_level=None))),
            "SQLCipher": summary(bench_plain(root / "cipher", sqlcipher_connect)),
            "wvisit": summary(bench_wvisit(root / "wvisit")),
        }
        print(f"Durable save of a 4 KB draft, {RUNS} saves each")
        base = results["plain SQLite"]
        for name, r in results.items():
            print(
                f"  {name:13} p50 {ms(r['p50'])}  p99 {ms(r['p99'])}  "
                f"(p50 x{r['p50'] / base['p50']:.2f}, p99 x{r['p99'] / base['p99']:.2f} of plain SQLite)"
            )
        cipher = results["SQLCipher"]
        print(
            f"  wvisit / SQLCipher: p50 x{results['wvisit']['p50'] / cipher['p50']:.2f}, "
            f"p99 x{results['wvisit']['p99'] / cipher['p99']:.2f}"
        )
        start = time.perf_counter()
        unlock = bench_unlock(root / "unlock")
        print(
            f"Unlock (scrypt n=2^17, r=8, p=1 + HKDF + unwrap): {unlock:.3f} s "
            f"(measured in {time.perf_counter() - start:.1f} s)"
        )
        cold, warm, listing = bench_search(root / "search")
        print(
            f"Search over 10,000 visits: first after unlock {ms(cold)}, next {ms(warm)}; "
            f"open all 10,000 visits {ms(listing)}"
        )


if __name__ == "__main__":
    main()
