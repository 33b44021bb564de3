"""The letter a child can safely receive: what is chosen at first, who the worker is, what happens
next, how a child at home or in care gets in touch, the Wizard and Fairy names kept, no empty
headings, and a disclosure found in the text however it got there."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.conftest import complete_visit, make_child
from wvisit import tools
from wvisit.domain import Expressed, LegalStatus, Sitting, VoiceEntry
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.my_people import MyPeople, Person
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.writing import letter
from wvisit.writing.letter import Kind, Worker

SAM = Worker("Sam Patel", "social worker", "You can call me on 020 7946 0000, Monday to Friday.")
TOLD = "Dad hit me with a belt"


def finalised(store, status=LegalStatus.CIN, born=date(2016, 3, 4), disclosure=False, **sat):
    child = make_child(store, status=status)
    if born != child.date_of_birth:
        child.date_of_birth = born
        store.children.update(child, base_version=1)
    visit = complete_visit(store, child)
    if disclosure:
        store.visits.add_voice(VoiceEntry(visit.id, child.id, TOLD, Expressed.SAID, disclosure=True))
    for key, result in sat.items():
        tool = tools.get(key)
        store.sittings.save(Sitting(visit.id, child.id, key, tool.save(result), tool.summarise(result)))
    store.visits.finalise(visit.id)
    return (
        store.children.get(child.id),
        store.visits.get(visit.id),
        store.visits.voice_for_visit(visit.id),
        store.sittings.for_visit(visit.id),
    )


def material(store, **kwargs) -> letter.LetterMaterial:
    child, visit, voice, sittings = finalised(store, **kwargs)
    return letter.material(child, visit, voice, sittings, SAM)


def chosen_at_first(made: letter.LetterMaterial) -> list[letter.LetterItem]:
    return [item for item in made.items if item.chosen_at_first]


def test_the_ecomap_and_a_disclosure_are_offered_but_not_chosen(store):
    people = MyPeople([Person("Nan", 1), Person("Dad", 3, "stressful")])
    made = material(store, status=LegalStatus.CP, disclosure=True, my_people=people)
    kinds = {item.kind: item for item in made.items}
    assert kinds[Kind.ECOMAP].line == "You put Nan closest to you." and not kinds[Kind.ECOMAP].chosen_at_first
    assert TOLD in kinds[Kind.DISCLOSURE].line and not kinds[Kind.DISCLOSURE].chosen_at_first
    text = letter.draft(made, chosen_at_first(made))
    assert "\u201cI like my room\u201d" in text and TOLD not in text and "Nan" not in text
    assert letter.disclosures_in(text, made) == []
    assert letter.disclosures_in(text + "\nYou said dad  hit me with a BELT.", made) == [TOLD]


def test_the_letter_says_who_the_worker_is_when_they_come_next_and_how_to_reach_them(store):
    made = material(store)
    text = letter.draft(made, chosen_at_first(made))
    assert "I am Sam Patel, your social worker." in text
    next_day = (date.today() + timedelta(days=20)).strftime("%A %d %B").replace(" 0", " ")
    assert f"What happens next:\nI will come to see you again on {next_day}." in text
    assert SAM.contact in text
    assert text.endswith("From\nSam Patel\nSocial worker")


@pytest.mark.parametrize(
    ("status", "born", "ask"),
    [
        (LegalStatus.CLA, date(2016, 3, 4), "ask your carer or your teacher to call me"),
        (LegalStatus.CIN, date(2016, 3, 4), "ask your mum, dad or the grown-up you live with"),
        (LegalStatus.CP, date(2016, 3, 4), "ask your teacher or another grown-up you trust"),
        (LegalStatus.CP, date.today() - timedelta(days=14 * 366), "you can call me yourself"),
    ],
)
def test_a_child_at_home_or_in_care_is_told_who_to_ask(store, status, born, ask):
    made = material(store, status=status, born=born)
    assert ask in letter.draft(made, chosen_at_first(made))


def test_wizard_and_fairy_words_are_kept_and_nothing_chosen_means_no_headings(store):
    houses = ThreeHouses(worries=House("spelling tests"), dreams=House("a pony"), magic=True)
    made = material(store, three_houses=houses)
    lines = [item.line for item in made.items]
    assert "You told the Worry Wizard: \u201cspelling tests\u201d" in lines
    assert "You told the Dream Fairy: \u201ca pony\u201d" in lines
    bare = letter.draft(made, [])
    for heading in ("These are some of the things", "Things we did together", "\u201c"):
        assert heading not in bare
    plain = material(store, three_houses=ThreeHouses(worries=House("spelling tests")))
    assert "In your house of worries you wrote: \u201cspelling tests\u201d" in [i.line for i in plain.items]


def test_the_childs_drawing_is_offered_and_an_unused_tool_is_not(store):
    made = material(store, drawing=Drawing([Stroke(points=[10, 10, 500, 500])], "my cat"))
    assert made.drawing is not None and made.drawing["words"] == "my cat"
    assert "You drew a picture for me." in [item.line for item in made.items]
    html = letter.letter_html(letter.draft(made, chosen_at_first(made)), made.visit.finalised_at, drawing=True)
    assert f"src='{letter.DRAWING}'" in html
    empty = material(store, drawing=Drawing())
    assert empty.drawing is None and "You drew a picture for me." not in [item.line for item in empty.items]


def test_a_disclosure_quoted_in_part_or_in_other_words_case_and_punctuation_is_found(store):
    made = material(store, status=LegalStatus.CIN, disclosure=True)
    assert letter.disclosures_in("You said: dad, hit me with it.", made) == [TOLD]  # four words in a row
    assert letter.disclosures_in("You told me about your dad and a belt.", made) == []
