"""The body map: marks with what they look like, their size and how they were explained, refused without
what the worker saw; never handed to the child nor counted as the child's voice; on a child protection
case saving one adds "tell your manager today" to My tasks, once a day."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from tests.conftest import complete_visit, make_child
from tests.unit.test_tasks import POLICY
from wvisit import tools
from wvisit.app.body_map import TELL_MANAGER, save_body_map
from wvisit.app.queries.tasks import Group, TaskKind, tasks
from wvisit.domain import LegalStatus, Sitting
from wvisit.errors import InvalidValue
from wvisit.tools.body_map import BodyMap, Mark

TODAY = date(2026, 3, 2)
BRUISE = Mark("front", 300, 420, "Bruise, yellow-green, round", "about 2 cm across", "Mum said he fell off his bike")


def test_the_summary_numbers_each_mark_as_the_picture_does():
    body = BodyMap([BRUISE, Mark("back", 500, 800, "Scratch", "3 cm long")])
    assert tools.get("body_map").summarise(body) == (
        "1. Front: Bruise, yellow-green, round, about 2 cm across. Explained: Mum said he fell off his bike\n"
        "2. Back: Scratch, 3 cm long. Explained: no explanation recorded"
    )
    assert tools.get("body_map").summarise(BodyMap()) == "No marks recorded"


@pytest.mark.parametrize(
    ("mark", "sentence"),
    [
        (Mark("front", 10, 10, " ", "2 cm"), "Mark 1 needs what it looks like."),
        (Mark("front", 10, 10, "Bruise", ""), "Mark 1 needs its size."),
        (Mark("side", 10, 10, "Bruise", "2 cm"), "Mark 1 is not on the front or back outline."),
        (Mark("back", 10, 1001, "Bruise", "2 cm"), "Mark 1 is not on the front or back outline."),
    ],
)
def test_a_mark_without_what_was_seen_or_off_the_outline_is_refused(mark, sentence):
    with pytest.raises(InvalidValue, match=re.escape(sentence)):
        tools.get("body_map").validate(tools.get("body_map").save(BodyMap([mark])))


def test_it_is_the_workers_record_not_the_childs_work_or_voice():
    tool = tools.get("body_map")
    assert tool.for_worker and tool.pictured
    sitting = Sitting("v", "c", "body_map", tool.save(BodyMap([BRUISE])))
    assert tools.heard_in([sitting]) == []  # an explanation here is not the child's voice


def body_map_of(store, status: LegalStatus) -> tuple[str, Sitting]:
    child = make_child(store, status=status)
    visit = complete_visit(store, child)
    tool = tools.get("body_map")
    return child.id, Sitting(
        visit.id, child.id, "body_map", tool.save(BodyMap([BRUISE])), tool.summarise(BodyMap([BRUISE]))
    )


def manager_tasks(store, today=TODAY):
    return [t for t in tasks(store, POLICY, today) if t.kind == TaskKind.ACTION and TELL_MANAGER in t.what]


def test_on_a_child_protection_case_it_adds_tell_your_manager_today_to_my_tasks_once(store):
    child_id, sitting = body_map_of(store, LegalStatus.CP)
    assert save_body_map(store, sitting, "Sam Patel", TODAY)
    (task,) = manager_tasks(store)
    assert task.child_id == child_id and task.due == TODAY and task.who == "Sam Patel"
    assert task.what == f"{TELL_MANAGER} (2 Mar 2026)" and task.group == Group.THIS_WEEK
    assert save_body_map(store, sitting, "Sam Patel", TODAY)  # saved again after a change: still one task
    assert len(manager_tasks(store)) == 1
    assert [t.group for t in manager_tasks(store, TODAY + timedelta(days=1))] == [Group.OVERDUE]
    assert store.sittings.get(sitting.id).summary.startswith("1. Front: Bruise")


@pytest.mark.parametrize("status", [LegalStatus.CIN, LegalStatus.CLA])
def test_on_another_case_it_is_saved_without_the_task(store, status):
    _, sitting = body_map_of(store, status)
    assert not save_body_map(store, sitting, "Sam Patel", TODAY)
    assert manager_tasks(store) == []
    assert tools.get("body_map").load(store.sittings.get(sitting.id).result) == BodyMap([BRUISE])


def test_an_empty_body_map_on_a_child_protection_case_asks_nothing(store):
    child = make_child(store, status=LegalStatus.CP)
    visit = complete_visit(store, child)
    assert not save_body_map(store, Sitting(visit.id, child.id, "body_map", {"marks": []}), "Sam Patel", TODAY)
    assert manager_tasks(store) == []
