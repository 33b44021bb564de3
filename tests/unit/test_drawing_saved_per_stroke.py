"""A drawing saved after every stroke, as child mode does: each save is a small sealed row, and every
reader sees the whole drawing in order, after a restart too; undo and the rubber still count; the
visit finalised holds the drawing whole; nothing the child drew or said is on disk in the clear."""

from __future__ import annotations

import pytest

from tests.conftest import complete_visit, make_child
from tests.security.test_no_plaintext import assert_no_sentinel, every_file_under
from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Sitting
from wvisit.errors import TamperedRecord, VisitFinalised
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke

TOOL = tools.get("drawing")


def stroke(i: int, eraser: bool = False) -> Stroke:
    return Stroke("#1976d2", 8, [i, i, i + 10, i + 20], eraser)


def draw(store: Store, sitting: Sitting, strokes: list[Stroke], words: str = "") -> Sitting:
    """What child mode saves after a stroke: the whole drawing, from the tool."""
    drawing = Drawing(list(strokes), words)
    sitting.result, sitting.summary = TOOL.save(drawing), TOOL.summarise(drawing)
    visits.save_sitting(store, sitting)
    return sitting


def strokes_of(sitting: Sitting) -> list[Stroke]:
    return TOOL.load(sitting.result).strokes


def body_version(store: Store, sitting_id: str) -> int:
    return store.conn.execute("SELECT version FROM tool_sessions WHERE id = ?", (sitting_id,)).fetchone()[0]


