"""Visit records: drafts saved as typed, finalised once complete, corrected only by addenda.

The child's voice entries live in their own rows, so a quick "in their words" entry
is one small sealed write that never rewrites the whole visit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime
from typing import Any

import orjson

from wvisit.domain import (
    Addendum,
    Visit,
    VisitStatus,
    VoiceEntry,
    from_record,
    missing_for_finalise,
    to_record,
)
from wvisit.domain.policy import Policy
from wvisit.domain.visit import discarded
from wvisit.errors import InvalidValue, NotFound, VisitDiscarded, VisitFinalised, VisitIncomplete
from wvisit.store.children import ChildRepository
from wvisit.store.context import StoreContext
from wvisit.store.database import Params
from wvisit.store.kinds import VISIT_PLAIN_FIELDS, Columns, plain_columns
from wvisit.store.sealed import Stored, Written, encode


@dataclass
class VisitRecord:
    """Everything a reader of one visit sees: the visit, the child's words, the addenda."""

    visit: Visit
    voice: list[VoiceEntry]
    addenda: list[Addendum]


class VisitRepository:
    def __init__(self, context: StoreContext, children: ChildRepository, text_changed: Callable[[str], None]):
        """`text_changed` is told the id of each visit whose searchable text (notes, the child's
        words, addenda) was saved: the search index re-reads just that visit."""
        self._context = context
        self._children = children
        self._text_changed = text_changed
        self._visits = context.sealed_table("visits", "visit")
        self._voice = context.sealed_table("voice_entries", "voice")
        self._addenda = context.sealed_table("addenda", "addendum")
        # Per visit: the version this repository last wrote as a draft or found one, the audit log's
        # mark of the commit that wrote it (None when found) and the plain columns it wrote or found:
        # see require_draft.
        self._drafts: dict[str, tuple[int, tuple[int, int] | None, Columns]] = {}

    # --- visits ---------------------------------------------------------------------------------

    def new_draft(self, child_id: str, **fields: Any) -> Visit:
        """A new draft for the child, saved before it returns; `fields` are any of Visit's own
        (`started_at=...`, `what_i_saw=...`)."""
        if not self._children.exists(child_id):
            raise NotFound("child", child_id)
        visit = Visit(child_id=child_id, author=self._context.actor, **fields)
        self._write(visit, "created")
        return visit

    def save_draft(self, visit: Visit) -> int:
        """Durable when it returns. Refused for a finalised or discarded record, whatever the caller holds;
        checked inside the save's own transaction, so no other connection finalises it in between."""
        if not visit.is_draft:
            self.require_draft(visit.id)  # a stored visit no longer a draft names why (discarded, finalised)
            raise VisitFinalised()
        return self._write(visit, "changed", check=True)

    def require_draft(self, visit_id: str) -> Stored | None:
        """Refuse (VisitFinalised, VisitDiscarded) a change to a visit that is no longer a draft,
        deciding from the sealed body: the words, direct work and fields of a visit change only then.

        The body is opened only when the visit may have changed since this repository last wrote it as
        a draft or found it one: an autosave comes every few seconds, and opening the 4 KB body was a
        third of its work. "Unchanged" needs the row's version and the audit log's latest version of it
        both to be that one: any write (here, on another connection, a pull) moves the audit's, and a
        row rolled back or edited with sqlite3 has another version than the audit's, so it is opened
        and refused as before. One version of a record is only ever sealed once on a laptop.

        Cheaper still, for the autosave after this repository's own save: inside the save's transaction,
        when no other connection or process has committed to the file since that save, nor this
        connection appended an audit link for the visit (every wvisit write appends one), the row and
        its audit links are as that save left them, and neither is read. Then, and only then, the row's
        version and plain columns as that save wrote them are returned, for the save to write on without
        reading them either (SealedTable.write's `stored`); None otherwise: what was read vouches for the
        version alone (a plain column edited outside wvisit keeps it)."""
        known = self._drafts.get(visit_id)
        if known is not None:
            version, mark, plain = known
            if mark is not None and self._context.audit.untouched_since(visit_id, mark):
                return version, plain
            row = self._context.conn.execute("SELECT version FROM visits WHERE id = ?", (visit_id,)).fetchone()
            if row is not None and row[0] == version == self._context.audit.latest_version("visit", visit_id):
                return None
        plain, payload = self._visits.read(visit_id)
        status = from_record(Visit, payload).status
        if status is VisitStatus.FINAL:
            raise VisitFinalised()
        if status is VisitStatus.DISCARDED:
            raise VisitDiscarded()
        self._drafts[visit_id] = (plain["version"], None, plain)
        return None

    def discard(self, visit_id: str, why: str, now: datetime | None = None) -> Visit:
        """A draft started in error (the wrong child, a slip of the keyboard) is set aside with the
        worker's reason: kept, audited and synced as "discarded", and shown in no list. A finalised
        visit is never discarded; it is corrected by an addendum."""
        visit = self.get(visit_id)
        if visit.is_final:
            raise VisitFinalised("A finalised visit is not discarded: correct it with an addendum.")
        self.require_draft(visit_id)
        gone = discarded(visit, why, now or datetime.now(UTC))
        self._write(gone, "discarded", check=True)  # checked again in the write's own transaction
        return gone

    def finalise(
        self,
        visit_id: str,
        now: datetime | None = None,
        policy: Policy | None = None,
        heard_in_tools: Sequence[VoiceEntry] = (),
    ) -> Visit:
        """Refused (VisitIncomplete) while the domain's rule names anything missing; with the
        visit-frequency `policy`, that includes a reason for a next visit later than it allows.
        `heard_in_tools`: the child's words in the visit's direct work (the app reads the sittings)."""
        visit = self.get(visit_id)
        if visit.is_final:
            raise VisitFinalised("This visit record is already finalised.")
        self.require_draft(visit_id)
        child = self._children.get(visit.child_id)
        missing = missing_for_finalise(visit, child, self.voice_for_visit(visit_id), now, policy, heard_in_tools)
        if missing:
            raise VisitIncomplete(missing)
        final = replace(visit, status=VisitStatus.FINAL, finalised_at=now or datetime.now(UTC))
        self._write(final, "finalised", check=True)  # checked again in the write's own transaction
        return final

    def get(self, visit_id: str) -> Visit:
        _, payload = self._visits.read(visit_id)
        return from_record(Visit, payload)

    def open(self, visit_id: str) -> VisitRecord:
        """The whole record, and an 'opened' link in the audit log: reading is accountable too."""
        record = VisitRecord(self.get(visit_id), self.voice_for_visit(visit_id), self.addenda(visit_id))
        with self._context.transaction():
            self._context.audit.append("opened", "visit", visit_id)
        return record

    def status(self, visit_id: str) -> VisitStatus:
        """From the sealed body, never the plain column alone: every change to a finalised visit
        (its words, direct work, an addendum, oversight) is decided by this."""
        return self.get(visit_id).status

    def for_child(self, child_id: str) -> list[Visit]:
        """The child's visits, newest first; a discarded one is left out (it is in no list)."""
        return [visit for visit in self._select("WHERE child_id = ?", (child_id,)) if not visit.is_discarded]

    def all(self) -> list[Visit]:
        """Every visit but discarded ones, newest first."""
        return [visit for visit in self._select() if not visit.is_discarded]

    def drafts(self) -> list[Visit]:
        """Every draft, newest first: only those rows are opened (picked by the plain status column,
        which each opened row is checked against), so a list of tasks does not open every visit."""
        return self._select("WHERE status = 'draft'")

    def some(self, visit_ids: Iterable[str]) -> list[Visit]:
        """These visits, newest first; an id with no visit, or a discarded one, is left out."""
        ids, found = list(dict.fromkeys(visit_ids)), []
        for start in range(0, len(ids), BATCH):
            batch = ids[start : start + BATCH]
            found += self._select(f"WHERE id IN ({', '.join('?' for _ in batch)})", tuple(batch))
        return sorted((visit for visit in found if not visit.is_discarded), key=_visit_order, reverse=True)

    def finalised_except(self, visit_ids: set[str]) -> list[Visit]:
        """Every finalised visit but these (those signed off, for a review list), newest first."""
        rows = self._context.conn.execute("SELECT id FROM visits WHERE status = 'final'")
        return self.some(visit_id for (visit_id,) in rows if visit_id not in visit_ids)

    def drafts_per_child(self) -> dict[str, int]:
        """How many draft visits each child has, from plain columns: no decryption needed."""
        return dict(
            self._context.conn.execute("SELECT child_id, count(*) FROM visits WHERE status = 'draft' GROUP BY child_id")
        )

    def _select(self, where: str = "", params: Params = ()) -> list[Visit]:
        visits = [from_record(Visit, payload) for _, payload in self._visits.read_where(where, params)]
        return sorted(visits, key=_visit_order, reverse=True)

    def _write(self, visit: Visit, action: str, check: bool = False) -> int:
        """`check`: refuse it (require_draft) unless the stored visit is still a draft."""
        with self._context.transaction():
            stored = self.require_draft(visit.id) if check else None
            body = visit_json(visit)
            version = self._visits.write(visit.id, body, {}, action, stored=stored)
        if visit.is_draft:
            mark = self._context.audit.mark(visit.id)
            self._drafts[visit.id] = (version, mark, body.plain)
        else:
            self._drafts.pop(visit.id, None)
        self._text_changed(visit.id)
        return version

    # --- the child's voice ---------------------------------------------------------------------

    def add_voice(self, entry: VoiceEntry) -> VoiceEntry:
        return self._write_voice(entry, "created")

    def update_voice(self, entry: VoiceEntry) -> VoiceEntry:
        return self._write_voice(entry, "changed")

    def voice_for_visit(self, visit_id: str) -> list[VoiceEntry]:
        return self._select_voice("WHERE visit_id = ?", (visit_id,))

    def voice_for_child(self, child_id: str) -> list[VoiceEntry]:
        return self._select_voice("WHERE child_id = ?", (child_id,))

    def _select_voice(self, where: str, params: Params) -> list[VoiceEntry]:
        entries = [from_record(VoiceEntry, payload) for _, payload in self._voice.read_where(where, params)]
        return sorted(entries, key=lambda e: e.recorded_at)

    def _write_voice(self, entry: VoiceEntry, action: str) -> VoiceEntry:
        entry.validate()
        with self._context.transaction():  # the check inside it: no other window finalises the visit between
            self.require_draft(entry.visit_id)
            self._voice.write(entry.id, to_record(entry), {}, action)
        self._text_changed(entry.visit_id)
        return entry

    # --- addenda -------------------------------------------------------------------------------

    def add_addendum(self, visit_id: str, why: str, text: str) -> Addendum:
        if self.status(visit_id) is not VisitStatus.FINAL:
            raise InvalidValue("This visit is still a draft: change it directly instead of adding an addendum.")
        addendum = Addendum(visit_id=visit_id, author=self._context.actor, why=why, text=text)
        addendum.validate()
        with self._context.transaction():
            self._addenda.write(addendum.id, to_record(addendum), {}, "created")
        self._text_changed(visit_id)
        return addendum

    def addenda(self, visit_id: str) -> list[Addendum]:
        found = [from_record(Addendum, p) for _, p in self._addenda.read_where("WHERE visit_id = ?", (visit_id,))]
        return sorted(found, key=lambda a: a.written_at)


