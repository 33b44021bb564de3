"""The time of a write as the ISO text the store keeps (UTC), made cheaply.

An autosave stamps its outbox entry and its audit link; `datetime.now(UTC).isoformat()` formats the
whole date and time through a printf each time (a save spent ~16 k instructions a stamp). Here the
date and time to the second are formatted once a second and the fraction added to them: the same text.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

_MICRO = 1_000  # nanoseconds in a microsecond
_SECOND = 1_000_000_000  # nanoseconds in a second

_last: tuple[int, str] = (-1, "")  # a second and its text up to the seconds: swapped whole, so threads may share it


def now_iso(milliseconds: bool = False) -> str:
    """`datetime.now(UTC).isoformat()`, or with `timespec="milliseconds"`."""
    return iso(time.time_ns(), milliseconds)


def iso(ns: int, milliseconds: bool = False) -> str:
    """The instant `ns` nanoseconds after the epoch as `datetime.isoformat` writes it in UTC, its
    microseconds cut as `datetime.now` cuts them (and left out when they are none, as it does)."""
    global _last
    second, rest = divmod(ns, _SECOND)
    last = _last
    if last[0] != second:
        last = _last = (second, datetime.fromtimestamp(second, UTC).isoformat()[: -len("+00:00")])
    micro = rest // _MICRO
    if milliseconds:
        return f"{last[1]}.{micro // 1000:03d}+00:00"
    return f"{last[1]}.{micro:06d}+00:00" if micro else f"{last[1]}+00:00"
