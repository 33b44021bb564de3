"""Safety House and All about me: what the record says in the child's words, which of it counts as the
child's voice (finalising accepts it) and when the tool was opened but not used."""

from __future__ import annotations

import pytest

from tests.conftest import complete_fields, make_child
from tests.unit.test_voice_from_tools import sitting
from wvisit import tools
from wvisit.app import visits
from wvisit.domain import Expressed
from wvisit.errors import VisitIncomplete
from wvisit.tools.all_about_me import AllAboutMe
from wvisit.tools.safety_house import SafetyHouse

HOUSE = SafetyHouse(["Nan", "Me"], [], ["Dad when he shouts"], ["Dad stops shouting", "I can phone Nan"])


def test_the_safety_house_summary_keeps_each_part_apart_in_the_childs_words():
    assert tools.get("safety_house").summarise(HOUSE) == (
        "Inside my safe house: \u201cNan\u201d; \u201cMe\u201d\n"
        "Stays outside: \u201cDad when he shouts\u201d\n"
        "The path to my safe house: \u201cDad stops shouting\u201d; \u201cI can phone Nan\u201d"
    )
    assert tools.get("safety_house").summarise(SafetyHouse()) == "Nothing put in the safe house this time"


def test_all_about_me_says_each_answer_under_its_question():
    me = AllAboutMe(likes="Football and my dog", tell_worker="  I miss my brother ")
    assert tools.get("all_about_me").summarise(me) == (
        "Things I like: \u201cFootball and my dog\u201d\nWhat I want my worker to know: \u201cI miss my brother\u201d"
    )
    assert tools.get("all_about_me").summarise(AllAboutMe()) == "Did not fill in All about me this time"


def test_what_the_child_put_in_either_tool_is_their_voice_with_the_part_as_context(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    made = [
        sitting(visit, "safety_house", HOUSE),
        sitting(visit, "all_about_me", AllAboutMe(important="Nan")),
    ]
    assert [(h.words, h.expressed, h.context) for h in tools.heard_in(made)] == [
        ("Nan, Me", Expressed.WROTE, "from Safety House, inside my safe house"),
        ("Dad when he shouts", Expressed.WROTE, "from Safety House, stays outside"),
        ("Dad stops shouting, I can phone Nan", Expressed.WROTE, "from Safety House, the path to my safe house"),
        ("Nan", Expressed.WROTE, "from All about me, people who are important to me"),
    ]


@pytest.mark.parametrize("key", ["safety_house", "all_about_me"])
def test_a_visit_with_only_these_words_from_the_child_can_be_finalised(store, key):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    tool = tools.get(key)
    visits.save_sitting(store, sitting(visit, key, tool.empty()))
    with pytest.raises(VisitIncomplete, match="the child's voice"):
        visits.finalise(store, visit.id)
    made = HOUSE if key == "safety_house" else AllAboutMe(dislikes="Shouting")
    visits.save_sitting(store, sitting(visit, key, made))
    assert visits.finalise(store, visit.id).is_final


@pytest.mark.parametrize(
    ("key", "unused", "used"),
    [
        ("safety_house", SafetyHouse(), SafetyHouse(visiting=["My teacher"])),
        ("all_about_me", AllAboutMe(likes="  "), AllAboutMe(likes="cats")),
    ],
)
def test_opened_but_unused_is_told_apart(store, key, unused, used):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    assert not tools.used(sitting(visit, key, unused))
    assert tools.used(sitting(visit, key, used))


def test_a_letter_offers_the_safe_house_without_its_names_and_does_not_choose_it(store):
    """Who stays outside the child's safe house may be at home when the letter is read: the letter only
    says a safe house was made, and the worker has to tick even that."""
    from tests.unit.test_letter import chosen_at_first, material
    from wvisit.writing import letter

    made = material(store, safety_house=HOUSE)
    (item,) = [i for i in made.items if i.source == "Safety House"]
    assert item.line == "You made your safe house with me." and not item.chosen_at_first
    text = letter.draft(made, chosen_at_first(made))
    assert "Dad" not in text and "safe house" not in text


def test_words_and_pictures_keeps_the_story_apart_from_what_the_child_said(store):
    """The words under the pictures are the worker's explanation; only what the child said about it is
    their voice."""
    from wvisit.tools.drawing import Stroke
    from wvisit.tools.words_and_pictures import Panel, WordsAndPictures

    story = WordsAndPictures(
        [Panel("Mum, Leo and you", [Stroke(points=[1, 2, 3, 4])]), Panel(), Panel(strokes=[Stroke(points=[5, 5])])],
        "Can I still see Dad?",
    )
    assert tools.get("words_and_pictures").summarise(story) == (
        "Who is in the story: \u201cMum, Leo and you\u201d (with a picture)\n"
        "Who is worried, and why: a picture\n"
        "The child said: \u201cCan I still see Dad?\u201d"
    )
    child = make_child(store)
    visit = store.visits.new_draft(child.id, **complete_fields())
    (heard,) = tools.heard_in([sitting(visit, "words_and_pictures", story)])
    assert (heard.words, heard.context) == (
        "Can I still see Dad?",
        "from Words and Pictures, what they said about the story",
    )
    told = WordsAndPictures([Panel("Dad hurt Mum")])
    assert tools.heard_in([sitting(visit, "words_and_pictures", told)]) == []
    assert tools.used(sitting(visit, "words_and_pictures", told))
    assert not tools.used(sitting(visit, "words_and_pictures", WordsAndPictures()))
