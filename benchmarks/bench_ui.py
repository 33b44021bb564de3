"""Desktop app speed, side by side: cold start against a bare PySide6 window, caseload load, autosave.

    scripts/bench      (runs every benchmark)

Cold start: a fresh Python process from spawn until the window is shown and painted, for
a bare QWidget and for wvisit's main window at its unlock screen, as the `wvisit` command
starts it (7 of each in turn, offscreen; wall time and the process's CPU time).
Unlock: from "Unlock" pressed to My tasks shown, in a fresh process, pressed 1 s after the
unlock window is painted (typing the passcode) and at once (includes the passcode's scrypt).
Caseload: 60 children and 10,000 visits in the store; time to build the caseload rows
(what the background thread does) and to fill the table model (what the UI thread does).
Autosave: the UI thread's share of a save (reading the form, queueing the work) with a
4 KB note, against one frame (16.7 ms); the disk write itself runs on the worker thread.
Team list (`bench_ui.py list` alone): the list behind the team page's "not yet reviewed" count on a
team manager's laptop, 30,000 lines, opened and painted; against a QListWidget given an item a line
(how that list was made before), the same lines in both.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ms, summary, timings

BARE = """
import os, sys, time
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget(); w.resize(1100, 760); w.show(); app.processEvents()
print(time.time() - float(os.environ["SPAWNED"]), time.process_time())
"""

# What the `wvisit` command does up to a painted unlock window (wvisit.cli.main): import its command line,
# read it (no arguments), read the settings, start the log, then wvisit.ui.app.start (the function `wvisit` runs).
START = """
import os, sys, time
from pathlib import Path
import wvisit.cli
from wvisit import config, logs
args = wvisit.cli.parse([])
settings = config.load({"data_dir": args.data_dir})
logs.setup(Path(settings.log_dir), settings.log_level)
from wvisit.ui.app import make_app, start
app = make_app()
window = start(settings); app.processEvents()
"""
WVISIT = START + 'print(time.time() - float(os.environ["SPAWNED"]), time.process_time())\n'

# From "Unlock" pressed to the workspace (My tasks) shown and painted, in a fresh process: the worker
# takes PAUSE seconds to type the passcode after the unlock window is painted (0: pressed at once).
UNLOCK = (
    START
    + """
