"""The central record's own audit: who signed in (or failed to), who read which child's records, what
an administrator changed, and what each push applied (records.py). Append-only: nothing here updates
or deletes a row. Entries name people by id, records and children by id, and hold no value of a
record, no password, no token: `wvisit-central audit --json` prints them for an investigation. An
administrator's action names the account it changed by its id in `record_id`.

    audit.note(conn, "sign-in refused", user_id=None, address="10.0.0.7")
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine

from wvisit.central import db
from wvisit.domain.dates import aware


def note(
    conn: Connection,
    action: str,
    *,
    user_id: str | None = None,
    device_id: str | None = None,
    child_id: str | None = None,
    record_id: str | None = None,
    address: str | None = None,
    at: datetime | None = None,
) -> None:
    """One audit entry, inside the caller's transaction: it commits with what it describes."""
    conn.execute(
        db.audit.insert().values(
            at=at or datetime.now(UTC),
            action=action,
            user_id=user_id,
            device_id=device_id,
            child_id=child_id,
            record_id=record_id,
            address=address,
        )
    )


def pulled(conn: Connection, user_id: str, device_id: str, child_ids: set[str]) -> None:
    """A pull page read these children's records: one entry per child."""
    if child_ids:
        now = datetime.now(UTC)
        conn.execute(
            db.audit.insert(),
            [
                {"at": now, "action": "pulled", "user_id": user_id, "device_id": device_id, "child_id": child}
                for child in sorted(child_ids)
            ],
        )


def entries(engine: Engine) -> list[dict[str, Any]]:
    """Every entry, oldest first, in UTC; `username` is who acted, `account` the account an admin
    action was about (its id is the entry's record_id)."""
    account = db.users.alias("account")
    query = (
        select(db.audit, db.users.c.username, account.c.username.label("account"))
        .join(db.users, db.users.c.id == db.audit.c.user_id, isouter=True)
        .join(account, account.c.id == db.audit.c.record_id, isouter=True)
        .order_by(db.audit.c.id)
    )
    with engine.begin() as conn:
        rows = conn.execute(query).mappings().all()
    return [{key: _plain(value) for key, value in row.items() if value is not None} for row in rows]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return aware(value).isoformat()
    return value
