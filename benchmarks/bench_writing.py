"""Writing help per keystroke, saving a child's drawing as it grows, and the exports; each beside a baseline.

    scripts/bench
    benchmarks/bench_writing.py strokes [drawing|three_houses|words_and_pictures] [saves]
    benchmarks/bench_writing.py count [drawing|three_houses|words_and_pictures]   (needs valgrind)

Keystroke: the editor re-checks the changed paragraph (jargon list + British spell check)
on every key; measured on a 600-character paragraph against a bare word split of the same
text, and held against one frame (16.7 ms). Drawing: child mode saves the sitting after each
stroke (a small sealed row of the stroke log); measured at 10, 100, 200 and 300 strokes of 40
points, each save beside a durable plain SQLite write of the stroke's JSON, taken in turn, with
this thread's CPU time; `count` gives the instructions of each (callgrind), which the load on a
shared machine does not move. Exports: one finalised visit as JSON and as the case-file PDF.
"""

from __future__ import annotations

import json
import operator
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ms, summary, timings
from PySide6.QtWidgets import QApplication

from tests.conftest import complete_visit, make_child
from wvisit import resources, tools
from wvisit.app import exports, visits
from wvisit.domain import Sitting, Visit, to_record
from wvisit.pdf import write_pdf
from wvisit.store import Store
from wvisit.tools.base import Tool
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.tools.words_and_pictures import Panel, WordsAndPictures
from wvisit.ui.tools.canvas import DrawingCanvas
from wvisit.ui.tools.storyboard import StoryTool
from wvisit.ui.tools.tool_widgets import DrawingTool, HousesTool, ToolWidget
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


SIZES = (10, 100, 200, 300)
STROKE_POINTS = 80  # 40 x, y pairs: a short line of a child's drawing


def a_stroke(i: int) -> Stroke:
    return Stroke("#1976d2", 10, [(i * 7 + j) % 1000 for j in range(STROKE_POINTS)])


@dataclass
class Sheet:
    """One sitting held in child mode, `size` strokes in when the measure starts: the tool's widget, the
    canvas the child draws on, and the sitting as child mode last saved it."""

    size: int
    tool: Tool
    widget: ToolWidget
    canvas: DrawingCanvas
    sitting: Sitting

    def stroke(self, stroke: Stroke) -> Sitting:
        """The child's stroke, finished, and the sitting child mode saves (made on the UI thread)."""
        self.canvas.strokes.append(stroke)
        result = self.widget.record(self.tool)
        self.sitting = replace(self.sitting, result=result, summary=self.tool.summarise(self.widget.result()))
        return self.sitting


def sheet(store: Store, visit: Visit, key: str, size: int) -> Sheet:
    """A drawing of `size` strokes; Three Houses or the storyboard with `size` strokes shared out over
    their pictures, the child drawing on in the last one."""
    strokes = [a_stroke(i) for i in range(size)]
    widget: ToolWidget
    if key == "drawing":
        widget = DrawingTool(Drawing(strokes, "me"))
        canvas = widget.canvas
    elif key == "three_houses":
        shares = [strokes[i::3] for i in range(3)]
        widget = HousesTool(ThreeHouses(*(House("my words", share) for share in shares)))
        canvas = widget.canvases["dreams"]
    else:
        shares = [strokes[i::4] for i in range(4)]
        widget = StoryTool(WordsAndPictures([Panel("the words", share) for share in shares], "my words"))
        canvas = widget.canvases[-1]
    tool = tools.get(key)
    sitting = Sitting(visit.id, visit.child_id, key, widget.record(tool))
    visits.save_sitting(store, sitting)
    return Sheet(size, tool, widget, canvas, store.sittings.get(sitting.id))


def drawing_rig(folder: Path, key: str) -> tuple[Store, Visit, dict[int, Sheet], sqlite3.Connection]:
    store = Store.open(folder / "wvisit", Keys(os.urandom(32)), "sw.bench")
    visit = complete_visit(store, make_child(store))
    return store, visit, {size: sheet(store, visit, key, size) for size in SIZES}, plain_writer(folder / "plain.db")


