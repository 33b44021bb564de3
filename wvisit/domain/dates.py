"""Dates as a social worker types them, read one way everywhere: the app's date field and the CLI.

`parse_date(text, today)` reads, always day first (UK order):

    14/11/2026  14-11-2026  14.11.2026  14 11 2026   day, month, year
    14/11/26    141126      14112026                 two-digit years are 2000-2099; digits alone
                                                     are ddmmyy or ddmmyyyy
    14 Nov      14 November 2026   Sat 14 Nov 2026   a month's name or its first three letters;
                                                     a weekday in front must match the date
    14/11       14 Nov                               no year: the 14 November nearest today
                                                     (this year's, unless that is more than half
                                                     a year away; then last or next year's)
    2026-11-14                                       ISO, as scripts write it (year first)
    today  tomorrow  yesterday  +10  -3  +2w         days (or weeks) from today

Why "nearest" for a date without a year: the same field takes a next visit (soon), a chronology
event (recently) and a plan's deadline (soon); the nearest 14 November is the one meant in each,
and on 2 January "20 Dec" is the December just gone, not eleven months away.

What is typed is never guessed at: a month above 12, a 31st of a short month, a weekday that does
not match, a year far from today or anything else not in these forms is refused with InvalidValue
and a plain sentence that does not repeat the text (it may hold something personal).
`long_form(day)` writes a date back the way the field shows it ("Sat 14 Nov 2026"), which
`parse_date` reads again. `aware(moment)` reads a stored time that has no zone (a script or an older
record can write one) as UTC, as every comparison of a record's times does.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from wvisit.errors import InvalidValue

MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
RELATIVE = {"today": 0, "tomorrow": 1, "yesterday": -1}
_FULL_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_FULL_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_SPELLINGS = {"tues": 1, "weds": 2, "thur": 3, "thurs": 3, "sept": 9}  # weekday from 0, month from 1

# How far from today a typed year may be: a child's date of birth is within this century, a next
# visit within months. A year outside is a slip of the keyboard (09/01/2202), never a date.
YEARS_BACK = 100
YEARS_AHEAD = 10
MAX_OFFSET_DAYS = 3660  # "+N": ten years, so a slip like +1000000 is refused, not overflowed

EXAMPLES = "for example 14/11/2026, 14 Nov, today or +10"
NOT_A_DATE = f"That is not a date wvisit can read. Type the day first, {EXAMPLES}."

_NUMERIC = re.compile(r"(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})(?:\s*[/.\-\s]\s*(\d{2}|\d{4}))?")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DIGITS = re.compile(r"\d{6}|\d{8}")
_NAMED = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s*[\s/.\-]?\s*([a-z]+)\.?(?:\s*[\s/.\-,]\s*(\d{2}|\d{4}))?")
_OFFSET = re.compile(r"([+-])\s*(\d{1,7})\s*(d|days?|w|weeks?)?")


def parse_date(text: str, today: date) -> date:
    """The date `text` stands for, read day first; InvalidValue with a plain sentence when it is not one."""
    typed = " ".join(text.strip().lower().split())
    if not typed:
        raise InvalidValue(f"Type a date, {EXAMPLES}.")
    if typed in RELATIVE:
        return today + timedelta(days=RELATIVE[typed])
    if match := _OFFSET.fullmatch(typed):
        days = int(match[2]) * (7 if (match[3] or "d").startswith("w") else 1)
        if days > MAX_OFFSET_DAYS:
            raise InvalidValue("That is too many days from today: check the number.")
        return today + timedelta(days=days if match[1] == "+" else -days)
    typed, weekday = _without_weekday(typed)
    day = _read(typed, today)
    if weekday is not None and day.weekday() != weekday:
        raise InvalidValue("The day of the week does not match the date: check the day and the month.")
    if not today.year - YEARS_BACK <= day.year <= today.year + YEARS_AHEAD:
        raise InvalidValue("That year is too far from today: check the year.")
    return day


def long_form(day: date) -> str:
    """ "Sat 14 Nov 2026": the weekday and the month in words, so a day and month typed the wrong way
    round are seen at once. Not from the system's locale: the same on every laptop."""
    return f"{WEEKDAYS[day.weekday()].capitalize()} {day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def _without_weekday(typed: str) -> tuple[str, int | None]:
    """Text with a leading weekday ("sat 14 nov", "saturday, 14/11") taken off, and that weekday."""
    match = re.match(r"([a-z]+)\.?,?\s*(?=\d)", typed)
    if match is None:
        return typed, None
    word = match[1]
    for number, full in enumerate(_FULL_WEEKDAYS):
        if (len(word) >= 3 and full.startswith(word)) or _SPELLINGS.get(word) == number:
            return typed[match.end() :], number
    raise InvalidValue(NOT_A_DATE)


def _read(typed: str, today: date) -> date:
    if match := _ISO.fullmatch(typed):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if _DIGITS.fullmatch(typed):
        return _dated(int(typed[:2]), int(typed[2:4]), typed[4:], today)
    if match := _NUMERIC.fullmatch(typed):
        return _dated(int(match[1]), int(match[2]), match[3], today)
    if match := _NAMED.fullmatch(typed):
        return _dated(int(match[1]), _month(match[2]), match[3], today)
    raise InvalidValue(NOT_A_DATE)


def _month(word: str) -> int:
    """January from "jan", "janu" or "january"; September from "sept" too. Anything else is not a month."""
    for number, full in enumerate(_FULL_MONTHS, start=1):
        if (len(word) >= 3 and full.startswith(word)) or _SPELLINGS.get(word) == number:
            return number
    raise InvalidValue(NOT_A_DATE)


def _dated(day: int, month: int, year_text: str | None, today: date) -> date:
    if not 1 <= month <= 12:
        raise InvalidValue("A month is 1 to 12, and the day comes first: for example 14/11/2026.")
    if not year_text:
        return _nearest(day, month, today)
    year = int(year_text)
    if len(year_text) == 2:
        year += 2000
    return _day(year, month, day)


def _nearest(day: int, month: int, today: date) -> date:
    """The day and month nearest today: this year's, last year's or next year's."""
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue  # 29 February of a year without one
    if not candidates:
        raise InvalidValue("There is no such day: check the day and the month.")
    return min(candidates, key=lambda candidate: (abs((candidate - today).days), candidate < today))


def _day(year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise InvalidValue("A month is 1 to 12, and the day comes first: for example 14/11/2026.")
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidValue("There is no such day: check the day and the month.") from None


def aware(moment: datetime) -> datetime:
    """The time with its zone; one written without a zone is taken as UTC (comparing it with aware
    times would otherwise fail)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