@pytest.fixture
def drawing(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    return Sitting(visit.id, child.id, "drawing")


def test_strokes_saved_one_by_one_read_back_whole_and_in_order_after_a_restart(
    store, drawing, data_dir, vault_and_keys
):
    drawn: list[Stroke] = []
    for i in range(30):
        drawn.append(stroke(i))
        draw(store, drawing, drawn)
    drawn.pop()  # undo
    draw(store, drawing, drawn)
    drawn.append(stroke(99, eraser=True))  # the rubber
    draw(store, drawing, drawn, "my house")
    assert body_version(store, drawing.id) == 1  # the drawing was written once; each stroke after is a small row
    store.close()

    again = Store.open(data_dir, vault_and_keys[1], "sw.test")
    back = again.sittings.get(drawing.id)
    assert strokes_of(back) == drawn and TOOL.load(back.result).words == "my house"
    assert back.summary == "Drew a picture and said \u201cmy house\u201d"
    (listed,) = again.sittings.for_visit(drawing.visit_id)
    assert strokes_of(listed) == drawn
    assert [strokes_of(s) for s in again.sittings.for_child(drawing.child_id)] == [drawn]
    again.close()


def test_undo_back_to_nothing_and_drawing_again(store, drawing):
    draw(store, drawing, [stroke(1), stroke(2)])
    draw(store, drawing, [stroke(1)])
    draw(store, drawing, [])
    assert strokes_of(store.sittings.get(drawing.id)) == []
    draw(store, drawing, [stroke(5)])
    assert strokes_of(store.sittings.get(drawing.id)) == [stroke(5)]


def test_finalising_the_visit_writes_the_drawing_whole_and_queues_it_for_sync(store, drawing):
    drawn = [stroke(i) for i in range(5)]
    for n in range(1, 6):
        draw(store, drawing, drawn[:n])
    visits.finalise(store, drawing.visit_id)
    assert store.conn.execute("SELECT count(*) FROM sitting_strokes").fetchone()[0] == 0
    assert body_version(store, drawing.id) == 2
    queued = {(e.record_id, e.record_version) for e in store.outbox.pending() if e.kind == "tool"}
    assert (drawing.id, 2) in queued
    assert strokes_of(store.sittings.get(drawing.id)) == drawn


def test_a_stroke_saved_after_another_connection_folded_the_drawing_is_kept(store, drawing, data_dir, vault_and_keys):
    draw(store, drawing, [stroke(1)])
    draw(store, drawing, [stroke(1), stroke(2)])
    sync_side = Store.open(data_dir, vault_and_keys[1], "sw.test")  # sync works on its own connection
    sync_side.sittings.fold_all()
    draw(store, drawing, [stroke(1), stroke(2), stroke(3)])
    assert strokes_of(sync_side.sittings.get(drawing.id)) == [stroke(1), stroke(2), stroke(3)]
    sync_side.close()


def test_a_stroke_row_altered_on_disk_is_refused_not_drawn_and_does_not_stop_a_sync(store, drawing, caplog):
    draw(store, drawing, [stroke(1)])
    draw(store, drawing, [stroke(1), stroke(2)])
    (sealed,) = store.conn.execute("SELECT sealed FROM sitting_strokes").fetchone()
    with store.transaction() as conn:
        conn.execute("UPDATE sitting_strokes SET sealed = ?", (sealed[:-1] + bytes([sealed[-1] ^ 1]),))
    with pytest.raises(TamperedRecord):
        store.sittings.get(drawing.id)
    store.sittings.fold_all()  # before a push: the altered drawing is left, the push goes on
    assert "could not be folded (TamperedRecord)" in caplog.text


def test_strokes_deleted_on_disk_are_caught_not_shown_short_and_a_fold_is_no_loss(store, drawing):
    """With the file and no key, deleting the last rows would quietly take back the child's last strokes
    and words; the audit chain holds every row's number, so the sitting is refused and `audit verify` names it."""
    for n in range(1, 6):
        draw(store, drawing, [stroke(i) for i in range(1, n + 1)], words=f"child words {n}")
    assert store.untrusted() == []
    with store.transaction() as conn:
        conn.execute("DELETE FROM sitting_strokes WHERE seq >= 4")
    with pytest.raises(TamperedRecord):
        store.sittings.get(drawing.id)
    assert [(table, record_id) for table, record_id, _ in store.untrusted()] == [("sitting_strokes", drawing.id)]


def test_a_folded_drawing_and_strokes_drawn_after_it_are_trusted(store, drawing):
    draw(store, drawing, [stroke(1)])
    draw(store, drawing, [stroke(1), stroke(2)])
    store.sittings.fold(drawing.id)  # the rows go into the body: their absence is no loss
    draw(store, drawing, [stroke(1), stroke(2), stroke(3)])
    assert strokes_of(store.sittings.get(drawing.id)) == [stroke(1), stroke(2), stroke(3)]
    assert store.untrusted() == []


def test_a_stroke_the_tool_refuses_is_not_saved(store, drawing):
    draw(store, drawing, [stroke(1)])
    with pytest.raises(Exception, match="colour"):
        draw(store, drawing, [stroke(1), Stroke("red", 8, [1, 1])])
    assert strokes_of(store.sittings.get(drawing.id)) == [stroke(1)]


def test_nothing_the_child_drew_or_said_is_on_disk_in_the_clear(store, drawing, data_dir):
    words = ["SENTINELDRAWWORDSQX", "SENTINELLATERWORDSQX"]
    draw(store, drawing, [stroke(1)], words[0])
    draw(store, drawing, [stroke(1), stroke(2)], words[1])
    assert store.conn.execute("SELECT count(*) FROM sitting_strokes").fetchone()[0] == 1
    store.close()
    assert_no_sentinel(every_file_under(data_dir), words)


def test_a_stroke_after_the_visit_is_finalised_is_refused_and_the_drawing_stays_as_finalised(store, drawing):
    draw(store, drawing, [stroke(1)])
    draw(store, drawing, [stroke(1), stroke(2)])
    visits.finalise(store, drawing.visit_id)
    with pytest.raises(VisitFinalised):
        draw(store, drawing, [stroke(1), stroke(2), stroke(3)])
    assert strokes_of(store.sittings.get(drawing.id)) == [stroke(1), stroke(2)]
