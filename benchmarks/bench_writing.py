"""Writing help per keystroke, saving a child's drawing as it grows, and the exports; each beside a baseline.

    scripts/bench

Keystroke: the editor re-checks the changed paragraph (jargon list + British spell check)
on every key; measured on a 600-character paragraph against a bare word split of the same
text, and held against one frame (16.7 ms). Drawing: child mode saves the drawing after each
stroke (a small sealed row of the stroke log); measured at 10, 100 and 200 strokes of 40 points
beside a durable plain SQLite write of the stroke's JSON, and the old whole-sitting save.
Exports: one finalised visit as JSON and as the case-file PDF.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ms, summary, timings
from PySide6.QtWidgets import QApplication

from tests.conftest import complete_visit, make_child
from wvisit import resources, tools
from wvisit.app import exports, visits
from wvisit.domain import Sitting, Visit
from wvisit.pdf import write_pdf
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.ui.tools.tool_widgets import DrawingTool
from wvisit.vault import Keys
from wvisit.writing.plain_language import JargonList
from wvisit.writing.spelling import british

PARAGRAPH = (
    "Ada presented as happy after contact with mum. She showed me her bedrom and the den she built "
    "with her carer, and told me about school and her freinds. "
) * 4


def keystroke() -> None:
    jargon = JargonList.from_data(resources.load_json("jargon.json"))
    checker, _ = british()

    def helped(_i: int) -> None:
        jargon.find(PARAGRAPH)
        checker.misspellings(PARAGRAPH)

    ours = summary(timings(helped, 2000))
    bare = summary(timings(lambda _i: re.findall(r"\w+", PARAGRAPH), 2000))
    print(
        f"keystroke, {len(PARAGRAPH)}-char paragraph: help p50 {ms(ours['p50'])} p99 {ms(ours['p99'])}; "
        f"bare word split p50 {ms(bare['p50'])} (x{ours['p50'] / bare['p50']:.0f}); "
        f"share of a 16.7 ms frame {ours['p99'] / 0.0167:.1%}"
    )


def plain_writer(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")
    return conn


def plain_write(conn: sqlite3.Connection, key: str, body: bytes) -> None:
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT OR REPLACE INTO t VALUES (?, ?)", (key, body))
    conn.execute("COMMIT")


def drawing(folder: Path) -> tuple[Store, Visit]:
    """Child mode's save after a stroke (the sitting saved, its strokes as the canvas hands them over),
    for drawings of 10, 100 and 200 strokes: 100 strokes each, each save timed beside, in turn, a durable
    plain SQLite write of the same stroke's JSON, of the whole drawing's JSON, and the whole sitting
    sealed again, as before the stroke log (interleaved, so all four see the same load on the disk).
    CPU time per save (the process's, the kernel's share of a commit included) is given too."""
    store = Store.open(folder / "wvisit", Keys(os.urandom(32)), "sw.bench")
    child = make_child(store)
    visit = complete_visit(store, child)
    # the old way in a file of its own: its 100 KB writes would fill the WAL and its checkpoints land on ours
    old_store = Store.open(folder / "before", Keys(os.urandom(32)), "sw.bench")
    old_child = make_child(old_store)
    old_visit = complete_visit(old_store, old_child)
    stores = {"ours": store, "before": old_store}
    tool = tools.get("drawing")
    strokes = [Stroke("#1976d2", 10, [(i * 7 + j) % 1000 for j in range(80)]) for i in range(320)]
    conn = plain_writer(folder / "plain.db")
    for size in (10, 100, 200):
        ours, before = Sitting(visit.id, child.id, "drawing"), Sitting(old_visit.id, old_child.id, "drawing")
        widget = DrawingTool(Drawing(strokes[:size], "me"))  # child mode's drawing: its canvas keeps stroke records
        for name, session in (("ours", ours), ("before", before)):
            session.result = widget.record(tool)
            visits.save_sitting(stores[name], session)
        wall: dict[str, list[float]] = {"ours": [], "before": [], "stroke": [], "whole": []}
        cpu: dict[str, list[float]] = {"ours": [], "before": [], "tool": []}
        for i in range(100):
            drawn = strokes[: size + i + 1]
            one = json.dumps(tool.save(Drawing(drawn[-1:]))["strokes"][0]).encode()
            widget.canvas.strokes.append(drawn[-1])  # the child's stroke, finished
            used = time.process_time()
            result = widget.record(tool)  # what child mode reads from the canvas on the UI thread
            cpu["tool"].append(time.process_time() - used)
            body = json.dumps(result).encode()
            for name, session in (("ours", ours), ("before", before)):
                if name == "before":
                    old_store.sittings._last.pop(before.id)  # as before the stroke log: the sitting sealed whole
                session.result = dict(result)
                started, used = time.perf_counter(), time.process_time()
                visits.save_sitting(stores[name], session)  # on the store's worker thread
                wall[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - used)
            for name, key, value in (("stroke", f"s{i}", one), ("whole", "d", body)):
                started = time.perf_counter()
                plain_write(conn, key, value)
                wall[name].append(time.perf_counter() - started)
        p50 = {name: summary(values)["p50"] for name, values in wall.items()}
        p99 = {name: summary(values)["p99"] for name, values in wall.items()}
        print(
            f"drawing save after a stroke, {size}-{size + 100} strokes ({len(body) // 1024} KB JSON at the end): "
            f"p50 {ms(p50['ours'])} p99 {ms(p99['ours'])} (CPU mean {ms(summary(cpu['ours'])['mean'])}); "
            f"plain SQLite of the stroke's JSON ({len(one)} B) p50 {ms(p50['stroke'])} "
            f"(x{p50['ours'] / p50['stroke']:.1f}, p99 x{p99['ours'] / p99['stroke']:.1f}); "
            f"before, the whole sitting sealed again: p50 {ms(p50['before'])} p99 {ms(p99['before'])} "
            f"(CPU mean {ms(summary(cpu['before'])['mean'])}; x{p50['before'] / p50['whole']:.1f} a plain write "
            f"of the whole drawing's JSON, p50 {ms(p50['whole'])}); child mode's record of the drawing from the "
            f"canvas (UI thread) CPU mean {ms(summary(cpu['tool'])['mean'])}"
        )
    conn.close()
    old_store.close()
    shown = complete_visit(store, child)  # the exports: one visit with one drawing of 200 strokes, as before
    visits.save_sitting(store, Sitting(shown.id, child.id, "drawing", tool.save(Drawing(strokes[:200], "me"))))
    return store, shown


def exports_of(folder: Path, store: Store, visit: Visit) -> None:
    store.visits.finalise(visit.id)
    as_json = summary(
        timings(lambda i: exports.export_visit(store, visit.id, "json", folder / "v.json", write_pdf), 20)
    )
    as_pdf = summary(timings(lambda i: exports.export_visit(store, visit.id, "pdf", folder / "v.pdf", write_pdf), 20))
    print(
        f"export one visit: JSON p50 {ms(as_json['p50'])}; PDF p50 {ms(as_pdf['p50'])} "
        f"(x{as_pdf['p50'] / as_json['p50']:.1f})"
    )
    store.close()


if __name__ == "__main__":
    app = QApplication([])
    keystroke()
    with tempfile.TemporaryDirectory() as folder:
        exports_of(Path(folder), *drawing(Path(folder)))
