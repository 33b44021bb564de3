"""Key people typed one a line, read the same way by the dialogs and the command line."""

from hypothesis import given
from hypothesis import strategies as st

from wvisit.domain import KeyPerson
from wvisit.domain.text_forms import people_to_text, text_to_people

names = st.text(st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1).filter(
    lambda text: text.strip() == text and " - " not in text
)


@given(st.lists(st.builds(KeyPerson, names, st.one_of(st.just(""), names)), max_size=5))
def test_key_people_survive_the_text_box(people):
    assert text_to_people(people_to_text(people)) == people
