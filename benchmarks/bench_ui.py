"""Desktop app speed, side by side: cold start against a bare PySide6 window, caseload load, autosave.

    scripts/bench      (runs every benchmark)

Cold start: a fresh Python process from spawn until the window is shown and painted, for
a bare QWidget and for wvisit's main window at its unlock screen (median of 7, offscreen).
Caseload: 60 children and 10,000 visits in the store; time to build the caseload rows
(what the background thread does) and to fill the table model (what the UI thread does).
Autosave: the UI thread's share of a save (reading the form, queueing the work) with a
4 KB note, against one frame (16.7 ms); the disk write itself runs on the worker thread.
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
print(time.time() - float(os.environ["SPAWNED"]))
"""

WVISIT = """
import os, sys, time
from pathlib import Path
from wvisit import config
from wvisit.ui.app import make_app
from wvisit.ui.main_window import MainWindow
app = make_app()
settings = config.load()
w = MainWindow(settings, Path(settings.data_dir)); w.resize(1100, 760); w.show(); app.processEvents()
print(time.time() - float(os.environ["SPAWNED"]))
"""


def cold_start(code: str, env: dict) -> float:
    results = []
    for _ in range(7):
        env = {**env, "SPAWNED": repr(time.time())}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        results.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(results)


def caseload_and_autosave(folder: Path) -> None:
    from benchmarks_data import fill_store
    from PySide6.QtWidgets import QApplication

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

    ops = Ops(QApplication.instance())
    visit = store.visits.new_draft(child_ids[0])
    editor = VisitEditor(ops, store, visit.id)
    editor.refresh()
    ops.wait()
    QApplication.processEvents()
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
    ops.wait()
    QApplication.processEvents()
    s = summary(samples)
    print(
        f"Autosave on the UI thread (4 KB note): p50 {ms(s['p50'])}, p99 {ms(s['p99'])}, "
        f"max {ms(max(samples))}; one frame is 16.7 ms"
    )
    store.close()
    # Qt objects must go before the interpreter's last collection, or PySide6 may abort on exit.
    editor.deleteLater()
    ops.deleteLater()
    QApplication.processEvents()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "WVISIT_DATA_DIR": str(Path(tmp) / "data"), "WVISIT_LOG_DIR": str(Path(tmp) / "logs")}
        bare, ours = cold_start(BARE, env), cold_start(WVISIT, env)
        print(
            f"Cold start to a shown window (median of 7): bare PySide6 {bare:.3f} s, wvisit unlock screen "
            f"{ours:.3f} s (x{ours / bare:.2f})"
        )
        caseload_and_autosave(Path(tmp))


if __name__ == "__main__":
    main()
