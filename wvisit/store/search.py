"""Search across sealed visit notes, through an index kept sealed on disk.

Why an index on disk: the first search after unlocking used to open and decrypt every visit
(0.4-0.7 s at 10,000 visits). Now the index is one sealed value in `user_meta`, opened with
one decrypt, and the visits changed since it was written are re-read, found through the
audit log: every write of a visit, a child's words or an addendum appends a link there, on
any connection (a pull on sync's connection too), so the links after the one the index was
written at name every visit it may be behind on. The index names that link by number and
hash: if the chain no longer holds it (a restored or altered file), or the sealed value
does not open (altered, or another key), the index is not trusted and is built again from
the records, with a log line that names no record and no words. That mechanism is shared
with the review queue's visit facts: wvisit/store/derived.py.

What it holds: per visit, its date and the distinct words of its text (notes, the actions agreed
and who does them, the child's words, addenda), casefolded. A search term never holds white space,
so "the term is in the text" and "the term is in one of the text's words" are the same test:
searching the words, joined by spaces, finds exactly what searching the text did, in less memory.

Nothing of it is ever in the clear on disk; locking drops the in-memory copy with the key.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from itertools import accumulate, repeat
from operator import add

from wvisit.domain.visit import TEXT_FIELDS, VisitStatus
from wvisit.errors import WvisitError
from wvisit.store.context import StoreContext
from wvisit.store.derived import ENTRY as _ENTRY
from wvisit.store.derived import SECTION as _SECTION
from wvisit.store.derived import SealedDerived, plain_values
from wvisit.store.sealed import Opened


class SearchIndex(SealedDerived["_Corpus"]):
    KEY, FORMAT, NAME = "search_index", "wvisit-search-4", "search index"  # 4: the agreed actions too
    KINDS = ("visit", "voice", "addendum")  # the records whose text is searched

    def __init__(self, context: StoreContext):
        super().__init__(context)
        self._visits = context.sealed_table("visits", "visit")
        self._voice = context.sealed_table("voice_entries", "voice")
        self._addenda = context.sealed_table("addenda", "addendum")

    def invalidate(self, visit_id: str) -> None:
        """A saved change is found through the audit log at the next search; nothing to do here."""

    def search(self, query: str) -> list[str]:
        """Ids of visits holding every word of `query` (any case), newest visit first. The search is
        in the audit log with how many it found, never the words searched for."""
        terms = query.casefold().split()
        if not terms:
            return []
        hits = self._current().find(terms)
        self._context.log_event(f"searched ({len(hits)} found)")
        return hits

    # --- what the index is, for SealedDerived (wvisit/store/derived.py) ------------------------------

    def _decode(self, text: str, start: int) -> _Corpus:
        ends = [text.find(_SECTION, start)]  # three small sections, then the words: no copy of the words is made
        for _ in range(2):
            ends.append(text.find(_SECTION, ends[-1] + 1) if ends[-1] != -1 else -1)
        if -1 in ends:
            raise ValueError("not a search index this wvisit writes")
        begins = [start, ends[0] + 1, ends[1] + 1]
        ids, dates, lengths = (text[begin:end] for begin, end in zip(begins, ends, strict=True))
        listed = (ids.split(_ENTRY), dates.split(_ENTRY), [int(n) for n in lengths.split()]) if ids else ([], [], [])
        return _Corpus(*listed[:2], text, base=ends[-1] + 1, lengths=listed[2])

    def _encode(self, corpus: _Corpus) -> str:
        starts = corpus.starts
        lengths = " ".join(str(starts[n + 1] - starts[n] - 1) for n in range(len(corpus.ids)))
        return _SECTION.join([_ENTRY.join(corpus.ids), _ENTRY.join(corpus.dates), lengths, corpus.words()])

    def _pending(self, corpus: _Corpus) -> int:
        return len(corpus.changed)

    def _compacted(self, corpus: _Corpus) -> _Corpus:
        return corpus.compacted()

    def _build(self) -> _Corpus:
        voice, addenda, visits = self._voice.read_each(), self._addenda.read_each(), self._visits.read_each()
        self._damaged = {*voice.damaged, *addenda.damaged, *visits.damaged}  # the rest still searched
        corpus = _Corpus([], [], "")
        self._index(corpus, visits.rows, _parts(voice.rows, addenda.rows))
        return corpus

    def _refresh(self, corpus: _Corpus, changed: dict[str, set[str]]) -> None:
        """Re-read every visit whose text (its notes, the child's words, an addendum) was written."""
        conn = self._context.conn
        visit_ids = set(changed["visit"])
        for kind, table in (("voice", "voice_entries"), ("addendum", "addenda")):
            visit_ids |= {visit_id for (visit_id,) in plain_values(conn, table, "visit_id", changed[kind])}
        for visit_id in visit_ids:
            self._refresh_visit(corpus, visit_id)

    def _refresh_visit(self, corpus: _Corpus, visit_id: str) -> None:
        """Re-read one visit with its words and addenda; one that cannot be read leaves the index
        and is counted as unreadable, as in a full build."""
        corpus.drop(visit_id)
        try:
            where = ("WHERE visit_id = ?", (visit_id,))
            parts = _parts(self._voice.read_where(*where), self._addenda.read_where(*where))
            self._index(corpus, [self._visits.read(visit_id)], parts)
        except WvisitError:
            self._damaged.add(visit_id)
        else:
            self._damaged.discard(visit_id)

    def _index(self, corpus: _Corpus, visits: list[Opened], parts: dict[str, list[str]]) -> None:
        """Put each visit's distinct words, casefolded, into the corpus with its date; a discarded
        visit (started in error) is in no search."""
        for plain, payload in visits:
            if payload.get("status") == VisitStatus.DISCARDED:
                continue
            agreed = (f"{a.get('action') or ''} {a.get('owner') or ''}" for a in payload.get("agreed_actions") or ())
            body = [*(payload.get(name) or "" for name in TEXT_FIELDS), *agreed, *parts[plain["id"]]]
            corpus.put(plain["id"], plain["visited_at"] or "", " ".join(set("\n".join(body).casefold().split())))


KEY = SearchIndex.KEY
REWRITE_AFTER = SearchIndex.REWRITE_AFTER  # visits re-read since the sealed index was opened: then it is written again


class _Corpus:
    """The index in memory: the visits as the sealed value held them, one long string of their words
    (a term is found with str.find, in C, not visit by visit in Python), and the visits re-read since,
    which win over their older entry."""

    def __init__(
        self, ids: list[str], dates: list[str], text: str, base: int = 0, lengths: Iterable[int] | None = None
    ):
        """`text[base:]` holds the entries (what is before it, the sealed value's other sections, is
        never searched); `lengths`, each entry's, when known, saves splitting the words to count them."""
        self.ids, self.dates = ids, dates  # per entry of `text`, in order
        self.text, self.base = text, base  # each visit's words joined by spaces; entries joined by _ENTRY
        if lengths is None:
            lengths = map(len, text[base:].split(_ENTRY)) if ids else ()
        self.starts = array("l", accumulate(map(add, lengths, repeat(1)), initial=base))  # each one past its end
        if len(self.starts) - 1 != len(ids) or len(dates) != len(ids) or (ids and self.starts[-1] != len(text) + 1):
            raise ValueError("its entries do not match its visits")
        self.changed: dict[str, tuple[str, str] | None] = {}  # visit id -> (date, words), None once gone

    def put(self, visit_id: str, date: str, words: str) -> None:
        self.changed[visit_id] = (date, words)

    def drop(self, visit_id: str) -> None:
        self.changed[visit_id] = None

    def find(self, terms: list[str]) -> list[str]:
        """Ids of the visits holding every term, newest first."""
        entries = set.intersection(*(self._entries(term) for term in terms))
        found = {self.ids[n]: self.dates[n] for n in entries if self.ids[n] not in self.changed}
        for visit_id, entry in self.changed.items():
            if entry is not None and all(term in entry[1] for term in terms):
                found[visit_id] = entry[0]
        return sorted(found, key=lambda vid: found[vid], reverse=True)

    def words(self) -> str:
        """The entries, without what comes before them."""
        return self.text[self.base :] if self.base else self.text

    def compacted(self) -> _Corpus:
        """One corpus with the re-read visits merged in: what is sealed to disk."""
        kept = [n for n, visit_id in enumerate(self.ids) if visit_id not in self.changed]
        new = [(visit_id, entry) for visit_id, entry in self.changed.items() if entry is not None]
        ids = [self.ids[n] for n in kept] + [visit_id for visit_id, _ in new]
        dates = [self.dates[n] for n in kept] + [entry[0] for _, entry in new]
        words = [self.text[self.starts[n] : self.starts[n + 1] - 1] for n in kept] + [entry[1] for _, entry in new]
        return _Corpus(ids, dates, _ENTRY.join(words))

    def _entries(self, term: str) -> set[int]:
        """The entries holding `term`: one str.find per entry at most, jumping to the next entry on a hit."""
        found: set[int] = set()
        text, starts = self.text, self.starts
        at = text.find(term, self.base)
        while at != -1:
            n = bisect_right(starts, at) - 1
            found.add(n)
            at = text.find(term, starts[n + 1])
        return found


def _parts(voice: list[Opened], addenda: list[Opened]) -> dict[str, list[str]]:
    """The text of the child's words and of the addenda, by the visit they belong to."""
    parts: dict[str, list[str]] = defaultdict(list)
    for plain, payload in voice:
        parts[plain["visit_id"]].append(payload["words"] + "\n" + payload["context"])
    for plain, payload in addenda:
        parts[plain["visit_id"]].append(payload["why"] + "\n" + payload["text"])
    return parts
