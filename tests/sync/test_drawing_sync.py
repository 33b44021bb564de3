"""A drawing saved stroke by stroke in child mode reaches the central record and a fresh laptop whole:
the sitting pushed is the one sitting of every stroke in order, the same shape as ever."""

from __future__ import annotations

from tests.conftest import complete_visit
from tests.sync.test_central_validation import caseload_child
from tests.sync.test_sync import fresh_laptop
from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Sitting
from wvisit.tools.drawing import Drawing, Stroke

TOOL = tools.get("drawing")


def test_a_drawing_made_stroke_by_stroke_reaches_a_fresh_laptop_whole(laptop, store, central, tmp_path):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    sitting = Sitting(visit.id, ada.id, "drawing")
    strokes = [Stroke("#2e7d32", 8, [i, 2 * i, 3 * i, 4 * i]) for i in range(1, 13)]
    for n in range(1, len(strokes) + 1):
        sitting.result = TOOL.save(Drawing(strokes[:n], "our dog"))
        visits.save_sitting(store, sitting)
    sitting.result = TOOL.save(Drawing(strokes[:-1], "our dog"))  # undo the last line
    visits.save_sitting(store, sitting)

    assert laptop.sync().complete and store.outbox.count() == 0
    assert sitting.id in central.records()
    other, engine = fresh_laptop(tmp_path, "second-laptop", central.url)
    assert engine.sync().complete
    arrived = TOOL.load(other.sittings.get(sitting.id).result)
    assert arrived.strokes == strokes[:-1] and arrived.words == "our dog"

    sitting.result = TOOL.save(Drawing(strokes, "our dog"))  # drawn again after the sync: arrives too
    visits.save_sitting(store, sitting)
    assert laptop.sync().complete
    assert engine.sync().complete
    assert TOOL.load(other.sittings.get(sitting.id).result).strokes == strokes
    other.close()
