"""The worker's own dictionary: words they told the spell checker to accept.

Often names (of a school, a street, a family), so sealed like a record and never synced;
Enchant's own personal word list would keep them in a plain file. One row holds the list,
sealed with its version so an older copy of the row cannot be slipped back in unnoticed
by another row's value.
"""

from __future__ import annotations

import json

from wvisit.store.context import StoreContext

TABLE, KEY = "user_meta", "my_words"


class MyWords:
    def __init__(self, context: StoreContext):
        self._conn, self._keys, self._transaction = context.conn, context.keys, context.transaction

    def all(self) -> list[str]:
        row = self._conn.execute(f"SELECT version, sealed FROM {TABLE} WHERE key = ?", (KEY,)).fetchone()
        if row is None:
            return []
        words: list[str] = json.loads(self._keys.open(TABLE, KEY, row[0], row[1]))
        return words

    def add(self, word: str) -> None:
        word = word.strip()
        if not word:
            return
        with self._transaction():
            row = self._conn.execute(f"SELECT version FROM {TABLE} WHERE key = ?", (KEY,)).fetchone()
            words = sorted(set(self.all()) | {word})
            version = (row[0] if row else 0) + 1
            sealed = self._keys.seal(TABLE, KEY, version, json.dumps(words, ensure_ascii=False).encode())
            self._conn.execute(
                f"INSERT INTO {TABLE} (key, version, sealed) VALUES (?, ?, ?) "
                "ON CONFLICT(key) DO UPDATE SET version = excluded.version, sealed = excluded.sealed",
                (KEY, version, sealed),
            )
