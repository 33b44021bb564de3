"""Writing help per keystroke, saving a child's drawing as it grows, and the exports; each beside a baseline.

    scripts/bench

Keystroke: the editor re-checks the changed paragraph (jargon list + British spell check)
on every key; measured on a 600-character paragraph against a bare word split of the same
text, and held against one frame (16.7 ms). Drawing: child mode saves the whole drawing after
each stroke; measured for a drawing of 200 strokes of 40 points, sealed, beside a durable plain
SQLite write of the same JSON. Exports: one finalised visit as JSON and as the case-file PDF.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import ms, summary, timings
from PySide6.QtWidgets import QApplication

from tests.conftest import complete_visit, make_child
from wvisit import resources, tools
from wvisit.app import exports
from wvisit.domain import Sitting
from wvisit.pdf import write_pdf
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke
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


def drawing(folder: Path) -> None:
    store = Store.open(folder / "wvisit", Keys(os.urandom(32)), "sw.bench")
    child = make_child(store)
    visit = complete_visit(store, child)
    tool = tools.get("drawing")
    strokes = [Stroke("#1976d2", 10, [(i * 7 + j) % 1000 for j in range(80)]) for i in range(200)]
    session = Sitting(visit.id, child.id, "drawing")

    def save(_i: int) -> None:
        session.result = tool.save(Drawing(strokes, "me"))
        store.sittings.save(session)

    ours = summary(timings(save, 200))
    body = json.dumps(tool.save(Drawing(strokes, "me"))).encode()
    conn = sqlite3.connect(folder / "plain.db", isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE t (id TEXT PRIMARY KEY, body BLOB)")

    def plain(i: int) -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT OR REPLACE INTO t VALUES ('d', ?)", (body,))
        conn.execute("COMMIT")

    base = summary(timings(plain, 200))
    print(
        f"drawing save, 200 strokes ({len(body) // 1024} KB JSON): p50 {ms(ours['p50'])} p99 {ms(ours['p99'])}; "
        f"plain SQLite p50 {ms(base['p50'])} (x{ours['p50'] / base['p50']:.1f})"
    )

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
        drawing(Path(folder))
