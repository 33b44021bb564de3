"""Lists typed one a line, read the same way by the dialogs and the command line."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wvisit.domain import KeyPerson, PlanItem
from wvisit.domain.text_forms import parse_actions, people_to_text, text_to_people
from wvisit.errors import InvalidValue


def test_actions_are_read_one_a_line():
    typed = "Review school place - Sam Patel - 14/12/2026\n\nCall the GP - me - 02/01/2027"
    assert parse_actions(typed) == [
        PlanItem("Review school place", "Sam Patel", date(2026, 12, 14)),
        PlanItem("Call the GP", "me", date(2027, 1, 2)),
    ]


def test_a_line_that_does_not_fit_is_named_by_number_never_quoted():
    with pytest.raises(InvalidValue) as refused:
        parse_actions("Call the GP - me - 02/01/2027\nVisit Ivy Example at her nan's - soon")
    assert "line 2" in str(refused.value) and "Ivy" not in str(refused.value)


names = st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1).filter(
    lambda text: text.strip() == text and " - " not in text
)


@given(st.lists(st.builds(KeyPerson, names, st.one_of(st.just(""), names)), max_size=5))
def test_key_people_survive_the_text_box(people):
    assert text_to_people(people_to_text(people)) == people
