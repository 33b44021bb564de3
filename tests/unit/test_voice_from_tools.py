"""Words the child typed or said in a direct-work tool are their voice: finalising accepts them, and
they carry the tool as context. A tool opened but not used is told apart from one the child used."""

from __future__ import annotations

import pytest

from tests.conftest import complete_fields, make_child
from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Expressed, Sitting
from wvisit.domain.voice import as_quote, is_quoted
from wvisit.errors import VisitIncomplete
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.scaling import Scaling
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.tools.three_wishes import ThreeWishes


def sitting(visit, key: str, result) -> Sitting:
    tool = tools.get(key)
    return Sitting(visit.id, visit.child_id, key, tool.save(result), tool.summarise(result))


def test_a_visit_with_only_the_childs_words_in_three_houses_can_be_finalised(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    with pytest.raises(VisitIncomplete, match="the child's voice"):
        visits.finalise(store, visit.id)
    houses = ThreeHouses(worries=House("When mum shouts"), magic=True)
    visits.save_sitting(store, sitting(visit, "three_houses", houses))
    assert visits.finalise(store, visit.id).is_final


def test_a_tool_without_the_childs_words_is_not_their_voice(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    visits.save_sitting(store, sitting(visit, "scaling", Scaling(answer=7)))
    with pytest.raises(VisitIncomplete, match="the child's voice"):
        visits.finalise(store, visit.id)


def test_heard_words_say_how_and_which_tool_and_part(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    made = [
        sitting(visit, "three_houses", ThreeHouses(good_things=House("My dog Biscuit"))),
        sitting(visit, "scaling", Scaling(answer=3, words="Sometimes it's loud")),
        sitting(visit, "three_wishes", ThreeWishes(["A bike", "", "Go to the sea"])),
        sitting(visit, "drawing", Drawing([Stroke(points=[1, 2, 3, 4])], "me and nan")),
    ]
    heard = tools.heard_in(made)
    assert [(h.words, h.expressed, h.context) for h in heard] == [
        ("My dog Biscuit", Expressed.WROTE, "from Three Houses, house of good things"),
        (
            "Sometimes it's loud",
            Expressed.WROTE,
            "from Scaling question, asked \u201cHow safe do you feel at home?\u201d",
        ),
        ("A bike", Expressed.WROTE, "from Three wishes, a wish"),
        ("Go to the sea", Expressed.WROTE, "from Three wishes, a wish"),
        ("me and nan", Expressed.WROTE, "from Drawing, about their drawing"),
    ]
    assert all(h.visit_id == visit.id and h.child_id == child.id for h in heard)


def test_a_quoted_tool_answer_is_a_new_voice_entry_known_as_quoted(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    (heard,) = tools.heard_in([sitting(visit, "three_houses", ThreeHouses(dreams=House("Live with nan")))])
    assert not is_quoted(heard, store.visits.voice_for_visit(visit.id))
    quote = as_quote(heard)
    assert quote.id != heard.id and quote.words == heard.words
    visits.add_voice(store, quote)
    assert is_quoted(heard, store.visits.voice_for_visit(visit.id))


@pytest.mark.parametrize(
    ("key", "unused", "used"),
    [
        ("drawing", Drawing(), Drawing([Stroke(points=[5, 5])])),
        ("drawing", Drawing([Stroke(points=[5, 5], eraser=True)]), Drawing(words="a cat")),
        ("three_houses", ThreeHouses(magic=True), ThreeHouses(worries=House("school"))),
        ("scaling", Scaling(question="How happy are you at school?"), Scaling(answer=0)),
        ("three_wishes", ThreeWishes(), ThreeWishes(["", "a dog", ""])),
    ],
)
def test_a_tool_opened_but_unused_is_told_apart(store, key, unused, used):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    assert not tools.used(sitting(visit, key, unused))
    assert tools.used(sitting(visit, key, used))
