"""The genogram: people, relationships and households kept as data and read back exactly; shapes no family
has refused with a plain sentence; laid out by generation with each household in its own outline; carried
on from visit to visit; its people joining the child's key people and household without duplicates."""

from __future__ import annotations

import itertools
import re
import subprocess
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QRectF

from tests.conftest import complete_visit, make_child
from wvisit import tools
from wvisit.app import visits
from wvisit.app.genogram import add_to_child_record, genogram_for_visit, same_name
from wvisit.domain import KeyPerson, Sitting
from wvisit.errors import InvalidValue
from wvisit.tools import pictures
from wvisit.tools.genogram import Genogram, Member, Relationship
from wvisit.tools.genogram_layout import generations, lay_out

TODAY = date(2026, 3, 2)


def family() -> Genogram:
    """Ada lives with Mum and her brother; Dad, divorced from Mum, lives with his partner and their baby;
    Mum's parents, her dad now dead; Ada is close to Nan."""
    return Genogram(
        [
            Member("p1", "Ada Example", "The child", "female", 2017, household="Mum's flat", child=True),
            Member("p2", "Sam Example", "Mum", "female", 1990, household="Mum's flat"),
            Member("p3", "Lee Example", "Dad", "male", 1988, household="Dad's house"),
            Member("p4", "Leo Example", "Brother", "male", 2014, household="Mum's flat"),
            Member("p5", "Jo Example", "Nan", "female", 1962),
            Member("p6", "Ray Example", "Grandad", "male", 1958, deceased=True),
            Member("p7", "Kim Example", "Dad's partner", "female", 1992, household="Dad's house"),
        ],
        [
            Relationship("p2", "p3", "divorced"),
            Relationship("p2", "p1", "parent"),
            Relationship("p3", "p1", "parent"),
            Relationship("p2", "p4", "parent"),
            Relationship("p5", "p6", "married"),
            Relationship("p5", "p2", "parent"),
            Relationship("p3", "p7", "partners"),
            Relationship("p1", "p5", "close"),
        ],
    )


