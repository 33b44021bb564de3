"""A sitting carried on from an earlier one, checked by the central record itself (a security review found
only the laptop checked): it names a sitting the central record holds, of the same child, with the same tool."""

from __future__ import annotations

import json
import uuid

from tests.conftest import complete_visit, make_child
from tests.sync.test_central_validation import push
from wvisit import tools
from wvisit.domain import Sitting, to_record


def sitting_on(visit, tool: str, continues: str = "") -> Sitting:
    return Sitting(visit.id, visit.child_id, tool, tools.get(tool).save(tools.get(tool).empty()), continues=continues)


def test_a_sitting_carries_on_only_from_the_same_childs_sitting_with_the_same_tool(laptop, store, central):
    ivy, finn = make_child(store, "Ivy Example"), make_child(store, "Finn Example")
    drawing = sitting_on(complete_visit(store, ivy), "drawing")
    store.sittings.save(drawing)
    later, finns = store.visits.new_draft(ivy.id), store.visits.new_draft(finn.id)
    assert laptop.sync().set_aside == 0

    def carried(visit, tool: str, continues: str):
        sitting = sitting_on(visit, tool, continues)
        result = push(laptop, "tool", sitting.id, visit.child_id, to_record(sitting))
        held = central.records().get(sitting.id)
        return (result.reason if result.status == "refused" else result.status), held

    for reason, held in (
        carried(finns, "drawing", drawing.id),  # another child's drawing
        carried(later, "drawing", str(uuid.uuid4())),  # a sitting the central record has never had
        carried(later, "drawing", later.id),  # a record that is not a sitting
    ):
        assert "does not hold for this child" in reason and held is None
    reason, held = carried(later, "three_houses", drawing.id)
    assert "same direct-work tool" in reason and held is None

    status, held = carried(later, "drawing", drawing.id)
    assert status == "applied" and json.loads(held["body"])["continues"] == drawing.id
