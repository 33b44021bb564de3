"""Applying pushed ops and serving pulls: the central record's rules.

- An op id is applied at most once; a retried batch gets "duplicate" for what it already sent.
- A higher version replaces the current one; the old revision is kept as superseded.
- A different body at a version the server already has is a conflict: kept as a conflict
  revision, flagged on the record, reported to the sender - never silently dropped.
- A finalised visit never changes; corrections arrive as addenda.
- Who may write or read a record is decided by the child it belongs to: a worker their
  allocated children (and children they add, which become allocated to them), a supervisor
  their team's children. Admins manage users and devices, not records.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from wvisit.central import db
from wvisit.sync.protocol import MAX_OP_BODY, OpResult, PulledRecord, PullPage, PushOp


@dataclass(frozen=True)
class User:
    id: str
    role: str
    team_id: str
    device_id: str


def canonical(body: dict) -> str:
    """The stored form: sorted keys, ASCII only (so NUL and lone surrogates survive PostgreSQL)."""
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def next_seq(conn: Connection) -> int:
    """Under the counter row's lock until commit, so sequence numbers become visible in order."""
    conn.execute(update(db.counters).where(db.counters.c.name == "seq").values(value=db.counters.c.value + 1))
    return conn.execute(select(db.counters.c.value).where(db.counters.c.name == "seq")).scalar_one()


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


def apply_op(conn: Connection, user: User, op: PushOp) -> OpResult:
    """Apply one op inside the caller's transaction and say what happened."""
    done = conn.execute(select(db.ops.c.status).where(db.ops.c.op_id == op.op_id)).first()
    if done is not None:
        return OpResult(op_id=op.op_id, status="duplicate")
    refusal = _refusal(conn, user, op)
    if refusal:
        return OpResult(op_id=op.op_id, status="refused", reason=refusal)
    missing = [sha for sha in op.attachments if not _blob_complete(conn, sha)]
    if missing:
        return OpResult(op_id=op.op_id, status="retry", reason=f"waiting for {len(missing)} attachment(s)")

    body = canonical(op.body)
    sha = sha256_of(body)
    now = datetime.now(UTC)
    current = conn.execute(select(db.records).where(db.records.c.id == op.record_id)).mappings().first()
    status, reason = "applied", ""
    if current is None:
        conn.execute(
            db.records.insert().values(
                id=op.record_id,
                kind=op.kind,
                version=op.version,
                child_id=op.child_id,
                body=body,
                sha256=sha,
                seq=next_seq(conn),
                author_id=user.id,
                conflict=False,
                updated_at=now,
            )
        )
        _revision(conn, user, op, body, sha, "current", now)
    elif current["sha256"] == sha or _has_revision(conn, op.record_id, sha):
        status = "duplicate"
    elif op.version > current["version"]:
        if current["kind"] == "visit" and json.loads(current["body"]).get("status") == "final":
            return OpResult(op_id=op.op_id, status="refused", reason="a finalised visit cannot change; add an addendum")
        conn.execute(
            update(db.revisions)
            .where(db.revisions.c.record_id == op.record_id, db.revisions.c.state == "current")
            .values(state="superseded")
        )
        conn.execute(
            update(db.records)
            .where(db.records.c.id == op.record_id)
            .values(version=op.version, body=body, sha256=sha, seq=next_seq(conn), author_id=user.id, updated_at=now)
        )
        _revision(conn, user, op, body, sha, "current", now)
    else:
        status, reason = "conflict", "another version of this record reached the central record first; both are kept"
        conn.execute(
            update(db.records).where(db.records.c.id == op.record_id).values(conflict=True, seq=next_seq(conn))
        )
        _revision(conn, user, op, body, sha, "conflict", now)
    conn.execute(db.ops.insert().values(op_id=op.op_id, record_id=op.record_id, version=op.version, status=status))
    conn.execute(
        db.audit.insert().values(
            at=now, user_id=user.id, action=f"push {status}", kind=op.kind, record_id=op.record_id, version=op.version
        )
    )
    return OpResult(op_id=op.op_id, status=status, reason=reason)


def _refusal(conn: Connection, user: User, op: PushOp) -> str:
    if user.role not in ("social_worker", "supervisor"):
        return "this account cannot change records"
    if len(canonical(op.body)) > MAX_OP_BODY:
        return "the record is too large"
    if op.kind == "child" and op.child_id != op.record_id:
        return "a child record must name itself as its child"
    existing = conn.execute(
        select(db.records.c.kind, db.records.c.child_id).where(db.records.c.id == op.record_id)
    ).first()
    if existing is not None and (existing.kind != op.kind or existing.child_id != op.child_id):
        return "the record does not match the one the central record holds"
    allocation = conn.execute(select(db.allocations).where(db.allocations.c.child_id == op.child_id)).mappings().first()
    if allocation is None:
        if op.kind == "child" and user.role == "social_worker":
            conn.execute(db.allocations.insert().values(child_id=op.child_id, worker_id=user.id, team_id=user.team_id))
            return ""
        return "the child is not on your caseload"
    if not may_see(conn, user, op.child_id):
        return "the child is not on your caseload"
    return ""


def _blob_complete(conn: Connection, sha: str) -> bool:
    return bool(conn.execute(select(db.blobs.c.complete).where(db.blobs.c.sha256 == sha)).scalar())


def _has_revision(conn: Connection, record_id: str, sha: str) -> bool:
    query = select(db.revisions.c.id).where(db.revisions.c.record_id == record_id, db.revisions.c.sha256 == sha)
    return conn.execute(query).first() is not None


def _revision(conn: Connection, user: User, op: PushOp, body: str, sha: str, state: str, now: datetime) -> None:
    conn.execute(
        db.revisions.insert().values(
            record_id=op.record_id,
            kind=op.kind,
            version=op.version,
            body=body,
            sha256=sha,
            state=state,
            author_id=user.id,
            device_id=user.device_id,
            received_at=now,
        )
    )


def pull(conn: Connection, user: User, cursor: int, limit: int) -> PullPage:
    rows = (
        conn.execute(
            select(db.records)
            .where(db.records.c.seq > cursor, db.records.c.child_id.in_(visible_children(user)))
            .order_by(db.records.c.seq)
            .limit(limit)
        )
        .mappings()
        .all()
    )
    return PullPage(
        records=[as_pulled(row) for row in rows], cursor=rows[-1]["seq"] if rows else cursor, more=len(rows) == limit
    )


def as_pulled(row) -> PulledRecord:
    return PulledRecord(
        kind=row["kind"],
        record_id=row["id"],
        version=row["version"],
        child_id=row["child_id"],
        body=json.loads(row["body"]),
        seq=row["seq"],
        sha256=row["sha256"],
    )