def test_a_genogram_is_saved_as_a_sitting_and_read_back_exactly(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    tool = tools.get("genogram")
    sitting = Sitting(visit.id, child.id, "genogram", tool.save(family()), tool.summarise(family()))
    visits.save_sitting(store, sitting)
    (back,) = store.sittings.for_visit(visit.id)
    assert tool.load(back.result) == family()


def test_the_record_says_who_is_who_where_they_live_and_how_they_are_related():
    summary = tools.get("genogram").summarise(family())
    assert summary.splitlines()[:2] == [
        "Ada Example (The child, born 2017, lives in Mum's flat)",
        "Sam Example (Mum, born 1990, lives in Mum's flat)",
    ]
    assert "Ray Example (Grandad, born 1958, died)" in summary
    assert "Living in Mum's flat: Ada Example, Sam Example, Leo Example" in summary
    assert "Living in Dad's house: Lee Example, Kim Example" in summary
    assert "Sam Example is divorced from Lee Example" in summary
    assert "Sam Example is the child of Jo Example" in summary
    assert "Ada Example is the child of Sam Example and Lee Example" in summary
    assert "Ada Example is close to Jo Example" in summary
    assert tools.get("genogram").summarise(Genogram()) == "No one in the genogram yet"


def test_it_is_the_workers_record_and_counts_as_used_once_someone_besides_the_child_is_in_it():
    tool = tools.get("genogram")
    assert tool.for_worker and tool.pictured
    only_the_child = Genogram([Member("p1", "Ada", child=True)])
    assert not tool.used(only_the_child) and tool.used(family())
    assert tools.heard_in([Sitting("v", "c", "genogram", tool.save(family()))]) == []  # not the child's voice


def with_link(link: Relationship) -> Genogram:
    return replace(family(), relationships=[*family().relationships, link])


BAD = [
    (with_link(Relationship("p2", "p9", "parent")), "Relationship 9 names someone who is not in the genogram."),
    (with_link(Relationship("p2", "p2", "close")), "Relationship 9 joins a person to themselves."),
    (
        with_link(Relationship("p2", "p3", "engaged")),
        "Relationship 9 is not a kind of relationship the genogram knows.",
    ),
    (with_link(Relationship("p3", "p2", "divorced")), "Relationship 9 is already in the genogram."),
    (with_link(Relationship("p1", "p2", "parent")), "Relationship 9 makes two people each other's parent."),
    (Genogram([Member("p1", "  ")]), "Person 1 in the genogram needs a name."),
    (Genogram([Member("p1", "Sam", sex="other")]), "Person 1 in the genogram is male, female or not known."),
    (Genogram([Member("p1", "Sam", born=1066)]), "Person 1 in the genogram has a year of birth that cannot be right."),
    (Genogram([Member("p1", "Sam"), Member("p1", "Leo")]), "Each person in the genogram needs an id of their own."),
    (Genogram([Member("p1", "Ada", child=True), Member("p2", "Leo", child=True)]), "Only one person"),
    (Genogram([Member(f"p{n}", "Sam") for n in range(61)]), "A genogram holds at most 60 people."),
    (Genogram([Member("p1", "S" * 121)]), "Person 1 in the genogram has a name longer than 120 characters."),
    (
        Genogram([Member("p1", "Sam", "M" * 81)]),
        "Person 1 in the genogram has a relationship to the child longer than 80 characters.",
    ),
    (
        Genogram([Member("p1", "Sam", household="H" * 81)]),
        "Person 1 in the genogram has a household longer than 80 characters.",
    ),
    (Genogram([Member("p" * 21, "Sam")]), "Person 1 in the genogram has an id longer than 20 characters."),
]


@pytest.mark.parametrize(("genogram", "sentence"), BAD, ids=[sentence for _, sentence in BAD])
def test_a_genogram_no_family_could_have_is_refused_plainly(genogram, sentence):
    with pytest.raises(InvalidValue, match=re.escape(sentence)):
        tools.get("genogram").validate(tools.get("genogram").save(genogram))


@given(field=st.sampled_from(["name", "relationship", "household"]), extra=st.integers(1, 5000))
def test_a_field_past_its_bound_is_refused_without_saying_what_was_typed(field, extra):
    """Names and the worker's words are bounded one by one (not only by the size of a whole record), and
    the refusal says which field, never its value; each at its bound is kept."""
    most = {"name": 120, "relationship": 80, "household": 80}[field]
    tool = tools.get("genogram")
    child = Member("p1", "Ada Example", child=True)
    tool.validate(tool.save(Genogram([child, replace(Member("p2", "Lee Example"), **{field: "Q" * most})])))
    too_long = replace(Member("p2", "Lee Example"), **{field: "Q" * (most + extra)})
    with pytest.raises(InvalidValue, match=f"Person 2 in the genogram has a .* longer than {most} characters") as no:
        tool.validate(tool.save(Genogram([child, too_long])))
    assert "Q" not in str(no.value) and "Example" not in str(no.value)


def test_the_store_refuses_a_relationship_to_someone_not_in_the_genogram_and_keeps_nothing(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    bad = with_link(Relationship("p2", "p9", "parent"))
    with pytest.raises(InvalidValue, match="not in the genogram"):
        store.sittings.save(Sitting(visit.id, child.id, "genogram", tools.get("genogram").save(bad)))
    assert store.sittings.for_visit(visit.id) == []


def test_generations_put_grandparents_over_parents_over_the_child():
    rows = generations(family())
    assert rows["p5"] == rows["p6"] == 0  # Nan and Grandad
    assert rows["p2"] == rows["p3"] == rows["p7"] == 1  # Mum, Dad and Dad's partner
    assert rows["p1"] == rows["p4"] == 2  # Ada and her brother


def test_each_household_has_its_own_columns_so_its_outline_takes_in_no_one_else():
    layout = lay_out(family())
    bands = {band.household: band for band in layout.bands}
    assert list(bands) == ["Mum's flat", "Dad's house", ""]  # the child's home first
    for person in family().people:
        band = bands[person.household]
        x, row = layout.places[person.id]
        assert band.left < x < band.left + band.width and band.top_row <= row <= band.bottom_row
    ordered = sorted(layout.bands, key=lambda band: band.left)
    assert all(a.left + a.width <= b.left for a, b in itertools.pairwise(ordered))


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), st.sampled_from(["parent", "married", "siblings"]))))
def test_any_tangle_of_relationships_is_laid_out_with_everyone_placed(links):
    """Even contradictory ones (a parent also a partner): the layout ends and places everyone."""
    people = [Member(f"p{n}", f"Person {n}", household=["", "A", "B"][n % 3], child=n == 0) for n in range(6)]
    genogram = Genogram(people, [Relationship(f"p{a}", f"p{b}", kind) for a, b, kind in links if a != b])
    layout = lay_out(genogram)
    assert set(layout.places) == {person.id for person in people}


def test_the_picture_puts_each_person_where_the_layout_says_inside_the_picture(qapp):
    rect = QRectF(0, 0, 800, 500)
    centres, side = pictures.genogram_centres(family(), rect)
    assert set(centres) == {person.id for person in family().people} and side > 10
    assert all(rect.contains(centre) for centre in centres.values())
    assert centres["p5"].y() < centres["p2"].y() < centres["p1"].y()  # Nan over Mum over Ada
    assert pictures.has_picture("genogram", tools.get("genogram").save(family()))
    picture = pictures.image("genogram", tools.get("genogram").save(family()), 600)
    assert picture.width() / picture.height() == pytest.approx(pictures.genogram_aspect(family()), rel=0.01)
    drawn, _ = pictures.genogram_centres(family(), QRectF(picture.rect()))  # in the family's own shape
    ada, leo = drawn["p1"], drawn["p4"]
    assert picture.pixelColor(ada.toPoint()).name() == "#ffe0b2"  # the child stands out, filled
    assert picture.pixelColor(leo.toPoint()).name() == "#ffffff"


