"""Search across sealed visit notes, decrypted in memory only.

The first search after unlocking opens every visit once and keeps its text, casefolded,
in memory; later searches scan that text. A saved change marks its visit stale, and the
next search re-reads just that visit. Locking drops the index with the key. Nothing of
it is ever written to disk.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from wvisit.domain import to_record
from wvisit.domain.visit import TEXT_FIELDS

if TYPE_CHECKING:
    from wvisit.store.store import Store


class SearchIndex:
    def __init__(self, store: Store):
        self._store = store
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
        self._store.log_event(f"searched ({len(hits)} found)")
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
            self._build()
        elif self._stale:
            for visit_id in self._stale:
                self._refresh(visit_id)
            self._stale = set()
        return self._text

    def _build(self) -> None:
        tables = self._store.tables
        extra: dict[str, list[str]] = defaultdict(list)
        readings = {name: tables[name].read_each() for name in ("voice_entries", "addenda", "visits")}
        self._unreadable = sum(len(reading.damaged) for reading in readings.values())  # the rest still searched
        for plain, payload in readings["voice_entries"].rows:
            extra[plain["visit_id"]].append(payload["words"] + "\n" + payload["context"])
        for plain, payload in readings["addenda"].rows:
            extra[plain["visit_id"]].append(payload["why"] + "\n" + payload["text"])
        self._text = {}
        for plain, payload in readings["visits"].rows:
            self._text[plain["id"]] = _body(payload, extra[plain["id"]])
            self._order[plain["id"]] = plain["visited_at"] or ""

    def _refresh(self, visit_id: str) -> None:
        visits = self._store.visits
        record = visits.get(visit_id)
        extra = [v.words + "\n" + v.context for v in visits.voice_for_visit(visit_id)]
        extra += [a.why + "\n" + a.text for a in visits.addenda(visit_id)]
        self._text[visit_id] = _body(to_record(record), extra)
        self._order[visit_id] = record.started_at.isoformat() if record.started_at else ""


def _body(payload: dict, extra: list[str]) -> str:
    return "\n".join([*(payload.get(name) or "" for name in TEXT_FIELDS), *extra]).casefold()