from PySide6.QtCore import QEventLoop, QTimer
from wvisit.ui.page import Page
typing = QEventLoop(); QTimer.singleShot(int(float(os.environ["PAUSE"]) * 1000), typing.quit); typing.exec()
window.lock_screen.passcode.setText(os.environ["PASSCODE"])
pressed = time.perf_counter()
window.lock_screen.button.click()
while not isinstance(window.page, Page):
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
app.processEvents()
print(time.perf_counter() - pressed)
window.close()
"""
)
PASSCODE = "a bench passcode, long enough"


def fresh_process(code: str, env: dict) -> list[float]:
    """The figures a fresh Python process running `code` prints (its last line)."""
    env = {**env, "SPAWNED": repr(time.time())}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return [float(figure) for figure in out.stdout.strip().splitlines()[-1].split()]


def cold_starts(env: dict, runs: int = 7) -> tuple[list[list[float]], list[list[float]]]:
    """Bare and wvisit in turn, so both meet the same load on a shared machine: each run's wall time
    from spawn and the process's CPU time (less moved by others' work than the wall time)."""
    bare, ours = [], []
    for _ in range(runs):
        bare.append(fresh_process(BARE, env))
        ours.append(fresh_process(WVISIT, env))
    return bare, ours


def ratio(ours: list[float], bare: list[float]) -> str:
    mine, theirs = statistics.median(ours), statistics.median(bare)
    return f"{theirs:.3f} s vs {mine:.3f} s, x{mine / theirs:.2f}"


def caseload_and_autosave(folder: Path) -> None:
    from benchmarks_data import fill_store
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication, QWidget

    from wvisit import config
    from wvisit.app.queries.caseload import caseload
    from wvisit.policy_files import load_policy
    from wvisit.store import Store
    from wvisit.ui.app import make_app
    from wvisit.ui.background import Ops
    from wvisit.ui.models import CaseloadModel
    from wvisit.ui.visit_editor import VisitEditor
    from wvisit.vault import Keys

    make_app()
    store = Store.open(folder, Keys(os.urandom(32)), "sw.bench")
    child_ids = fill_store(store, children=60, visits=10_000)
    policy, today = load_policy(config.load()), date.today()
    rows_time = timings(lambda _: caseload(store, policy, today), 5)
    rows = caseload(store, policy, today)
    model = CaseloadModel("#a4161a")
    model_time = timings(lambda _: model.set_rows(rows, today), 5)
    print(
        f"Caseload of 60 children / 10,000 visits: rows {ms(min(rows_time))} (worker thread), "
        f"table model {ms(min(model_time))} (UI thread); total {ms(min(rows_time) + min(model_time))}"
    )

    # The editor finds the lanes and the open store on a window above it (ui/operations.py host_of),
    # as on the main window, and builds its fields when its first load comes back.
    host = QWidget()
    host.ops, host.store = Ops(host), store  # type: ignore[attr-defined]
    visit = store.visits.new_draft(child_ids[0])
    editor = VisitEditor(host.ops, store, visit.id)  # type: ignore[attr-defined]
    editor.setParent(host)
    editor.refresh()
    while not editor.fields:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    note = ("Ada showed me her room and talked about school. " * 90)[:4096]

    def type_and_save(i: int) -> None:
        editor.fields["what_i_saw"].write(f"{note} {i}")
        editor._dirty = True
        start = time.perf_counter()
        editor.save_now()
        samples.append(time.perf_counter() - start)

    samples: list[float] = []
    for i in range(200):
        type_and_save(i)
    host.ops.wait()  # type: ignore[attr-defined]
    QApplication.processEvents()
    s = summary(samples)
    print(
        f"Autosave on the UI thread (4 KB note): p50 {ms(s['p50'])}, p99 {ms(s['p99'])}, "
        f"max {ms(max(samples))}; one frame is 16.7 ms"
    )
    # The editor goes before the store closes (the saves' announcements would reload it from a closed
    # store), and Qt objects before the interpreter's last collection, or PySide6 may abort on exit.
    host.deleteLater()
    QApplication.processEvents()
    store.close()


def team_list(lines: int = 30_000) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QListWidget, QListWidgetItem

    from wvisit.app.queries.team import TeamLine
    from wvisit.domain import LegalStatus
    from wvisit.ui.app import make_app
    from wvisit.ui.team_list import TeamListDialog, line_text

    make_app()
    made = [
        TeamLine(
            f"Child{n % 300} Example",
            LegalStatus.CIN,
            "Sam Example",
            f"visited Mon 2 Nov, waiting {n} days",
            "visit",
            str(n),
        )
        for n in range(lines)
    ]

    def widget_items(_: int) -> None:
        shown = QListWidget()
        for line in made:
            item = QListWidgetItem(line_text(line))
            item.setData(Qt.ItemDataRole.UserRole, line)
            shown.addItem(item)
        shown.show()
        QApplication.processEvents()
        shown.close()

    def dialog(_: int) -> None:
        shown = TeamListDialog(None, "Visits not yet reviewed", made)
        shown.show()
        QApplication.processEvents()
        shown.close()

    for _ in range(2):  # in turn, so both meet the same load
        items, ours = timings(widget_items, 1), timings(dialog, 1)
        print(
            f"The list behind a team page count, {lines:,} lines opened and painted: QListWidget, an item a line "
            f"{ms(items[0])}; wvisit's list {ms(ours[0])}, x{ours[0] / items[0]:.2f}"
        )


def main() -> None:
    if sys.argv[1:] == ["list"]:
        team_list()
        return
    with tempfile.TemporaryDirectory() as tmp:
        # Bytecode cached, as for an installed app (pip compiles it), in a folder of this run: with
        # PYTHONDONTWRITEBYTECODE set, a checkout compiles every wvisit module at every start while
        # PySide6's come compiled from the venv. One untimed run of each writes it.
        env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
        env |= {
            "PYTHONPYCACHEPREFIX": str(Path(tmp) / "bytecode"),
            "WVISIT_DATA_DIR": str(Path(tmp) / "data"),
            "WVISIT_LOG_DIR": str(Path(tmp) / "logs"),
        }
        fresh_process(BARE, env)
        fresh_process(WVISIT, env)
        bare, ours = cold_starts(env)
        print(
            "Cold start to a shown window, bare PySide6 vs wvisit's unlock window (7 of each, in turn, medians): "
            f"wall {ratio([run[0] for run in ours], [run[0] for run in bare])}; "
            f"CPU {ratio([run[1] for run in ours], [run[1] for run in bare])} (load {os.getloadavg()[0]:.1f})"
        )
        # Records to unlock, their key's device secret in a throwaway file keyring (for measuring only).
        env = {
            **env,
            "WVISIT_PASSCODE": PASSCODE,
            "PASSCODE": PASSCODE,
            "XDG_DATA_HOME": str(Path(tmp) / "keyring"),
            "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
            "WVISIT_ALLOW_PLAINTEXT_KEYRING": "1",
        }
        subprocess.run([sys.executable, "-m", "wvisit", "init"], env=env, capture_output=True, check=True)
        fresh_process(UNLOCK, {**env, "PAUSE": "0"})  # untimed: the store's bytecode
        for pause in ("1.0", "0"):
            unlock = [fresh_process(UNLOCK, {**env, "PAUSE": pause})[0] for _ in range(5)]
            print(
                f"Unlock pressed {pause} s after the unlock window is painted, to My tasks shown (5 processes): "
                f"median {statistics.median(unlock):.3f} s, {min(unlock):.3f}-{max(unlock):.3f} s"
            )
        if sys.argv[1:] != ["start"]:  # `bench_ui.py start`: the start-up figures only
            caseload_and_autosave(Path(tmp))
            team_list()


if __name__ == "__main__":
    main()
