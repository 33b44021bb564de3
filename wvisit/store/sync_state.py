"""What sync remembers between runs: the pull cursor, last sync, last problem, the device and its sign-in.

Plain values are ids, times and sentences without personal values; the refresh token,
which lets this laptop sync without the worker's password, is sealed like a record, and so
are pulled records this laptop could not read (kept until an updated wvisit can).
"""

from __future__ import annotations

import sqlite3

from wvisit.vault import Keys

PULLED_ASIDE = "pulled_set_aside"  # JSON list of pulled records this laptop could not read
PEOPLE = "people"  # JSON of the accounts met: login -> [display name, role] (store/people.py)
# Sealed: the token that syncs without a password, the key that may shred this laptop, records' bodies,
# people's names.
SEALED_KEYS = {"refresh_token", "revocation_key", PULLED_ASIDE, PEOPLE}


def signed_in_as(conn: sqlite3.Connection) -> str | None:
    """The central record's login name this laptop signed in with, if it has."""
    row = conn.execute("SELECT value FROM sync_meta WHERE key = 'username'").fetchone()
    return None if row is None else row[0]


class SyncState:
    def __init__(self, conn: sqlite3.Connection, keys: Keys):
        self._conn = conn
        self._keys = keys

    def get(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value, sealed FROM sync_meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        value: str | None
        value, sealed = row
        if key in SEALED_KEYS:  # never its plain column: a value written there is not ours
            return None if sealed is None else self._keys.open("sync_meta", key, 1, sealed).decode()
        return value

    def set(self, key: str, value: str | None) -> None:
        """Call inside a transaction when it must land with other changes (the cursor with a page)."""
        if key in SEALED_KEYS and value is not None:
            plain, sealed = None, self._keys.seal("sync_meta", key, 1, value.encode())
        else:
            plain, sealed = value, None
        self._conn.execute(
            "INSERT INTO sync_meta (key, value, sealed) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value, sealed = excluded.sealed",
            (key, plain, sealed),
        )
