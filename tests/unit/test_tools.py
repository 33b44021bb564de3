"""Direct-work tools as data: results saved and read back exactly, summaries in the child's words, trends."""

from __future__ import annotations

import dataclasses
import re
import typing
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import complete_visit, make_child
from tests.security.test_no_plaintext import assert_no_sentinel, every_file_under
from wvisit import tools
from wvisit.domain import Sitting
from wvisit.errors import InvalidValue, VisitFinalised
from wvisit.tools.all_about_me import AllAboutMe
from wvisit.tools.body_map import BodyMap, Mark
from wvisit.tools.drawing import Drawing, Stroke, check_strokes
from wvisit.tools.feelings import Feelings
from wvisit.tools.genogram import Genogram, Member, Relationship
from wvisit.tools.my_people import MyPeople, Person
from wvisit.tools.safety_house import SafetyHouse
from wvisit.tools.scaling import Scaling
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.tools.three_wishes import ThreeWishes
from wvisit.tools.trends import trends
from wvisit.tools.words_and_pictures import Panel, WordsAndPictures

SAMPLES = {
    "drawing": Drawing([Stroke("#d32f2f", 10, [10, 20, 30, 40]), Stroke("#ffffff", 24, [5, 5], eraser=True)], "my cat"),
    "three_houses": ThreeHouses(
        worries=House("when mum shouts \U0001f622", [Stroke(points=[1, 2, 3, 4])]),
        good_things=House("my bike"),
        dreams=House("\u05d7\u05dc\u05d5\u05dd a big garden"),
        magic=True,
    ),
    "scaling": Scaling("How safe do you feel at home?", 7, "safer since the new lock"),
    "feelings": Feelings(["happy", "tired"], "I stayed up late"),
    "my_people": MyPeople([Person("Mum", 1, "strong", 270), Person("Jo Example", 3, "stressful", 45)]),
    "three_wishes": ThreeWishes(["a puppy", "see my brother", ""]),
    "safety_house": SafetyHouse(["Nan", "Me"], ["My teacher"], ["Dad when he shouts"], ["Dad stops shouting"]),
    "all_about_me": AllAboutMe("football \U0001f3c8", "shouting", "my brother", "I miss him"),
    "words_and_pictures": WordsAndPictures(
        [Panel("Mum, Leo and you", [Stroke(points=[1, 2, 3, 4])]), Panel("One night the police came")], "Is Dad OK?"
    ),
    "body_map": BodyMap(
        [Mark("back", 480, 300, "Bruise \u2014 yellow", "2 cm", "Said he fell"), Mark(note="Red", size="1 cm")]
    ),
    "genogram": Genogram(
        [Member("p1", "Ada \u00c9xample", "The child", "female", 2017, child=True), Member("p2", "Sam", "Mum")],
        [Relationship("p2", "p1", "parent")],
    ),
}


def any_result(key: str) -> st.SearchStrategy:
    """Any result of the tool's type, every field drawn, in nested strokes, houses and people too."""
    return every_field(tools.get(key).result_type)


def every_field(cls: type) -> st.SearchStrategy:
    def drawn(hint) -> object:
        if dataclasses.is_dataclass(hint):
            return every_field(hint)
        if typing.get_origin(hint) is list and dataclasses.is_dataclass(typing.get_args(hint)[0]):
            return st.lists(every_field(typing.get_args(hint)[0]), max_size=3)
        return ...

    hints = typing.get_type_hints(cls)
    return st.builds(cls, **{f.name: drawn(hints[f.name]) for f in dataclasses.fields(cls)})


def test_every_tool_in_the_registry_has_a_sample_here():
    assert set(tools.REGISTRY) == set(SAMPLES)


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_each_tools_result_is_stored_and_read_back_exactly(store, key):
    child = make_child(store)
    visit = complete_visit(store, child)
    tool = tools.get(key)
    session = Sitting(visit.id, child.id, key, tool.save(SAMPLES[key]), tool.summary(tool.save(SAMPLES[key])))
    store.sittings.save(session)
    (back,) = store.sittings.for_visit(visit.id)
    assert tool.load(back.result) == SAMPLES[key]
    assert back.summary == session.summary


