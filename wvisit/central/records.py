"""Applying pushed ops and serving pulls: the central record's rules.

- An op id is applied at most once; a retried batch gets "duplicate" for what it already sent.
- A higher version replaces the current one; the old revision is kept as superseded, with its body
  (a current revision's body is its record's: stored once, see db.revisions).
- A different body at a version the server already has is a conflict: kept as a conflict
  revision, flagged on the record, reported to the sender - never silently dropped.
- A finalised visit never changes; corrections arrive as addenda. An addendum, an attachment
  and an oversight note never change once written (the registry of kinds says when each stops).
- Every pushed body is checked against the registry of record kinds (wvisit/domain/kinds.py),
  the same check a laptop makes before storing a pulled one: a body that does not fit its kind,
  or names another record or child than the op carrying it, is refused with the reason.
- A record is about what the central record holds (relations.py): its author, the visit it
  belongs to and that visit's state, its times, a child's plan and chronology that only grow.
- A batch is read in a few queries and written in bulk (see _Batch): the rules above are
  decided per op, in order, in memory, so a batch behaves exactly as its ops one by one. What it
  read stays locked until it commits (SQLite: the push takes the write lock first; PostgreSQL:
  its rows are read FOR UPDATE, in id order so two pushes never wait on each other in a circle),
  so no push decides on a record another push is changing - a visit being finalised, say.
- A conflicting version of a record that can no longer change is refused, not kept.
- Two pushes of the same new record (or op id, or child) at once both read it as new and race to
  insert it: the loser's batch is applied again in a fresh transaction (push), where the winner's
  rows are visible, so it answers "duplicate" as a retried push does - never an error.
- Who may write or read a record is decided by the child it belongs to: a worker their
  allocated children (and children they add, which become allocated to them), a supervisor
  their team's children. Admins manage users and devices, not records.
"""

from __future__ import annotations

import hashlib
import json
import json.encoder
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine, RowMapping
from sqlalchemy.exc import IntegrityError

from wvisit.central import db, relations
from wvisit.domain.kinds import KINDS, check, too_new
from wvisit.errors import InvalidValue
from wvisit.sync.protocol import MAX_OP_BODY, NO_CONTROL, Author, OpResult, PulledRecord, PushOp


@dataclass(frozen=True)
class User:
    id: str
    role: str
    team_id: str
    device_id: str


NO_CONTROL_ID = re.compile(NO_CONTROL)


def canonical(body: dict) -> str:
    """The stored form: sorted keys, ASCII only (so NUL and lone surrogates survive PostgreSQL).

    The very text of `json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)`, made
    by the same C encoder, but a long string that needs no escape (printable ASCII, no quote, no
    backslash: most of a note) is copied between quotes instead of read character by character
    (measured: a 4 KB visit 30 -> 11 us; it was 8% of the service's samples in a push)."""
    if _ENCODE is None:
        return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return "".join(_ENCODE(body, 0))


PLAIN_JSON = bytes(c for c in range(0x20, 0x7F) if c not in b'"\\')  # what JSON writes as itself
LONG_STRING = 256  # shorter ones go straight to the escaping: checking them first costs more than it saves


def _json_string(text: str) -> str:
    if len(text) >= LONG_STRING and text.isascii() and not text.encode("ascii").translate(None, PLAIN_JSON):
        return f'"{text}"'
    return _escaped(text)


def _not_json(value: object) -> object:
    raise TypeError(f"{type(value).__name__} is not JSON")


_escaped = json.encoder.encode_basestring_ascii
# json.dumps's own C encoder (no circular check: a parsed body holds no cycle), given _json_string for
# strings; None where the interpreter has no C encoder, and json.dumps serves.
_C_ENCODER = getattr(json.encoder, "c_make_encoder", None)
_ENCODE = _C_ENCODER(None, _not_json, _json_string, None, ":", ",", True, False, True) if _C_ENCODER else None


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def take_seqs(conn: Connection, count: int) -> range:
    """A block of pull sequence numbers. The counter row stays locked until commit, so blocks
    become visible in order even with several workers on PostgreSQL: a cursor never skips."""
    conn.execute(update(db.counters).where(db.counters.c.name == "seq").values(value=db.counters.c.value + count))
    last = conn.execute(select(db.counters.c.value).where(db.counters.c.name == "seq")).scalar_one()
    return range(last - count + 1, last + 1)