def test_a_visit_starts_from_the_childs_newest_genogram_and_leaves_that_one_as_it_was(store):
    child = make_child(store)
    first = complete_visit(store, child)
    started = genogram_for_visit(store, first.id)
    assert tools.get("genogram").load(started.result).people == [
        Member("p1", "Ada Example", "The child", born=2016, child=True)
    ]
    visits.save_sitting(store, replace(started, result=tools.get("genogram").save(family())))
    later = complete_visit(store, child)
    carried = genogram_for_visit(store, later.id)
    assert carried.continues == started.id and carried.visit_id == later.id and carried.id != started.id
    assert tools.get("genogram").load(carried.result) == family()
    assert genogram_for_visit(store, first.id).id == started.id  # the one already on this visit


def test_its_people_join_the_key_people_and_household_without_duplicates(store):
    child = make_child(store)
    store.children.amend(
        child.id,
        lambda c: c.key_people.extend([KeyPerson("sam  EXAMPLE", "Mother"), KeyPerson("Jo Example")]),
        TODAY,
    )
    joined = add_to_child_record(store, child.id, family(), TODAY)
    assert joined.key_people == ["Lee Example", "Leo Example", "Kim Example"]
    assert joined.already == ["Sam Example", "Jo Example"] and joined.household == ["Sam Example", "Leo Example"]
    record = store.children.get(child.id)
    assert [(p.name, p.relationship) for p in record.key_people] == [
        ("sam  EXAMPLE", "Mother"),  # as the worker wrote it
        ("Jo Example", "Nan"),  # a blank relationship filled in from the genogram
        ("Lee Example", "Dad"),
        ("Leo Example", "Brother"),
        ("Kim Example", "Dad's partner"),
    ]  # not the child herself, not Grandad who has died
    assert [p.name for p in record.household] == ["Sam Example", "Leo Example"]

    again = add_to_child_record(store, child.id, family(), TODAY + timedelta(days=1))
    assert again.key_people == [] and again.household == [] and len(again.already) == 5
    assert len(store.children.get(child.id).key_people) == 5


def test_names_are_the_same_person_whatever_the_case_spacing_or_accent_typing():
    assert same_name("  Zo\u00eb   Example ") == same_name("zoe\u0308 example")
    assert same_name("Sam Example") != same_name("Sam Examples")


def test_a_bad_genogram_adds_no_one(store):
    child = make_child(store)
    with pytest.raises(InvalidValue, match="not in the genogram"):
        add_to_child_record(store, child.id, with_link(Relationship("p2", "p9", "parent")), TODAY)
    assert store.children.get(child.id).key_people == []


def test_the_case_file_has_the_genogram_painted_from_its_data(store, qapp, tmp_path):
    from tests.unit.test_case_file_pdf import pages_text
    from wvisit.app import exports
    from wvisit.pdf import write_pdf

    child = make_child(store)
    visit = complete_visit(store, child)
    tool = tools.get("genogram")
    visits.save_sitting(store, Sitting(visit.id, child.id, "genogram", tool.save(family()), tool.summarise(family())))
    store.visits.finalise(visit.id)
    out = tmp_path / "visit.pdf"
    exports.export_visit(store, visit.id, "pdf", out, write_pdf)
    whole = " ".join(pages_text(out))
    assert "Genogram" in whole and "Sam Example is divorced from Lee Example" in whole  # the record's words
    assert "b. 1990" in whole and "b. 1958, died" in whole  # words only the picture has: it is painted there


def test_the_case_files_genogram_is_drawn_across_the_page_in_its_own_shape(store, qapp, tmp_path):
    """Four generations, nine people and a great-gran in two households: the picture takes the text's
    width and the family's own (tall) shape, so the smallest words under each person (the years of birth)
    are at least 7 points high as pdftotext measures them on the page (squeezed into a fixed wide shape,
    under 6)."""
    from tests.ui.test_record_pictures import nine_people_in_two_households
    from wvisit.app import exports
    from wvisit.pdf import write_pdf

    child = make_child(store)
    visit = complete_visit(store, child)
    tool, nine = tools.get("genogram"), nine_people_in_two_households()
    nine.people.append(Member("p10", "Eve Example", "Great-gran", "female", 1940))
    nine.relationships.append(Relationship("p10", "p8", "parent"))
    visits.save_sitting(store, Sitting(visit.id, child.id, "genogram", tool.save(nine), tool.summarise(nine)))
    store.visits.finalise(visit.id)
    out = tmp_path / "visit.pdf"
    exports.export_visit(store, visit.id, "pdf", out, write_pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    years = [
        float(found["bottom"]) - float(found["top"])
        for found in re.finditer(r'yMin="(?P<top>[\d.]+)" xMax="[\d.]+" yMax="(?P<bottom>[\d.]+)">19(88|90|92)<', boxes)
    ]
    assert len(years) == 3 and min(years) >= 7
