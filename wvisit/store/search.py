"""Search across sealed visit notes, decrypted in memory only.

The first search after unlocking opens every visit once and keeps its text, casefolded,
in memory; later searches scan that text. A saved change marks its visit stale, and the
next search re-reads just that visit. Locking drops the index with the key. Nothing of
it is ever written to disk.
"""

from __future__ import annotations

from collections import defaultdict

from wvisit.domain.visit import TEXT_FIELDS
from wvisit.store.context import StoreContext
from wvisit.store.sealed import Opened


class SearchIndex:
    def __init__(self, context: StoreContext):
        self._context = context
        self._visits = context.sealed_table("visits", "visit")
        self._voice = context.sealed_table("voice_entries", "voice")
        self._addenda = context.sealed_table("addenda", "addendum")
        self._text: dict[str, str] | None = None
        self._order: dict[str, str] = {}
        self._stale: set[str] = set()
        self._unreadable = 0

    def invalidate(self, visit_id: str) -> None:
        if self._text is not None:
            self._stale.add(visit_id)

    def clear(self) -> None:
        self._text = None
        self._order = {}
        self._stale = set()

    def search(self, query: str) -> list[str]:
        """Ids of visits holding every word of `query` (any case), newest visit first. The search is
        in the audit log with how many it found, never the words searched for."""
        terms = query.casefold().split()
        if not terms:
            return []
        text = self._current()
        hits = [vid for vid, body in text.items() if all(term in body for term in terms)]
        self._context.log_event(f"searched ({len(hits)} found)")
        return sorted(hits, key=lambda vid: self._order.get(vid, ""), reverse=True)

    def warm(self) -> None:
        """Build the index now (after unlock, in the background), so the first search is quick."""
        self._current()

    @property
    def unreadable(self) -> int:
        """How many visit records, words or addenda could not be read into the index (damaged, or newer)."""
        return self._unreadable

    def _current(self) -> dict[str, str]:
        if self._text is None:
            return self._build()
        if self._stale:
            for visit_id in self._stale:
                self._refresh(self._text, visit_id)
            self._stale = set()
        return self._text

    def _build(self) -> dict[str, str]:
        voice, addenda, visits = self._voice.read_each(), self._addenda.read_each(), self._visits.read_each()
        self._unreadable = len(voice.damaged) + len(addenda.damaged) + len(visits.damaged)  # the rest still searched
        text: dict[str, str] = {}
        self._text = text
        self._index(text, visits.rows, _parts(voice.rows, addenda.rows))
        return text

    def _refresh(self, text: dict[str, str], visit_id: str) -> None:
        """Re-read one visit with its words and addenda; one that cannot be read stops the search
        with its reason, as opening it would."""
        where = ("WHERE visit_id = ?", (visit_id,))
        parts = _parts(self._voice.read_where(*where), self._addenda.read_where(*where))
        self._index(text, [self._visits.read(visit_id)], parts)

    def _index(self, text: dict[str, str], visits: list[Opened], parts: dict[str, list[str]]) -> None:
        """Put each visit's text, casefolded, into `text` (the index), and its date into the order."""
        for plain, payload in visits:
            body = [*(payload.get(name) or "" for name in TEXT_FIELDS), *parts[plain["id"]]]
            text[plain["id"]] = "\n".join(body).casefold()
            self._order[plain["id"]] = plain["visited_at"] or ""


def _parts(voice: list[Opened], addenda: list[Opened]) -> dict[str, list[str]]:
    """The text of the child's words and of the addenda, by the visit they belong to."""
    parts: dict[str, list[str]] = defaultdict(list)
    for plain, payload in voice:
        parts[plain["visit_id"]].append(payload["words"] + "\n" + payload["context"])
    for plain, payload in addenda:
        parts[plain["visit_id"]].append(payload["why"] + "\n" + payload["text"])
    return parts