def visible_children(user: User):
    """A subquery of the child ids this user may see."""
    query = select(db.allocations.c.child_id)
    if user.role == "social_worker":
        return query.where(db.allocations.c.worker_id == user.id)
    if user.role == "supervisor":
        return query.where(db.allocations.c.team_id == user.team_id)
    return query.where(False)


def may_see(conn: Connection, user: User, child_id: str) -> bool:
    return conn.execute(visible_children(user).where(db.allocations.c.child_id == child_id)).first() is not None


@dataclass
class _Batch:
    """What a batch of ops touches, read in a few queries, then changed in memory and written in bulk.
    `current` holds the records the ops name, their children and the visits they refer to."""

    username: str  # the login name of the account that sent the batch
    done: set[str]
    current: dict[str, dict]
    allocations: dict[str, dict]
    complete_blobs: set[str]
    new_allocations: list[dict] = field(default_factory=list)
    inserts: list[dict] = field(default_factory=list)
    updates: dict[str, dict] = field(default_factory=dict)
    revisions: list[dict] = field(default_factory=list)
    superseded: set[str] = field(default_factory=set)
    applied_ops: list[dict] = field(default_factory=list)
    audit: list[dict] = field(default_factory=list)
    seq_needed: list[dict] = field(default_factory=list)
    bodies: relations.StoredBodies = field(default_factory=relations.StoredBodies)

    @classmethod
    def read(cls, conn: Connection, user: User, ops: list[PushOp]) -> _Batch:
        from wvisit.central import blobs  # here: blobs asks this module who may see what

        op_ids = [op.op_id for op in ops]
        child_ids = list({op.child_id for op in ops})
        record_ids = sorted({op.record_id for op in ops} | set(child_ids) | _records_named(ops))
        shas = list({sha for op in ops for sha in op.attachments})
        locked = select(db.records).where(db.records.c.id.in_(record_ids)).order_by(db.records.c.id).with_for_update()
        return cls(
            username=conn.execute(select(db.users.c.username).where(db.users.c.id == user.id)).scalar_one(),
            done=set(conn.execute(select(db.ops.c.op_id).where(db.ops.c.op_id.in_(op_ids))).scalars()),
            current={r["id"]: dict(r) for r in conn.execute(locked).mappings()},
            allocations={
                a["child_id"]: dict(a)
                for a in conn.execute(select(db.allocations).where(db.allocations.c.child_id.in_(child_ids))).mappings()
            },
            complete_blobs=blobs.visible_complete(conn, user, shas),  # never an oracle of others' attachments
        )

    def write(self, conn: Connection) -> None:
        """Everything but the records first: the pull sequence's counter is locked from take_seqs to the
        commit, and every push waits for it, so it is taken last (measured: a 200-laptop burst 22% faster)."""
        if self.new_allocations:
            conn.execute(db.allocations.insert(), self.new_allocations)
        if self.superseded:  # before this batch's own revisions go in as current, and its records change
            record_body = select(db.records.c.body).where(db.records.c.id == db.revisions.c.record_id)
            conn.execute(
                update(db.revisions)
                .where(db.revisions.c.record_id.in_(self.superseded), db.revisions.c.state == "current")
                .values(state="superseded", body=func.coalesce(db.revisions.c.body, record_body.scalar_subquery()))
            )
        for table, rows in ((db.revisions, self.revisions), (db.ops, self.applied_ops), (db.audit, self.audit)):
            if rows:
                conn.execute(table.insert(), rows)
        seqs = iter(take_seqs(conn, len(self.seq_needed))) if self.seq_needed else iter(())
        for row in self.seq_needed:
            row["seq"] = next(seqs)
        if self.inserts:
            conn.execute(db.records.insert(), self.inserts)
        for record_id, values in self.updates.items():
            conn.execute(update(db.records).where(db.records.c.id == record_id).values(**values))


RACE_ATTEMPTS = 3


