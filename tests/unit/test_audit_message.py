"""What an audit link's hash signs is the text it always was: each field as its text, joined by unit
separators, no version written as nothing. Checked against that rule itself for any values SQLite can
hand back from the audit's columns (text, whole numbers, reals, bytes; a version may also be missing),
so links written before still verify."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wvisit.store.audit import _message

STORED = st.one_of(st.text(), st.integers(), st.floats(allow_nan=False), st.binary())  # what a column can hold


def as_it_always_was(prev: bytes, fields: tuple[object, ...]) -> bytes:
    return prev + "\x1f".join("" if field is None else str(field) for field in fields).encode()


@given(
    prev=st.binary(min_size=32, max_size=32),
    fields=st.tuples(STORED, STORED, STORED, STORED, STORED, STORED, st.one_of(st.none(), st.integers(), STORED)),
)
def test_a_link_signs_its_fields_as_they_always_were_signed(prev, fields):
    try:
        expected = as_it_always_was(prev, fields)
    except UnicodeEncodeError:  # a lone surrogate: refused then, refused now
        with pytest.raises(UnicodeEncodeError):
            _message(prev, fields)
        return
    assert _message(prev, fields) == expected
