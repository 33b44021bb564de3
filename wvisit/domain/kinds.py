"""The kinds of record that travel between laptops and the central record, and each one's schema version.

A kind's schema version goes up when its body gains a value or changes what one means. Every
synced record carries the version its body was written in, so a wvisit that meets a newer one
sets it aside ("update wvisit") instead of dropping the value it does not know, or refusing the
whole page it came in. Both the laptop and the central record read this table.
"""

from __future__ import annotations

SCHEMA_VERSIONS: dict[str, int] = {
    "child": 1,
    "visit": 1,
    "voice": 1,
    "addendum": 1,
    "attachment": 1,
    "oversight": 1,
    "tool": 1,
}


def too_new(kind: str, schema_version: int) -> bool:
    """Whether a record was written by a newer wvisit than this one (an unknown kind counts as newer)."""
    return schema_version > SCHEMA_VERSIONS.get(kind, 0)