def test_summaries_are_the_childs_own_words():
    summary = {key: tools.get(key).summary(tools.get(key).save(result)) for key, result in SAMPLES.items()}
    assert (
        summary["scaling"]
        == "\u201cHow safe do you feel at home?\u201d: 7 out of 10; said \u201csafer since the new lock\u201d"
    )
    assert "House of worries: \u201cwhen mum shouts \U0001f622\u201d (drew in it)" in summary["three_houses"]
    assert summary["feelings"] == "Picked the faces: happy, tired; said \u201cI stayed up late\u201d"
    assert summary["my_people"] == "Very close: Mum (strong)\nFurther away: Jo Example (stressful)"
    assert summary["three_wishes"] == "Wished for: \u201ca puppy\u201d; \u201csee my brother\u201d"
    assert summary["drawing"] == "Drew a picture and said \u201cmy cat\u201d"


def test_a_scaling_answer_is_0_to_10_and_a_person_needs_a_name():
    with pytest.raises(InvalidValue):
        Scaling().answered(11)
    with pytest.raises(InvalidValue):
        Person(" ").validate()


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_every_sample_result_passes_its_tools_check(key):
    tool = tools.get(key)
    tool.validate(tool.save(SAMPLES[key]))
    tool.validate({})  # nothing done yet: the empty result a sitting starts with


BAD = [
    ("my_people", MyPeople([Person("  ", 9)]), "Each person needs a name."),
    ("my_people", MyPeople([Person("Mum", 9)]), "ring 1, 2 or 3"),
    ("my_people", MyPeople([Person("Mum", 1, "wobbly")]), "strong, weak or stressful line"),
    ("scaling", Scaling("How safe?", 11), "a number from 0 to 10"),
    ("scaling", Scaling("How safe?", -1), "a number from 0 to 10"),
    ("scaling", Scaling(" ", 5), "needs its question"),
    ("feelings", Feelings(["happy", "bored"]), "not one of the faces offered"),
    ("feelings", Feelings(["happy", "happy"]), "Each face is picked once."),
    ("drawing", Drawing([Stroke(points=[10, 20, 30])]), "x, y pairs from 0 to 1000"),
    ("drawing", Drawing([Stroke(points=[10, 2000])]), "x, y pairs from 0 to 1000"),
    ("drawing", Drawing([Stroke(colour="red")]), "#rrggbb"),
    ("drawing", Drawing([Stroke(width=0)]), "thickness is from 1 to 100"),
    ("three_houses", ThreeHouses(dreams=House("a dog", [Stroke(points=[-1, 5])])), "x, y pairs"),
    ("three_wishes", ThreeWishes(["a", "b", "c", "d"]), "at most 3 wishes"),
    ("safety_house", SafetyHouse(outside=["Dad", " "]), "Stays outside has an empty entry."),
    ("words_and_pictures", WordsAndPictures([Panel()] * 5), "at most 4 pictures"),
    ("safety_house", SafetyHouse(inside=["Me"] * 21), "Inside my safe house holds at most 20 entries."),
]


@pytest.mark.parametrize(("key", "result", "sentence"), BAD, ids=[f"{key}-{sentence}" for key, _, sentence in BAD])
def test_each_tool_refuses_a_result_no_child_could_make(key, result, sentence):
    with pytest.raises(InvalidValue, match=re.escape(sentence)):
        tools.get(key).validate(tools.get(key).save(result))