def push(engine: Engine, user: User, ops: list[PushOp]) -> list[OpResult]:
    """Apply a batch in its own transaction, durable before this returns. A unique key taken by a
    concurrent push meanwhile (that push committed first) means the batch is read again and applied
    afresh: what the other push stored is then a duplicate here, as for a retried push."""
    for attempt in range(RACE_ATTEMPTS):
        try:
            with engine.begin() as conn:
                if conn.dialect.name == "sqlite":
                    conn.exec_driver_sql("BEGIN IMMEDIATE")  # the write lock before the first read
                return apply_ops(conn, user, ops)
        except IntegrityError:
            if attempt == RACE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _records_named(ops: list[PushOp]) -> set[str]:
    """The visits the ops' bodies refer to, and the sittings they carry on from. An id no record can have
    (too long, a control character, text UTF-8 cannot carry) is left out, so it never reaches a query."""
    named = [op.body.get("visit_id") for op in ops if op.kind in KINDS and KINDS[op.kind].on_visit]
    return {i for i in [*named, *relations.continued(ops)] if isinstance(i, str) and _storable_id(i)}


def _storable_id(text: str) -> bool:
    try:
        text.encode()
    except UnicodeEncodeError:
        return False
    return 0 < len(text) <= 100 and NO_CONTROL_ID.match(text) is not None


def apply_ops(conn: Connection, user: User, ops: list[PushOp]) -> list[OpResult]:
    """Apply a batch of ops, in order, inside the caller's transaction; one result per op."""
    batch = _Batch.read(conn, user, ops)
    now = datetime.now(UTC)
    results = []
    for op in ops:
        if op.op_id in batch.done:  # a retried op: answered, never applied or recorded twice
            results.append(OpResult(op_id=op.op_id, status="duplicate"))
            continue
        result = _apply(conn, batch, user, op, now)
        if result.status in ("applied", "duplicate", "conflict"):
            batch.done.add(op.op_id)
            batch.applied_ops.append(
                {"op_id": op.op_id, "record_id": op.record_id, "version": op.version, "status": result.status}
            )
            batch.audit.append(
                {
                    "at": now,
                    "user_id": user.id,
                    "action": f"push {result.status}",
                    "kind": op.kind,
                    "record_id": op.record_id,
                    "version": op.version,
                }
            )
        results.append(result)
    batch.write(conn)
    return results


def _apply(conn: Connection, batch: _Batch, user: User, op: PushOp, now: datetime) -> OpResult:
    body = canonical(op.body)
    record, refusal = _admitted(batch, user, op, len(body))
    refusal = refusal or relations.refusal(batch.current, batch.bodies, batch.username, op, record, body, now)
    if refusal:
        return OpResult(op_id=op.op_id, status="refused", reason=refusal)
    missing = [sha for sha in op.attachments if sha not in batch.complete_blobs]
    if missing:
        return OpResult(op_id=op.op_id, status="retry", reason=f"waiting for {len(missing)} attachment(s)")
    sha = sha256_of(body)
    current = batch.current.get(op.record_id)
    revision = {  # its body is the record's while it is current (db.revisions): stored once
        "record_id": op.record_id,
        "kind": op.kind,
        "version": op.version,
        "body": None,
        "sha256": sha,
        "author_id": user.id,
        "device_id": user.device_id,
        "received_at": now,
    }
    if current is None:
        row = {
            "id": op.record_id,
            "kind": op.kind,
            "version": op.version,
            "child_id": op.child_id,
            "body": body,
            "sha256": sha,
            "author_id": user.id,
            "conflict": False,
            "updated_at": now,
            "schema_version": op.schema_version,
        }
        batch.inserts.append(row)
        batch.seq_needed.append(row)
        batch.current[op.record_id] = row
        batch.revisions.append({**revision, "state": "current"})
        return OpResult(op_id=op.op_id, status="applied")
    if current["sha256"] == sha or _has_revision(conn, batch, op.record_id, sha):
        return OpResult(op_id=op.op_id, status="duplicate")
    if op.version > current["version"]:
        if KINDS[current["kind"]].immutable(batch.bodies.of(current)):
            reason = "this record can no longer change: a finalised visit is corrected by an addendum"
            return OpResult(op_id=op.op_id, status="refused", reason=reason)
        for earlier in batch.revisions:
            if earlier["record_id"] == op.record_id and earlier["state"] == "current":
                earlier["state"], earlier["body"] = "superseded", current["body"]
        batch.superseded.add(op.record_id)
        changes = {
            "version": op.version,
            "body": body,
            "sha256": sha,
            "author_id": user.id,
            "updated_at": now,
            "schema_version": op.schema_version,
        }
        current.update(changes)
        _stage_update(batch, op.record_id, current, changes)
        batch.revisions.append({**revision, "state": "current"})
        return OpResult(op_id=op.op_id, status="applied")
    if KINDS[current["kind"]].immutable(batch.bodies.of(current)):
        reason = "this record can no longer change, and the central record holds another version of it"
        return OpResult(op_id=op.op_id, status="refused", reason=reason)
    current["conflict"] = True
    _stage_update(batch, op.record_id, current, {"conflict": True})
    batch.revisions.append({**revision, "state": "conflict", "body": body})
    reason = "another version of this record reached the central record first; both are kept"
    return OpResult(op_id=op.op_id, status="conflict", reason=reason)


