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

    def invalidate(self, visit_id: str) -> None:
        if self._text is not None:
            self._stale.add(visit_id)

    def clear(self) -> None:
        self._text = None
        self._order = {}
        self._stale = set()

    def search(self, query: str) -> list[str]:
        """Ids of visits holding every word of `query` (any case), newest visit first."""
        terms = query.casefold().split()
        if not terms:
            return []
        text = self._current()
        hits = [vid for vid, body in text.items() if all(term in body for term in terms)]
        return sorted(hits, key=lambda vid: self._order.get(vid, ""), reverse=True)

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
        for plain, payload in tables["voice_entries"].read_where():
            extra[plain["visit_id"]].append(payload["words"] + "\n" + payload["context"])
        for plain, payload in tables["addenda"].read_where():
            extra[plain["visit_id"]].append(payload["why"] + "\n" + payload["text"])
        self._text = {}
        for plain, payload in tables["visits"].read_where():
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
