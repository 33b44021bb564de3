"""The store's stamps (outbox entries, audit links) are the text datetime.isoformat writes, and an outbox
entry's op id the text uuid4 writes, made cheaply."""

import uuid
from datetime import UTC, datetime

import pytest

from wvisit.store.clock import iso, now_iso
from wvisit.store.outbox import op_id

SECOND = 1_000_000_000


def as_datetime_writes(ns: int, milliseconds: bool) -> str:
    at = datetime.fromtimestamp(ns // SECOND, UTC).replace(microsecond=ns % SECOND // 1000)
    return at.isoformat(timespec="milliseconds") if milliseconds else at.isoformat()


@pytest.mark.parametrize("milliseconds", [False, True])
@pytest.mark.parametrize(
    "ns",
    [
        0,
        1_796_000_000 * SECOND,  # no fraction: isoformat leaves it out
        1_796_000_000 * SECOND + 999,  # under a microsecond: cut, as datetime.now cuts it
        1_796_000_000 * SECOND + 1_000,
        1_796_000_000 * SECOND + 999_999_999,
        1_709_164_800 * SECOND + 123_456_789,  # 29 February 2024
        4_102_444_799 * SECOND + 500_000_000,  # the last second of 2099
    ],
)
def test_a_stamp_is_the_text_datetime_writes(ns, milliseconds):
    assert iso(ns, milliseconds) == as_datetime_writes(ns, milliseconds)


def test_stamps_within_one_second_and_across_seconds_each_say_their_own_time():
    base = 1_796_000_000 * SECOND
    for ns in (base + 5, base + 999_999_999, base + SECOND, base + 2 * SECOND + 1_000, base + 7_000):
        assert iso(ns) == as_datetime_writes(ns, False)


def test_now_is_now():
    before = datetime.now(UTC)
    stamp = datetime.fromisoformat(now_iso())
    assert before <= stamp <= datetime.now(UTC)


def test_an_op_id_is_a_random_version_4_uuid_as_uuid4_writes_it():
    ids = [op_id() for _ in range(200)]
    assert len(set(ids)) == 200
    for text in ids:
        parsed = uuid.UUID(text)
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122 and str(parsed) == text