def _stage_update(batch: _Batch, record_id: str, current: dict, changes: dict) -> None:
    """A record inserted in this batch is simply changed in place; an existing one gets an UPDATE."""
    if any(row is current for row in batch.inserts):
        return
    staged = batch.updates.setdefault(record_id, {})
    staged.update(changes)
    if "seq" not in staged:
        batch.seq_needed.append(staged)


def _admitted(batch: _Batch, user: User, op: PushOp, size: int) -> tuple[Any, str]:
    """The op's body read as its kind's record and "", or None and why this op may not be applied.
    The body's shape is checked here once (a fifth of a push's CPU): the relation rules read the record."""
    refusal = _refusal(user, op, size)
    if refusal:
        return None, refusal
    try:  # a child's body names itself as its child, so an op for another is refused here
        record = check(op.kind, op.record_id, op.child_id, op.body)
    except InvalidValue as error:
        return None, f"the record does not fit its kind: {error}"
    return record, _off_caseload(batch, user, op)


def _refusal(user: User, op: PushOp, size: int) -> str:
    """Why this account may not send this op, whatever its body says, or "" when it may."""
    if user.role not in ("social_worker", "supervisor"):
        return "this account cannot change records"
    if too_new(op.kind, op.schema_version):
        return "this record was made by a newer wvisit than the central record knows; IT must update it"
    if size > MAX_OP_BODY:
        return "the record is too large"
    if op.kind == "oversight" and user.role != "supervisor":
        return "only a supervisor can add management oversight"
    if op.kind == "supervision" and user.role != "supervisor":
        return "only a supervisor can record case supervision"
    if op.kind == "contact" and user.role != "social_worker":
        return "a contact beside the visits is recorded by the child's social worker"
    return ""


def _off_caseload(batch: _Batch, user: User, op: PushOp) -> str:
    """Why the record is not this account's to write (another record, another child's, not on their
    caseload), or "" when it is. A new child is allocated to the worker who adds it."""
    existing = batch.current.get(op.record_id)
    if existing is not None and (existing["kind"] != op.kind or existing["child_id"] != op.child_id):
        return "the record does not match the one the central record holds"
    allocation = batch.allocations.get(op.child_id)
    if allocation is None:
        if op.kind == "child" and user.role == "social_worker":
            allocation = {"child_id": op.child_id, "worker_id": user.id, "team_id": user.team_id}
            batch.allocations[op.child_id] = allocation
            batch.new_allocations.append(allocation)
            return ""
        return "the child is not on your caseload"
    mine = allocation["worker_id"] == user.id if user.role == "social_worker" else allocation["team_id"] == user.team_id
    return "" if mine else "the child is not on your caseload"


def _has_revision(conn: Connection, batch: _Batch, record_id: str, sha: str) -> bool:
    if any(r["record_id"] == record_id and r["sha256"] == sha for r in batch.revisions):
        return True
    query = select(db.revisions.c.id).where(db.revisions.c.record_id == record_id, db.revisions.c.sha256 == sha)
    return conn.execute(query).first() is not None


