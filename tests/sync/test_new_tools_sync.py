"""The central record knows the newer tools by the same registry as the laptop: a Safety House, All about me,
body map or genogram sitting is accepted as pushed, and a malformed one is refused with its reason, nothing
stored."""

from __future__ import annotations

from tests.conftest import complete_visit
from tests.sync.test_central_validation import caseload_child, push
from wvisit import tools
from wvisit.domain import Sitting, to_record
from wvisit.tools.all_about_me import AllAboutMe
from wvisit.tools.safety_house import SafetyHouse


def test_a_safety_house_and_all_about_me_are_accepted_and_a_malformed_house_refused(laptop, store, central):
    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    laptop.sync()
    made = {
        "safety_house": SafetyHouse(["Nan", "Me"], ["My teacher"], ["Dad when he shouts"], ["Dad stops shouting"]),
        "all_about_me": AllAboutMe(likes="Football", tell_worker="I miss my brother"),
    }
    for key, result in made.items():
        sitting = Sitting(visit.id, ada.id, key, tools.get(key).save(result))
        assert push(laptop, "tool", sitting.id, ada.id, to_record(sitting)).status == "applied"
        assert sitting.id in central.records()

    for bad, reason in (
        ({"inside": "Nan"}, "A Safety House result"),
        ({"outside": ["Dad", "  "]}, "Stays outside has an empty entry."),
    ):
        sitting = Sitting(visit.id, ada.id, "safety_house", bad)
        result = push(laptop, "tool", sitting.id, ada.id, to_record(sitting))
        assert result.status == "refused" and reason in result.reason
        assert sitting.id not in central.records()


def test_a_body_map_is_accepted_and_one_with_a_mark_saying_nothing_is_refused(laptop, store, central):
    from wvisit.tools.body_map import BodyMap, Mark

    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    laptop.sync()
    body = BodyMap([Mark("back", 480, 300, "Bruise, yellow", "2 cm", "Said he fell")])
    good = Sitting(visit.id, ada.id, "body_map", tools.get("body_map").save(body))
    assert push(laptop, "tool", good.id, ada.id, to_record(good)).status == "applied"
    assert good.id in central.records()
    bad = Sitting(visit.id, ada.id, "body_map", {"marks": [{"side": "front", "x": 10, "y": 10, "note": ""}]})
    result = push(laptop, "tool", bad.id, ada.id, to_record(bad))
    assert result.status == "refused" and "Mark 1 needs what it looks like." in result.reason
    assert bad.id not in central.records()


def test_a_words_and_pictures_story_is_accepted_and_one_of_five_pictures_refused(laptop, store, central):
    from wvisit.tools.words_and_pictures import Panel, WordsAndPictures

    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    laptop.sync()
    story = WordsAndPictures([Panel("Mum, Leo and you"), Panel("One night the police came")], "Is Dad OK?")
    good = Sitting(visit.id, ada.id, "words_and_pictures", tools.get("words_and_pictures").save(story))
    assert push(laptop, "tool", good.id, ada.id, to_record(good)).status == "applied"
    bad = Sitting(visit.id, ada.id, "words_and_pictures", {"panels": [{"words": "a"}] * 5})
    result = push(laptop, "tool", bad.id, ada.id, to_record(bad))
    assert result.status == "refused" and "at most 4 pictures" in result.reason
    assert good.id in central.records() and bad.id not in central.records()


def test_a_genogram_is_accepted_and_one_naming_someone_not_in_it_refused(laptop, store, central):
    from wvisit.tools.genogram import Genogram, Member, Relationship

    laptop.sync()
    ada = caseload_child(store, "Ada Example")
    visit = complete_visit(store, ada)
    laptop.sync()
    family = Genogram(
        [Member("p1", "Ada Example", "The child", "female", 2017, child=True), Member("p2", "Sam Example", "Mum")],
        [Relationship("p2", "p1", "parent")],
    )
    good = Sitting(visit.id, ada.id, "genogram", tools.get("genogram").save(family))
    assert push(laptop, "tool", good.id, ada.id, to_record(good)).status == "applied"
    wrong = tools.get("genogram").save(family)
    wrong["relationships"].append({"first": "p2", "second": "p9", "kind": "parent"})
    bad = Sitting(visit.id, ada.id, "genogram", wrong)
    result = push(laptop, "tool", bad.id, ada.id, to_record(bad))
    assert result.status == "refused" and "names someone who is not in the genogram" in result.reason
    assert good.id in central.records() and bad.id not in central.records()