def drawing(folder: Path, key: str = "drawing", saves: int = 100) -> tuple[Store, Visit]:
    """Child mode's save after a stroke, at 10, 100, 200 and 300 strokes (then `saves` more each): a
    durable plain SQLite write of the same stroke's JSON and wvisit's durable save of the sitting, one
    after the other (which goes first alternates), the sizes in turn, so all meet the same load on the
    shared disk. Wall time, and this thread's CPU time (the kernel's share of the commit included)."""
    store, visit, sheets, conn = drawing_rig(folder, key)
    wall: dict[tuple[int, str], list[float]] = {}
    cpu: dict[tuple[int, str], list[float]] = {}

    def timed(size: int, name: str, action: Callable[[], object]) -> None:
        started, used = time.perf_counter(), time.thread_time()
        action()
        cpu.setdefault((size, name), []).append(time.thread_time() - used)
        wall.setdefault((size, name), []).append(time.perf_counter() - started)

    for i in range(saves):
        for size in SIZES[i % len(SIZES) :] + SIZES[: i % len(SIZES)]:
            page, stroke = sheets[size], a_stroke(size + i)
            one = json.dumps(to_record(stroke)).encode()
            timed(size, "record", lambda p=page, s=stroke: p.stroke(s))  # UI thread: child mode's record
            ours = (size, "ours", lambda p=page: visits.save_sitting(store, p.sitting))  # the store's thread
            plain = (size, "plain", lambda k=f"{size}.{i}", b=one: plain_write(conn, k, b))
            for contender in (ours, plain) if i % 2 else (plain, ours):
                timed(*contender)
    print(f"{key}: save after a stroke ({STROKE_POINTS // 2} points), {saves} saves from each size, load {load()}")
    for size in SIZES:
        p50 = {name: summary(wall[size, name])["p50"] for name in ("ours", "plain")}
        p99 = {name: summary(wall[size, name])["p99"] for name in ("ours", "plain")}
        used = {name: summary(cpu[size, name])["mean"] for name in ("ours", "plain", "record")}
        print(
            f"  {size}-{size + saves} strokes: save p50 {ms(p50['ours'])} p99 {ms(p99['ours'])} "
            f"(CPU mean {ms(used['ours'])}); plain write of the stroke's JSON p50 {ms(p50['plain'])} "
            f"p99 {ms(p99['plain'])} (CPU mean {ms(used['plain'])}); "
            f"save / plain: p50 x{p50['ours'] / p50['plain']:.2f} p99 x{p99['ours'] / p99['plain']:.2f} "
            f"CPU x{used['ours'] / used['plain']:.2f}; "
            f"child mode's record (UI thread) CPU mean {ms(used['record'])}"
        )
    conn.close()
    if key != "drawing":
        store.close()
        return store, visit
    shown = complete_visit(store, store.children.get(visit.child_id))  # the exports: a drawing of 200 strokes
    drawn = Drawing([a_stroke(i) for i in range(200)], "me")
    visits.save_sitting(store, Sitting(shown.id, shown.child_id, "drawing", tools.get(key).save(drawn)))
    return store, shown


def counted(folder: Path, key: str, saves: int) -> None:
    """The instructions of each part of a save after a stroke, each size's saves in one call that
    callgrind counts (see `count`): child mode's record, wvisit's save, the plain write."""
    store, _visit, sheets, conn = drawing_rig(folder, key)
    parts = []
    for size in SIZES:
        page, drawn = sheets[size], [a_stroke(size + i) for i in range(saves)]
        ones = [json.dumps(to_record(stroke)).encode() for stroke in drawn]
        made: list[Sitting] = []
        operator.call(lambda p=page, d=drawn, m=made: m.extend(p.stroke(s) for s in d))  # the UI thread's part
        operator.call(lambda m=made: [visits.save_sitting(store, s) for s in m])  # the store's, in the same order
        operator.call(lambda o=ones, z=size: [plain_write(conn, f"{z}.{n}", b) for n, b in enumerate(o)])
        parts += [(size, "record"), (size, "ours"), (size, "plain")]
    (folder / "parts.json").write_text(json.dumps(parts))
    store.close()


def count(key: str, saves: int = 50) -> None:
    """Run `counted` under callgrind, counting only inside operator.call (each measured call: a dump)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "cg.out"
        command = [
            "valgrind", "--tool=callgrind", "--collect-atstart=no", "--toggle-collect=_operator_call",
            "--dump-after=_operator_call", f"--callgrind-out-file={out}",
            sys.executable, __file__, "counted", key, folder, str(saves),
        ]  # fmt: skip
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        parts = json.loads((Path(folder) / "parts.json").read_text())
        dumps = sorted(Path(folder).glob("cg.out.*"), key=lambda p: int(p.suffix[1:]))
        totals: dict[tuple[int, str], int] = {}
        for (size, name), dump in zip(parts, dumps, strict=False):
            found = re.search(r"^(?:totals|summary): (\d+)", dump.read_text(), re.M)
            totals[size, name] = totals.get((size, name), 0) + int(found.group(1) if found else 0)
    print(f"{key}: instructions a save after a stroke (callgrind, {saves} saves from each size; no kernel work)")
    for size in SIZES:
        each = {name: totals[size, name] / saves for name in ("record", "ours", "plain")}
        print(
            f"  {size}-{size + saves} strokes: save {each['ours'] / 1e3:.0f} k, "
            f"plain write {each['plain'] / 1e3:.0f} k "
            f"(x{each['ours'] / each['plain']:.1f}); child mode's record {each['record'] / 1e3:.0f} k"
        )


def load() -> str:
    return "/".join(f"{value:.1f}" for value in os.getloadavg())


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
    what = sys.argv[1:2] or ["all"]
    if what == ["counted"]:  # inside callgrind, for `count`
        counted(Path(sys.argv[3]), sys.argv[2], int(sys.argv[4]))
    elif what == ["count"]:  # instructions: bench_writing.py count [drawing|three_houses|words_and_pictures]
        for key in sys.argv[2:] or ["drawing"]:
            count(key)
    elif what == ["strokes"]:  # bench_writing.py strokes [drawing|three_houses|words_and_pictures] [saves]
        for key in sys.argv[2:3] or ["drawing", "three_houses", "words_and_pictures"]:
            with tempfile.TemporaryDirectory() as folder:
                drawing(Path(folder), key, int(sys.argv[3]) if len(sys.argv) > 3 else 100)
    else:
        keystroke()
        with tempfile.TemporaryDirectory() as folder:
            exports_of(Path(folder), *drawing(Path(folder)))
