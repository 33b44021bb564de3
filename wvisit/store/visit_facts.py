"""The visits' plain facts, for lists of every visit: the review queue and a supervisor's tasks.

Why: the review queue needs of each visit only its child, author, status, dates and the latest
management oversight's outcome, but opening a visit to read them means decrypting and parsing a
~4 KB body and building the dataclass: ~45 us a visit, 1.4-1.7 s for the 30,000 visits of a team
manager's laptop. These facts are kept as one sealed value instead, opened with one decrypt and
caught up through the audit log like the search index (the shared mechanism and its rules of
trust: wvisit/store/derived.py). Each fact comes from a trusted read of the visit and of its
oversight notes; a visit or note that cannot be read is left out and counted (`unreadable`),
as the search page counts its own, so one damaged record does not hide the team's others.

The author is a person's account name, so the facts are sealed like everything else and are
never in the clear on disk.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import NamedTuple

from wvisit.domain import Outcome, VisitStatus
from wvisit.errors import NotFound, WvisitError
from wvisit.store.context import StoreContext
from wvisit.store.derived import SealedDerived, plain_values
from wvisit.store.kinds import Body

_STATUS = {status.value: status for status in VisitStatus}  # a dict lookup: calling the enum is 1 us a visit
_OUTCOME = {outcome.value: outcome for outcome in Outcome}


class VisitFact(NamedTuple):
    """What the lists of every visit need of one, as its trusted record says."""

    visit_id: str
    child_id: str
    status: VisitStatus
    author: str  # the account name
    started_at: str | None  # ISO 8601 as the record holds it: its order is the visit lists' order
    finalised_at: str | None
    outcome: Outcome | None  # the latest oversight's (by when it was written), None before any
    outcome_at: str | None  # when that oversight was written, ISO 8601

    @property
    def visited(self) -> date | None:
        """The date of the visit as the record gives it (what `datetime.fromisoformat(...).date()` says)."""
        return date.fromisoformat(self.started_at[:10]) if self.started_at else None

    @property
    def finalised(self) -> date | None:
        return date.fromisoformat(self.finalised_at[:10]) if self.finalised_at else None

    @property
    def outcome_written(self) -> datetime | None:
        return datetime.fromisoformat(self.outcome_at) if self.outcome_at else None


class _Facts:
    """The facts in memory, by visit id, and how many visits were re-read since they were sealed."""

    def __init__(self, facts: dict[str, VisitFact]):
        self.facts = facts
        self.changed = 0
        self.listed: list[VisitFact] | None = None  # `all()` as last worked out, until a visit changes


class VisitFacts(SealedDerived[_Facts]):
    KEY, FORMAT, NAME = "visit_facts", "wvisit-visit-facts-1", "visit facts"
    KINDS = ("visit", "oversight")  # a visit's own facts, and the outcome of its latest oversight

    def __init__(self, context: StoreContext):
        super().__init__(context)
        self._visits = context.sealed_table("visits", "visit")
        self._oversight = context.sealed_table("oversight", "oversight")

    def all(self) -> list[VisitFact]:
        """Every visit on this laptop that could be read, but discarded ones, newest first (as the
        visit lists order them); those that could not be read are counted in `unreadable`."""
        value = self._current()
        # Sorted once, not at each of the several lists a team page makes. Like the rest of the store's
        # in-memory state, it is for the one thread that uses the store at a time (the app's store lane).
        if value.listed is None:
            facts = (fact for fact in value.facts.values() if fact.status is not VisitStatus.DISCARDED)
            value.listed = sorted(facts, key=_order, reverse=True)
        return list(value.listed)

    # --- what the facts are, for SealedDerived ---------------------------------------------------

    def _build(self) -> _Facts:
        visits, notes = self._visits.read_each(), self._oversight.read_each()
        self._damaged = {*visits.damaged, *notes.damaged}
        latest = _latest_outcomes(payload for _, payload in notes.rows)
        return _Facts({payload["id"]: _fact(payload, latest.get(payload["id"])) for _, payload in visits.rows})

    def _refresh(self, value: _Facts, changed: dict[str, set[str]]) -> None:
        """Re-read each visit written, and each visit an oversight note was written about, with its notes."""
        conn = self._context.conn
        visit_ids = set(changed["visit"])
        visit_ids |= {visit_id for (visit_id,) in plain_values(conn, "oversight", "visit_id", changed["oversight"])}
        for note_id in changed["oversight"]:
            self._damaged.discard(note_id)  # re-read below with its visit's notes, counted again if damaged
        if visit_ids:
            value.listed = None
        for visit_id in visit_ids:
            value.facts.pop(visit_id, None)
            value.changed += 1
            try:
                _, payload = self._visits.read(visit_id)
                notes = self._oversight.read_each("WHERE visit_id = ?", (visit_id,))
            except NotFound:  # oversight of a visit not on this laptop: no fact to keep
                self._damaged.discard(visit_id)
                continue
            except WvisitError:
                self._damaged.add(visit_id)
                continue
            self._damaged.discard(visit_id)
            self._damaged |= set(notes.damaged)
            latest = _latest_outcomes(payload for _, payload in notes.rows)
            value.facts[visit_id] = _fact(payload, latest.get(visit_id))

    def _encode(self, value: _Facts) -> str:
        """Column by column (a list of ids, a list of children...): opening it makes eight lists, not
        one per visit, and each column is converted in one pass."""
        facts = value.facts.values()
        columns = [list(column) for column in zip(*facts, strict=True)] if facts else [[] for _ in VisitFact._fields]
        return json.dumps(columns, ensure_ascii=False, separators=(",", ":"))

    def _decode(self, text: str, start: int) -> _Facts:
        try:
            ids, children, status, authors, started, finalised, outcome, outcome_at = json.loads(text[start:])
            made = map(
                VisitFact,
                ids,
                children,
                map(_STATUS.__getitem__, status),
                authors,
                started,
                finalised,
                map(_OUTCOME.get, outcome),
                outcome_at,
            )
            facts = dict(zip(ids, made, strict=True))
        except (KeyError, TypeError) as error:
            raise ValueError("its entries are not visit facts") from error
        return _Facts(facts)

    def _pending(self, value: _Facts) -> int:
        return value.changed

    def _compacted(self, value: _Facts) -> _Facts:
        return _Facts(value.facts)


def _fact(visit: Body, latest: tuple[datetime, str, Outcome] | None) -> VisitFact:
    return VisitFact(
        visit["id"],
        visit["child_id"],
        _STATUS[visit["status"]],
        visit["author"],
        visit.get("started_at"),
        visit.get("finalised_at"),
        latest[2] if latest else None,
        latest[1] if latest else None,
    )


def _latest_outcomes(notes: Iterable[Body]) -> dict[str, tuple[datetime, str, Outcome]]:
    """The latest note per visit, by when it was written (of two written at the same moment, the
    later read), as the oversight list orders them: (when, when as written, its outcome)."""
    latest: dict[str, tuple[datetime, str, Outcome]] = {}
    for note in notes:
        written = datetime.fromisoformat(note["written_at"])
        kept = latest.get(note["visit_id"])
        if kept is None or written >= kept[0]:
            latest[note["visit_id"]] = (written, note["written_at"], _OUTCOME[note["outcome"]])
    return latest


def _order(fact: VisitFact) -> str:
    return fact.started_at or "9999"