def pull_json(conn: Connection, user: User, cursor: int, limit: int) -> tuple[bytes, set[str]]:
    """`pull` as the wire's JSON, and the children whose records it holds. Each body goes in as stored:
    its canonical form is already ASCII-only JSON, so it is not parsed and written again for every
    record of every page (a 10,000-record pull, measured). The rest of each record is written here,
    field by field, with the fields and types of a PulledRecord (`as_pulled` makes one): a model per
    record and its dump were three quarters of a page's CPU. The page is joined once, as bytes."""
    rows = _pull_rows(conn, user, cursor, limit)
    authors: dict[tuple[str, str, str], bytes] = {}
    parts = [b'{"records":[']
    for n, row in enumerate(rows):
        head = (
            f'{"," if n else ""}{{"kind":{_escaped(row["kind"])},"record_id":{_escaped(row["id"])},'
            f'"version":{int(row["version"])},"child_id":{_escaped(row["child_id"])},"seq":{int(row["seq"])},'
            f'"sha256":{_escaped(row["sha256"])},"schema_version":{int(row["schema_version"])},"author":'
        )
        parts += (head.encode(), _author_json(authors, row), b',"body":', row["body"].encode(), b"}")
    last = rows[-1]["seq"] if rows else cursor
    parts.append(f'],"cursor":{int(last)},"more":{"true" if len(rows) == limit else "false"}}}'.encode())
    return b"".join(parts), {row["child_id"] for row in rows}


def _author_json(known: dict[tuple[str, str, str], bytes], row: RowMapping) -> bytes:
    """Who sent the record's current version, as an Author in JSON (null if nobody is known), made once
    per page for each author."""
    if row["author_username"] is None:
        return b"null"
    key = (row["author_username"], row["author_name"], row["author_role"])
    if key not in known:
        username, display_name, role = (_escaped(value) for value in key)
        known[key] = f'{{"username":{username},"display_name":{display_name},"role":{role}}}'.encode()
    return known[key]


def _pull_rows(conn: Connection, user: User, cursor: int, limit: int) -> Sequence[RowMapping]:
    """The records after `cursor` this user may see, each with who sent its current version; only the
    columns a pulled record carries (no time to read back for each row).

    The page's sequence numbers are found first, in the (child_id, seq) index alone, and only its
    rows are read: asked in one query, SQLite read every visible record's row (its body spills onto
    overflow pages before `seq`) to sort them, for every page (measured: 165 ms -> 12-24 ms a page of
    500 from 10,000). A sequence number is not unique to a record, so the rows are read with the same
    visibility condition as the page: a record of a child this user may not see never comes along
    because it shares a number with one they may."""
    visible = db.records.c.child_id.in_(visible_children(user))
    page = select(db.records.c.seq).where(db.records.c.seq > cursor, visible).order_by(db.records.c.seq).limit(limit)
    r = db.records.c
    return (
        conn.execute(
            select(
                r.id,
                r.kind,
                r.version,
                r.child_id,
                r.body,
                r.sha256,
                r.seq,
                r.schema_version,
                db.users.c.username.label("author_username"),
                db.users.c.display_name.label("author_name"),
                db.users.c.role.label("author_role"),
            )
            .outerjoin(db.users, db.users.c.id == r.author_id)
            .where(r.seq.in_(page.scalar_subquery()), visible)
            .order_by(r.seq)
        )
        .mappings()
        .all()
    )


def as_pulled(row, body: dict | None = None) -> PulledRecord:
    """A record as it travels; `row` may carry its author's account (see pull), or not. `body`, when
    given, stands in for the stored one (pull_json writes the stored text itself)."""
    author = None
    if row.get("author_username") is not None:
        author = Author(username=row["author_username"], display_name=row["author_name"], role=row["author_role"])
    return PulledRecord(
        kind=row["kind"],
        record_id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        body=json.loads(row["body"]) if body is None else body,
        seq=row["seq"],
        sha256=row["sha256"],
        schema_version=row["schema_version"],
        author=author,
    )