@pytest.mark.parametrize(
    ("key", "record"),
    [
        ("my_people", {"people": [{"ring": 1}]}),
        ("my_people", {"people": "Mum"}),
        ("scaling", {"answer": "7"}),
        ("scaling", {"answer": True}),
        ("feelings", {"chosen": "happy"}),
        ("three_houses", {"worries": []}),
        ("three_wishes", {"wishes": [1, 2, 3]}),
        ("safety_house", {"inside": "Nan"}),
        ("all_about_me", {"likes": ["football"]}),
        ("body_map", {"marks": [{"side": "front", "x": "500"}]}),
        ("words_and_pictures", {"panels": {"words": "a"}}),
        ("genogram", {"people": [{"id": "p1", "name": "Sam", "born": "1990"}]}),
    ],
)
def test_a_result_of_the_wrong_shape_is_refused_plainly(key, record):
    with pytest.raises(InvalidValue, match=f"^A {re.escape(tools.get(key).title)} result "):
        tools.get(key).validate(record)


def test_the_store_refuses_a_person_without_a_name_in_ring_9(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    bad = Sitting(visit.id, child.id, "my_people", {"people": [{"name": "", "ring": 9}]})
    with pytest.raises(InvalidValue, match=r"Each person needs a name\."):
        store.sittings.save(bad)
    assert store.sittings.for_visit(visit.id) == []


def test_the_store_refuses_a_sitting_with_a_tool_it_does_not_know(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    with pytest.raises(InvalidValue, match="update wvisit"):
        store.sittings.save(Sitting(visit.id, child.id, "puppet_show", {}))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(SAMPLES)).flatmap(lambda key: st.tuples(st.just(key), any_result(key))))
def test_any_result_is_read_or_refused_by_its_tools_rules_only(drawn):
    key, result = drawn
    tool = tools.get(key)
    try:
        tool.rules(result)
    except InvalidValue as own:
        with pytest.raises(InvalidValue, match=re.escape(str(own))):
            tool.validate(tool.save(result))
    else:
        tool.validate(tool.save(result))


@given(st.lists(st.integers(0, 10), min_size=1, max_size=12))
def test_trends_follow_each_answer_in_time_order(answers):
    start = datetime(2026, 1, 5, tzinfo=UTC)
    sessions = [
        Sitting(
            "v",
            "c",
            "scaling",
            tools.get("scaling").save(Scaling("How safe?", a)),
            started_at=start + timedelta(days=14 * i),
        )
        for i, a in reversed(list(enumerate(answers)))
    ]
    sessions.append(Sitting("v", "c", "drawing", {}))  # a drawing has no number: not charted
    assert trends(sessions) == {
        "How safe?": [((start + timedelta(days=14 * i)).date(), float(a)) for i, a in enumerate(answers)]
    }


def test_sittings_of_a_finalised_visit_do_not_change(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    session = Sitting(visit.id, child.id, "feelings", tools.get("feelings").save(SAMPLES["feelings"]))
    store.sittings.save(session)
    store.visits.finalise(visit.id)
    with pytest.raises(VisitFinalised):
        store.sittings.save(session)


def test_no_tool_data_reaches_the_disk_unsealed(store, data_dir):
    child = make_child(store)
    visit = complete_visit(store, child)
    words = ["SENTINELHOUSEQX", "SENTINELPERSONQX", "SENTINELWISHQX"]
    results = {
        "three_houses": ThreeHouses(worries=House(words[0])),
        "my_people": MyPeople([Person(words[1])]),
        "three_wishes": ThreeWishes([words[2], "", ""]),
    }
    for key, result in results.items():
        tool = tools.get(key)
        store.sittings.save(
            Sitting(visit.id, child.id, key, tool.save(result), tool.summarise(result), picture_png="iVBORw0KGgo=")
        )
    store.close()
    assert_no_sentinel(every_file_under(data_dir), words)


def test_a_stroke_point_that_is_not_a_whole_number_is_refused_even_past_the_shape_check():
    """min and max step over a NaN, so the range alone would let one through to the painter."""
    for points in ([10, float("nan")], [float("nan"), 10], [10.5, 20]):
        with pytest.raises(InvalidValue, match="x, y pairs"):
            check_strokes([Stroke(points=points)])  # type: ignore[list-item]
