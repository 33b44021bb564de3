"""Pull the plug: SIGKILL a process that is saving drafts, 50 times; no save that had returned is lost."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wvisit.store import Store
from wvisit.vault import Keys

ROOT = Path(__file__).resolve().parents[2]


def check_every_promise_kept(data_dir: Path, dek: bytes, promised: dict[str, tuple[int, int]], kill: int) -> None:
    conn = sqlite3.connect(data_dir / "wvisit.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {kill}"
    conn.close()
    store = Store.open(data_dir, Keys(dek), "sw.check")
    for visit_id, (version, n) in promised.items():
        stored = store.visits.get(visit_id)
        stored_version = store.conn.execute("SELECT version FROM visits WHERE id = ?", (visit_id,)).fetchone()[0]
        assert stored_version >= version, f"a returned save was lost after kill {kill}"
        if stored_version == version:
            assert stored.what_i_saw.startswith(f"save {n} ")
    store.close()


@pytest.mark.skipif(not hasattr(os, "fork") or not hasattr(signal, "SIGKILL"), reason="needs fork and SIGKILL")
def test_saves_that_returned_survive_fifty_kills(tmp_path):
    """Each kill ends a writer process of its own (its own connection to the file) after a random
    number of promised saves, while it goes on saving: the kill lands anywhere in a save."""
    dek = os.urandom(32)
    env = {**os.environ, "WVISIT_TEST_DEK": dek.hex(), "PYTHONPATH": str(ROOT)}
    rng = random.Random(20261125)
    promised: dict[str, tuple[int, int]] = {}
    counter = 0
    errors = tmp_path / "writer-errors.txt"
    with open(errors, "wb") as stderr:
        starter = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.crash_writer", str(tmp_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            env=env,
            cwd=ROOT,
            start_new_session=True,  # its writers are in its group: stopped with it whatever happens
        )
    try:
        for kill in range(50):
            starter.stdin.write(f"{counter}\n".encode())
            starter.stdin.flush()
            writer, saves, wanted = None, [], rng.randint(1, 12)
            while writer is None or len(saves) < wanted:  # it is saving now
                line = starter.stdout.readline().decode()
                assert line and not line.startswith("ended"), errors.read_text()
                if line.startswith("started"):
                    writer = int(line.split()[1])
                else:
                    saves.append(line)
            os.kill(writer, signal.SIGKILL)
            while not (line := starter.stdout.readline().decode()).startswith("ended"):  # reaped
                assert line, errors.read_text()
                saves.append(line)
            for save in saves:
                visit_id, version, counter = save.split()
                promised[visit_id] = (int(version), int(counter))
            counter = int(counter) + 1

            check_every_promise_kept(tmp_path, dek, promised, kill)
    finally:
        os.killpg(starter.pid, signal.SIGKILL)
        starter.communicate()
    assert len(promised) > 50
