"""Dates as workers type them: one parser (domain/dates.py) for the app's date field and the CLI,
and the next-visit rule that finalising asks of every visit."""

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import complete_fields
from wvisit.app import visits
from wvisit.domain import Child, LegalStatus, Visit, VoiceEntry, missing_for_finalise
from wvisit.domain.dates import long_form, parse_date
from wvisit.domain.policy import Policy
from wvisit.errors import InvalidValue

TODAY = date(2026, 11, 20)  # a Friday
POLICY = Policy.from_data({"CIN": {"every_days": 28}, "CP": {"every_working_days": 10}}, {})
NOW = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("14/11/2026", date(2026, 11, 14)),
        ("14112026", date(2026, 11, 14)),
        ("14 Nov", date(2026, 11, 14)),
        ("today", TODAY),
        ("Tomorrow", date(2026, 11, 21)),
        ("yesterday", date(2026, 11, 19)),
        ("+10", date(2026, 11, 30)),
        ("+2w", date(2026, 12, 4)),
        ("-3", date(2026, 11, 17)),
        ("14/11/26", date(2026, 11, 14)),
        ("141126", date(2026, 11, 14)),
        ("14-11-2026", date(2026, 11, 14)),
        ("14.11.2026", date(2026, 11, 14)),
        ("2026-11-14", date(2026, 11, 14)),
        ("9/12/2026", date(2026, 12, 9)),
        ("09/12/2026", date(2026, 12, 9)),  # once read by a spin box as 09/01/2202
        ("14th November 2026", date(2026, 11, 14)),
        ("14 sept 27", date(2027, 9, 14)),
        ("Sat 14 Nov 2026", date(2026, 11, 14)),  # the field's own way of showing a date reads back
        ("  saturday, 14/11/2026 ", date(2026, 11, 14)),
    ],
)
def test_a_date_typed_the_way_a_worker_says_it_is_read_day_first(typed, meant):
    assert parse_date(typed, TODAY) == meant


@pytest.mark.parametrize(
    ("today", "typed", "meant"),
    [
        (date(2027, 1, 2), "20 Dec", date(2026, 12, 20)),  # just gone, not eleven months away
        (date(2027, 1, 2), "10 Feb", date(2027, 2, 10)),
        (date(2026, 11, 20), "5 May", date(2027, 5, 5)),  # 166 days ahead is nearer than 199 back
        (date(2026, 11, 20), "14/11", date(2026, 11, 14)),
    ],
)
def test_a_date_without_a_year_is_the_one_nearest_today(today, typed, meant):
    assert parse_date(typed, today) == meant


@pytest.mark.parametrize(
    ("typed", "sentence"),
    [
        ("", "Type a date"),
        ("31/02/2026", "There is no such day"),
        ("14/13/2026", "A month is 1 to 12, and the day comes first"),
        ("11/14/2026", "A month is 1 to 12, and the day comes first"),  # US order is not guessed at
        ("09/01/2202", "That year is too far from today"),
        ("2202-01-09", "That year is too far from today"),
        ("Mon 14 Nov 2026", "The day of the week does not match"),
        ("+99999", "too many days"),
        ("Nov 14", "not a date wvisit can read"),
        ("1411", "not a date wvisit can read"),
        ("15/11/202", "not a date wvisit can read"),
        ("Tuesday at Ada's school", "not a date wvisit can read"),
    ],
)
def test_what_is_not_a_date_is_refused_in_a_plain_sentence_that_does_not_repeat_it(typed, sentence):
    with pytest.raises(InvalidValue) as refused:
        parse_date(typed, TODAY)
    assert sentence in str(refused.value)
    for word in typed.split():
        if len(word) > 3:
            assert word not in str(refused.value)


in_range = st.dates(min_value=date(1930, 1, 1), max_value=date(2036, 12, 31))


@given(in_range)
def test_every_date_written_dd_mm_yyyy_or_ddmmyyyy_reads_back_as_itself(day):
    assert parse_date(f"{day:%d/%m/%Y}", TODAY) == day
    assert parse_date(f"{day:%d%m%Y}", TODAY) == day
    assert parse_date(f"{day.day}-{day.month}-{day.year}", TODAY) == day


@given(in_range)
def test_every_date_the_field_shows_reads_back_as_itself(day):
    shown = long_form(day)
    assert shown.split()[0] in {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}
    assert parse_date(shown, TODAY) == day
    assert parse_date(day.isoformat(), TODAY) == day


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2036, 12, 31)))
def test_two_digit_years_are_this_century(day):
    assert parse_date(f"{day:%d/%m/%y}", TODAY) == day


@given(st.integers(min_value=-3660, max_value=3660))
def test_plus_n_is_n_days_from_today(days):
    assert parse_date(f"{days:+d}", TODAY) == TODAY + timedelta(days=days)


# --- the next visit, when a visit is finalised ------------------------------------------------------


def sam(status=LegalStatus.CP) -> Child:
    return Child(name="Sam Example", date_of_birth=date(2015, 6, 1), legal_status=status)


def visit_with_next(next_visit, reason=""):
    fields = complete_fields(started_at=NOW - timedelta(hours=3), next_visit=next_visit)
    return Visit(child_id="c1", author="sw", next_visit_reason=reason, **fields)


def words(visit):
    return [VoiceEntry(visit_id=visit.id, child_id=visit.child_id, words="I'm OK")]


def test_a_next_visit_in_the_past_is_refused():
    visit = visit_with_next(date(2026, 11, 19))
    assert missing_for_finalise(visit, sam(), words(visit), NOW, POLICY) == [
        "a next visit date that is not in the past"
    ]


def test_a_next_visit_later_than_the_policy_allows_needs_a_reason():
    # A child protection plan: 10 working days from Friday 20 November is Friday 4 December.
    on_time, late = visit_with_next(date(2026, 12, 4)), visit_with_next(date(2026, 12, 7))
    assert missing_for_finalise(on_time, sam(), words(on_time), NOW, POLICY) == []
    assert missing_for_finalise(late, sam(), words(late), NOW, POLICY) == [
        "why the next visit is later than the policy allows"
    ]
    explained = visit_with_next(date(2026, 12, 7), reason="Family away; agreed with my manager")
    assert missing_for_finalise(explained, sam(), words(explained), NOW, POLICY) == []
    child_in_need = sam(LegalStatus.CIN)  # every 28 days: 18 December is within it
    assert missing_for_finalise(late, child_in_need, words(late), NOW, POLICY) == []


def test_the_command_line_reads_a_next_visit_with_the_same_parser():
    visit = Visit(child_id="c1", author="sw")
    assert visits.with_fields(visit, {"next_visit": "14/11/2026"}, TODAY).next_visit == date(2026, 11, 14)
    assert visits.with_fields(visit, {"next_visit": "+10"}, TODAY).next_visit == date(2026, 11, 30)
    assert visits.with_fields(visit, {"next_visit": "2026-12-04"}, TODAY).next_visit == date(2026, 12, 4)
    with pytest.raises(InvalidValue, match="'next_visit': That year is too far from today"):
        visits.with_fields(visit, {"next_visit": "2202-01-09"}, TODAY)