def visit_json(visit: Visit) -> Written:
    """The visit as the bytes the store seals and the plain columns they give. The JSON is written by
    orjson from the dataclass itself: `to_record` builds the same dict field by field in Python, and was
    the largest part of an autosave's own work; no dict is made at all, and the plain columns come from
    `plain_columns` given just the fields they are made of, each as `to_record` has it. The same bytes
    as orjson writes for `to_record`'s dict, so the same as the store's own encoding (property-tested
    over any visit): dates and times go to their `isoformat`, as `to_record` sends them (orjson's own
    drops an offset's seconds). A visit orjson refuses (a lone surrogate in pasted text) goes through
    `to_record` to the store's encoder, as before; so does one holding an attribute that is not one of
    its fields (orjson writes every attribute of the object, `to_record` its fields alone)."""
    data = None
    if len(visit.__dict__) == VISIT_FIELDS:  # its fields alone (a set compare cost 3% of a save)
        with suppress(TypeError):
            data = orjson.dumps(visit, default=_isoformat, option=orjson.OPT_PASSTHROUGH_DATETIME)
    if data is None:
        data = encode(to_record(visit))
    fields_used = {name: to_record(getattr(visit, name)) for name in VISIT_PLAIN_FIELDS}
    return Written(data, plain_columns("visit", fields_used))


VISIT_FIELDS = len(fields(Visit))  # how many attributes a Visit holds when it holds only its fields


def _isoformat(value: object) -> str:
    if isinstance(value, date):  # a datetime is one too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


BATCH = 500  # ids in one query: within SQLite's limit, and each batch's audit check goes by id


def _visit_order(visit: Visit) -> str:
    return visit.started_at.isoformat() if visit.started_at else "9999"
