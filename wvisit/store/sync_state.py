"""What sync remembers between runs: the pull cursor, last sync, last problem, the device and its sign-in.

Plain values are ids, times and sentences without personal values; the refresh token,
which lets this laptop sync without the worker's password, is sealed like a record, and so
are pulled records this laptop could not read (kept until an updated wvisit can).
"""

from __future__ import annotations

import sqlite3

from wvisit.vault import Keys

PULLED_ASIDE = "pulled_set_aside"  # JSON list of pulled records this laptop could not read
FIRST_SIGN_IN = "first_sign_in"  # the account of this laptop's first sign-in; never cleared (store.sign_in_as)
PEOPLE = "people"  # JSON of the accounts met: login -> [display name, role] (store/people.py)
# Sealed: the token that syncs without a password, the key that may shred this laptop, records' bodies,
# people's names, and the account records are written as (edited in the clear, it would sign them).
SEALED_KEYS = {"refresh_token", "revocation_key", PULLED_ASIDE, PEOPLE, "username", FIRST_SIGN_IN}
WAS_PLAIN = ("username",)  # kept in the clear by earlier versions; sealed when such a file is opened


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

    def seal_earlier_plain(self) -> None:
        """A file from an earlier wvisit kept these in the clear: seal them (call in a transaction)."""
        for key in WAS_PLAIN:
            row = self._conn.execute("SELECT value FROM sync_meta WHERE key = ? AND sealed IS NULL", (key,)).fetchone()
            if row is not None and row[0] is not None:
                self.set(key, row[0])
                if key == "username" and self.get(FIRST_SIGN_IN) is None:
                    self.set(FIRST_SIGN_IN, row[0])  # it signed in before this version kept the mark

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
