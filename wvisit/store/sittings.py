"""Direct-work sittings, saved as the child works: every stroke and answer lands within moments.

A sitting belongs to a draft visit; once the visit is finalised its sittings are part of the
record and do not change, like the rest of it. A sitting is saved only if its tool's own check
passes (wvisit/tools), the same check the central record makes when it arrives there.

A save after a stroke (the drawing, a house of Three Houses, a picture of the storyboard) is one
small sealed row (wvisit/store/stroke_log.py), not the whole sitting again; every read gives the
sitting with its strokes, and `fold` writes them into the body.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from wvisit.domain import Sitting, from_record, to_record
from wvisit.domain.kinds import KINDS
from wvisit.errors import WvisitError
from wvisit.store.context import StoreContext
from wvisit.store.database import Params
from wvisit.store.kinds import Body
from wvisit.store.sealed import Opened
from wvisit.store.stroke_log import TOP, Place, StrokeLog, delta_of, kept, put, stroke_lists, strokes_of, with_lists
from wvisit.store.visits import VisitRepository

log = logging.getLogger(__name__)


class SittingRepository:
    def __init__(self, context: StoreContext, visits: VisitRepository):
        self._context, self._visits = context, visits
        self._table = context.sealed_table("tool_sessions", "tool")
        self._log = StrokeLog(context.conn, context.keys, context.audit)
        self._last: dict[str, tuple[int, Body]] = {}  # per sitting saved here: its body's version, the sitting as saved

    def save(self, sitting: Sitting) -> int:
        """Create or update; returns the version of the sitting's body. A result its tool refuses raises
        InvalidValue. A change at the end of a drawing's strokes is saved as a row of the stroke log."""
        self._visits.require_draft(sitting.visit_id)
        if (written := self._save_strokes(sitting)) is not None:
            return written
        record = self._record(sitting)
        KINDS["tool"].validate(record)
        exists = bool(self._table.versions([sitting.id]))
        with self._context.transaction():
            self._visits.require_draft(sitting.visit_id)  # again inside: another window may have finalised it
            version = self._table.write(sitting.id, record, {}, "changed" if exists else "created")
            self._log.clear(sitting.id)
        # its own lists of strokes: a caller adding to the ones it saved must not change what was saved
        mine = {place: list(strokes) for place, strokes in stroke_lists(record["result"]).items()}
        self._last[sitting.id] = (version, with_lists(record, mine))
        return version

    def _record(self, sitting: Sitting) -> Body:
        """The record, but a drawing's strokes (already JSON, as the tool saves them) are not copied
        stroke by stroke: that alone grew with the drawing."""
        strokes = strokes_of({"result": sitting.result})
        if strokes is None or not all(isinstance(stroke, dict) for stroke in strokes):
            return dict(to_record(sitting))
        record: Body = self._rest(sitting, [TOP])
        record["result"]["strokes"] = list(strokes)
        return record

    def _rest(self, sitting: Sitting, places: Iterable[Place]) -> Body:
        """The record without its lists of strokes (the result is taken as it is, JSON already, as
        `to_record` takes a dict: only what holds a list of strokes is copied)."""
        result = sitting.result
        for place in places:
            result = put(result, place, None)
        rest: Body = {**to_record(sitting), "result": result}
        return rest

    def _save_strokes(self, sitting: Sitting) -> int | None:
        """The version of the body this save follows, or None when the whole sitting must be written.
        The work does not grow with the drawing: the strokes kept are compared with those last saved
        (the same dicts from the canvas: an identity test each, in C), and only the new ones are
        looked at, checked and sealed."""
        last = self._last.get(sitting.id)
        new = stroke_lists(sitting.result)
        if last is None or not new:
            return None
        version, before = last
        old = stroke_lists(before["result"])
        if old.keys() != new.keys():
            return None
        changed: dict[Place, tuple[int, list[Any]]] = {}
        for place, strokes in new.items():
            were = old[place]
            at = kept(were, strokes)
            added = strokes[at:]
            if (at == 0 and were) or not all(isinstance(stroke, dict) for stroke in added):
                return None  # not a change at the end, or strokes not yet JSON (a caller's own Stroke objects)
            if at < len(were) or added or place == TOP:
                changed[place] = (at, added)
        rest = self._rest(sitting, new)
        if before.get("picture_png") != rest.get("picture_png"):
            return None
        checked = {place: changed[place][1] if place in changed else [] for place in new}
        KINDS["tool"].validate(with_lists(rest, checked))  # the rest and the new strokes, by the tool's check
        with self._context.transaction() as conn:
            row = conn.execute("SELECT version FROM tool_sessions WHERE id = ?", (sitting.id,)).fetchone()
            if row is None or row[0] != version:  # written since on another connection (a fold before a push)
                self._last.pop(sitting.id, None)
                return None
            self._visits.require_draft(sitting.visit_id)  # again inside: another window may have finalised it
            self._log.append(sitting.id, delta_of(version, rest, changed, set(new)))
        saved = {place: old[place][:at] + added for place, (at, added) in changed.items()}
        self._last[sitting.id] = (version, with_lists(rest, {**old, **saved}))
        return version

    def fold(self, sitting_id: str) -> None:
        """Write the stroke log's rows into the sitting's body (queued for sync, audited) and clear them.
        Allowed on a finalised visit: the rows were saved while it was a draft."""
        with self._context.transaction():
            plain, body = self._table.read(sitting_id)
            deltas = self._log.deltas([sitting_id]).get(sitting_id, [])
            folded = self._log.folded(body, plain["version"], deltas)
            version = self._table.write(sitting_id, folded, {}, "changed") if folded is not body else plain["version"]
            self._log.clear(sitting_id)
        self._last[sitting_id] = (version, folded)

    def fold_visit(self, visit_id: str) -> None:
        waiting = set(self._log.waiting())
        for (sitting_id,) in self._context.conn.execute("SELECT id FROM tool_sessions WHERE visit_id = ?", (visit_id,)):
            if sitting_id in waiting:
                self.fold(sitting_id)

    def fold_all(self) -> None:
        """Before a push: the central record receives whole sittings, in the shape it always has. A
        sitting whose rows cannot be opened (altered on disk) is left as it is, not a stop to the sync."""
        for sitting_id in self._log.waiting():
            try:
                self.fold(sitting_id)
            except WvisitError as error:
                log.warning("a drawing's saved strokes could not be folded (%s)", type(error).__name__)

    def get(self, sitting_id: str) -> Sitting:
        plain, body = self._table.read(sitting_id)
        return from_record(Sitting, self._with_strokes([(plain, body)])[0])

    def for_visit(self, visit_id: str) -> list[Sitting]:
        return self._select("WHERE visit_id = ?", (visit_id,))

    def for_child(self, child_id: str) -> list[Sitting]:
        return self._select("WHERE child_id = ?", (child_id,))

    def _select(self, where: str, params: Params) -> list[Sitting]:
        found = [from_record(Sitting, body) for body in self._with_strokes(self._table.read_where(where, params))]
        return sorted(found, key=lambda s: s.started_at)

    def untrusted_strokes(self) -> list[tuple[str, str, WvisitError]]:
        """Drawings whose saved strokes were altered or deleted outside wvisit (for `audit verify`)."""
        return list(self._log.untrusted())

    def _with_strokes(self, rows: list[Opened]) -> list[Body]:
        deltas = self._log.deltas([plain["id"] for plain, _ in rows]) if rows else {}
        return [
            self._log.folded(body, plain["version"], deltas[plain["id"]]) if plain["id"] in deltas else body
            for plain, body in rows
        ]
