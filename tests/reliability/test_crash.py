"""Pull the plug: SIGKILL a process that is saving drafts, 50 times; no save that had returned is lost."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from wvisit.store import Store
from wvisit.vault import Keys

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_saves_that_returned_survive_fifty_kills(tmp_path):
    dek = os.urandom(32)
    env = {**os.environ, "WVISIT_TEST_DEK": dek.hex(), "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261125)
    promised: dict[str, tuple[int, int]] = {}
    counter = 0
    for kill in range(50):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.crash_writer", str(tmp_path), str(counter)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        first = writer.stdout.readline()  # it is saving now
        assert first, writer.stderr.read().decode()
        time.sleep(rng.uniform(0.0, 0.15))
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        complete_lines = (first + out).decode().split("\n")[:-1]  # the kill may cut the last line
        for line in complete_lines:
            visit_id, version, counter = line.split()
            promised[visit_id] = (int(version), int(counter))
        counter = int(counter) + 1

        conn = sqlite3.connect(tmp_path / "wvisit.db")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {kill}"
        conn.close()
        store = Store.open(tmp_path, Keys(dek), "sw.check")
        for visit_id, (version, n) in promised.items():
            stored = store.visits.get(visit_id)
            stored_version = store.conn.execute("SELECT version FROM visits WHERE id = ?", (visit_id,)).fetchone()[0]
            assert stored_version >= version, f"a returned save was lost after kill {kill}"
            if stored_version == version:
                assert stored.what_i_saw.startswith(f"save {n} ")
        store.close()
    assert len(promised) > 50
