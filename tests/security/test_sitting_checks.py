"""A drawing saved stroke by stroke checks its visit is still a draft as the visit's own autosave does:
a visit discarded in another window whose row was then rolled back with sqlite3 takes no more strokes.

"Another window" is a second Store on the same file; the rollback is made with the sqlite3 module."""

import pytest

from tests.conftest import make_child
from tests.security.test_autosave_checks import edit_with_sqlite
from tests.unit.test_drawing_saved_per_stroke import draw, stroke
from wvisit.domain import Sitting
from wvisit.errors import TamperedRecord
from wvisit.store import Store


def test_a_drawing_on_a_visit_discarded_elsewhere_and_rolled_back_takes_no_more_strokes(
    store, data_dir, vault_and_keys
):
    child = make_child(store)
    visit = store.visits.new_draft(child.id)
    drawing = Sitting(visit.id, child.id, "drawing")
    drawn = [stroke(1)]
    draw(store, drawing, drawn)
    draft_row = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    other.visits.discard(visit.id, "the wrong child")
    other.close()
    edit_with_sqlite(data_dir, "UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*draft_row, visit.id))

    drawn.append(stroke(2))
    with pytest.raises(TamperedRecord):
        draw(store, drawing, drawn)
    assert len(store.sittings.get(drawing.id).result["strokes"]) == 1  # the stroke after the discard is not kept
