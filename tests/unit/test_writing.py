"""Plainer words, reading age and British spelling: what the visit editor underlines and suggests."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wvisit import config, resources
from wvisit.errors import ConfigError
from wvisit.policy_files import load_jargon
from wvisit.writing.plain_language import JargonList
from wvisit.writing.readability import measure
from wvisit.writing.spelling import british

JARGON = JargonList.from_data(resources.load_json("jargon.json"))


def found(text: str) -> list[str]:
    return [finding.text for finding in JARGON.find(text)]


def test_the_shipped_list_has_at_least_forty_terms_each_with_plainer_words():
    assert len(JARGON.terms) >= 40
    assert all(term.plainer and all(words.strip() for words in term.plainer) for term in JARGON.terms)
    assert {"LAC", "contact", "placement", "respite"} <= {term.term for term in JARGON.terms}


def test_longer_terms_win_and_only_whole_words_match():
    assert found("Supervised contact went well.") == ["Supervised contact"]
    assert found("I contacted school about the community unit.") == ["unit"]
    assert found("Her placement move was hard.") == ["placement move"]


def test_acronyms_match_only_in_capitals():
    assert found("LAC review, then a LAC visit") == ["LAC review", "LAC"]
    assert found("a lac of sleep; da said hello") == []


def test_a_replacement_keeps_the_capital_at_the_start_of_a_sentence():
    first, second = JARGON.find("Contact with dad, then contact with mum.")
    assert first.replacement() == "Family time" and second.replacement() == "family time"
    assert JARGON.find("Mum went to the LADO.")[0].replacement().startswith("the person who looks into")


def test_the_council_replaces_the_list_and_a_broken_one_is_refused_clearly(tmp_path):
    own = tmp_path / "jargon.json"
    own.write_text(json.dumps({"terms": [{"term": "looked after", "plainer": ["in care"]}]}), "utf-8")
    settings = config.load({"jargon_list": str(own)})
    assert [f.replacement() for f in load_jargon(settings).find("She is looked after.")] == ["in care"]
    own.write_text(json.dumps({"terms": [{"term": "contact", "plainer": []}]}), "utf-8")
    with pytest.raises(ConfigError, match="jargon_list"):
        load_jargon(settings)


@given(st.text(max_size=300))
def test_findings_always_point_at_the_text_they_name(text):
    for finding in JARGON.find(text):
        assert text[finding.start : finding.end] == finding.text


def test_plain_writing_reads_younger_than_jargon():
    plain = measure("I saw Ada at home. She showed me her room. We played a game and she laughed.")
    jargon = measure(
        "The subject child presented as withdrawn during the statutory visit and disclosed concerns "
        "regarding the supervised contact arrangements with the birth parents."
    )
    assert plain.reading_age < jargon.reading_age
    assert plain.reading_ease > 70 > 30 > jargon.reading_ease
    assert "Reading age about" in jargon.describe()
    assert measure("Too short.").describe() == ""


@given(st.text(max_size=500))
def test_any_text_gets_a_reading_ease_between_0_and_100(text):
    ease = measure(text).reading_ease
    assert 0 <= ease <= 100


@pytest.fixture
def checker():
    checker, why = british()
    assert checker is not None, why  # scripts/setup installs Enchant and the en_GB dictionary
    return checker


def test_spelling_is_british(checker):
    assert checker.misspellings("The colour of the organisation's centre.") == []
    assert [slip.word for slip in checker.misspellings("The color of the center.")] == ["color", "center"]
    assert "family" in checker.suggestions("familly")


def test_emoji_right_to_left_and_curly_apostrophes_are_not_misspellings(checker):
    assert checker.misspellings("Ada\u2019s room \U0001f600 \u05e9\u05dc\u05d5\u05dd 3rd") == []


def test_my_words_are_known_until_forgotten_at_lock(checker):
    assert [slip.word for slip in checker.misspellings("Ashbrook school")] == ["Ashbrook"]
    checker.add_words(["Ashbrook"])
    assert checker.misspellings("Ashbrook school") == []
    checker.forget()
    fresh, _ = british()
    assert [slip.word for slip in fresh.misspellings("Ashbrook school")] == ["Ashbrook"]
