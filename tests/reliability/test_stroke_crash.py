"""Pull the plug on a child drawing: SIGKILL a process saving after every stroke; every stroke whose save
had returned is in the drawing read back, in order, and the drawing carries on in the next process."""

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from wvisit import tools
from wvisit.store import Store
from wvisit.vault import Keys

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_strokes_whose_save_returned_survive_a_kill(tmp_path):
    dek = os.urandom(32)
    env = {**os.environ, "WVISIT_TEST_DEK": dek.hex(), "PYTHONPATH": str(ROOT)}
    promised = 0
    for kill, lines in enumerate((25, 40, 10)):
        writer = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.stroke_writer", str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        for _ in range(lines):  # kill while it is saving, after it promised this many strokes
            line = writer.stdout.readline()
            assert line, writer.stderr.read().decode()
            sitting_id, count = line.split()
            assert int(count) > promised
            promised = int(count)
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        for line in out.decode().split("\n")[:-1]:  # the kill may cut the last line
            sitting_id, count = line.split()
            promised = int(count)

        conn = sqlite3.connect(tmp_path / "wvisit.db")
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {kill}"
        assert conn.execute("SELECT count(*) FROM sitting_strokes").fetchone()[0] > 0  # strokes saved as rows
        conn.close()
        store = Store.open(tmp_path, Keys(dek), "sw.check")
        strokes = tools.get("drawing").load(store.sittings.get(sitting_id.decode()).result).strokes
        assert len(strokes) >= promised, f"a stroke whose save returned was lost after kill {kill}"
        assert [s.points[0] for s in strokes] == [n % 1000 for n in range(len(strokes))]  # in order, none twice
        store.close()
    assert promised >= 75
