"""A visit finalised or discarded in another window just before this window writes is never changed
by that write: each change to a visit, its child's words or its direct work checks the visit is still
a draft inside the write's own transaction, where no other window can commit. (The check was made
before the transaction began: another window's commit in between was overwritten, so a finalised
visit could be discarded, a discarded one finalised, or words added to a finalised record.)

"Another window" is a second Store on the same file, acting just as this window's transaction is
about to begin, after every check this window made before it."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.domain import Expressed, Sitting, VisitStatus, VoiceEntry
from wvisit.errors import VisitDiscarded, VisitFinalised
from wvisit.store import Store
from wvisit.store.context import StoreContext

Act = Callable[[Store], object]


@pytest.fixture
def another_window_first(monkeypatch, data_dir, vault_and_keys) -> Callable[[Act], None]:
    """`arrange(act)`: the next transaction this process begins first lets another window do `act`."""

    def arrange(act: Act) -> None:
        begin = StoreContext.transaction
        waiting = [act]

        def transaction(self: StoreContext):
            if waiting:
                other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
                waiting.pop()(other)
                other.close()
            return begin(self)

        monkeypatch.setattr(StoreContext, "transaction", transaction)

    return arrange


@pytest.fixture
def draft(store):
    child = make_child(store)
    return complete_visit(store, child)


def finalise(other: Store, visit) -> None:
    other.visits.finalise(visit.id)


def discard(other: Store, visit) -> None:
    other.visits.discard(visit.id, "started for the wrong child")


def test_a_discard_does_not_overwrite_a_visit_finalised_in_another_window(store, draft, another_window_first):
    another_window_first(lambda other: finalise(other, draft))
    with pytest.raises(VisitFinalised):
        store.visits.discard(draft.id, "started for the wrong child")
    assert store.visits.get(draft.id).status is VisitStatus.FINAL


def test_finalising_does_not_overwrite_a_visit_discarded_in_another_window(store, draft, another_window_first):
    another_window_first(lambda other: discard(other, draft))
    with pytest.raises(VisitDiscarded):
        store.visits.finalise(draft.id)
    assert store.visits.get(draft.id).status is VisitStatus.DISCARDED


def test_the_childs_words_are_not_added_to_a_visit_finalised_in_another_window(store, draft, another_window_first):
    words = VoiceEntry(visit_id=draft.id, child_id=draft.child_id, words="I want to stay", expressed=Expressed.SAID)
    before = store.visits.voice_for_visit(draft.id)
    another_window_first(lambda other: finalise(other, draft))
    with pytest.raises(VisitFinalised):
        store.visits.add_voice(words)
    assert store.visits.voice_for_visit(draft.id) == before


@pytest.mark.parametrize("first_save", [False, True], ids=["a new sitting", "a drawing's next stroke"])
def test_direct_work_is_not_saved_to_a_visit_finalised_in_another_window(
    store, draft, another_window_first, first_save
):
    stroke = {"points": [10, 10, 20, 20], "colour": "#000000", "width": 4}
    sitting = Sitting(draft.id, draft.child_id, "drawing", {"strokes": [stroke]})
    if first_save:
        store.sittings.save(sitting)
        sitting.result = {"strokes": [stroke, {**stroke, "points": [30, 30, 40, 40]}]}
    before = [s.result for s in store.sittings.for_visit(draft.id)]
    another_window_first(lambda other: finalise(other, draft))
    with pytest.raises(VisitFinalised):
        store.sittings.save(sitting)
    assert [s.result for s in store.sittings.for_visit(draft.id)] == before
