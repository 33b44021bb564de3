"""A laptop's tokens: short-lived access tokens, and one refresh token per device that rotates on every use.

Access tokens live ACCESS_TOKEN_SECONDS. A new sign-in on a device, its sign-out, a disabled account and
a password set by IT end the earlier access tokens at once (deleted, not left to expire). A revoked
device's tokens are kept only to be answered with the signed revocation, so the laptop shreds its keys.

Refresh rotation and theft detection. Each refresh answers with a new refresh token (SignedIn
.refresh_token) and the one presented is used up. A used-up token shown again means a copy exists
somewhere else - it was stolen - so the device is revoked (signed, as an administrator's revocation),
its access tokens end and its user cannot register another laptop until IT allows it.

The crash window. The central record rotates and answers; the answer is lost (a dropped connection)
or the laptop dies before it has saved the new token. The laptop then shows the token before, which
looks like reuse. So the device keeps `previous_refresh_hash`: the immediately previous token is
accepted again while its successor has never been used and for REFRESH_GRACE_SECONDS after the
rotation that replaced it - once, and audited: shown a second time, it is a reuse. The retry makes a
new successor; the unused one it replaces is used up (if a thief had raced the laptop, whichever of
the two comes second is caught). After the grace the
previous token gets "sign in again" - never a revocation, since a laptop that crashed and stayed off
an hour is not a thief - and the worker signs in with their password. Once the successor has been
used, the previous token is used up like any other.

A sign-in starts afresh: the device's current and previous refresh tokens are forgotten ("sign in
again" if shown later), its earlier access tokens end.

Tokens are stored only as SHA-256 (security.token_hash). Used-up tokens are kept SPENT_KEPT_DAYS.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from wvisit.central import audit, db, security
from wvisit.central.accounts import revoke_in
from wvisit.domain.dates import aware

ACCESS_TOKEN_SECONDS = security.ACCESS_TOKEN_SECONDS
REFRESH_GRACE_SECONDS = 10 * 60
SPENT_KEPT_DAYS = 90


class RefreshRefused(Exception):
    """The refresh token is not this device's (or its grace has passed): sign in again."""


class RefreshReused(Exception):
    """A used-up refresh token came back: the device has been revoked."""


@dataclass(frozen=True)
class Issued:
    access_token: str
    refresh_token: str


def start(conn: Connection, device_id: str, now: datetime) -> Issued:
    """After a password sign-in: fresh tokens; the device's earlier ones end."""
    conn.execute(db.tokens.delete().where(db.tokens.c.device_id == device_id))
    refresh = security.new_token()
    conn.execute(
        update(db.devices)
        .where(db.devices.c.id == device_id)
        .values(refresh_hash=security.token_hash(refresh), previous_refresh_hash=None, rotated_at=now)
    )
    return Issued(access(conn, device_id, now), refresh)


def end(conn: Connection, device_id: str) -> None:
    """Sign-out: every token of the device stops working."""
    conn.execute(db.tokens.delete().where(db.tokens.c.device_id == device_id))
    conn.execute(
        update(db.devices).where(db.devices.c.id == device_id).values(refresh_hash=None, previous_refresh_hash=None)
    )


def rotate(conn: Connection, device: Any, presented: str, now: datetime) -> Issued | None:
    """A refresh: new access and refresh tokens for `device` (its row, read in this transaction).

    None when a concurrent refresh changed the row first: read it again and retry. Raises
    RefreshRefused (sign in again) or RefreshReused (the device is now revoked)."""
    presented_hash = security.token_hash(presented)
    current, previous = device["refresh_hash"] or "", device["previous_refresh_hash"] or ""
    refresh = security.new_token()
    if current and secrets.compare_digest(current, presented_hash):
        moved = conn.execute(
            update(db.devices)
            .where(db.devices.c.id == device["id"], db.devices.c.refresh_hash == current)
            .values(refresh_hash=security.token_hash(refresh), previous_refresh_hash=current, rotated_at=now)
        )
        if moved.rowcount != 1:
            return None
        _spend(conn, device["id"], previous, now)
    elif previous and secrets.compare_digest(previous, presented_hash):
        rotated = device["rotated_at"]
        if rotated is None or aware(rotated) + timedelta(seconds=REFRESH_GRACE_SECONDS) < now:
            raise RefreshRefused()
        moved = conn.execute(
            update(db.devices)
            .where(
                db.devices.c.id == device["id"],
                db.devices.c.refresh_hash == current,
                db.devices.c.previous_refresh_hash == previous,
            )
            .values(refresh_hash=security.token_hash(refresh), previous_refresh_hash=None)
        )
        if moved.rowcount != 1:
            return None
        _spend(conn, device["id"], current, now)  # the successor that never arrived, or that a thief holds
        _spend(conn, device["id"], previous, now)  # the grace is once: shown again, it is a reuse
        audit.note(conn, "refresh grace used (once)", user_id=device["user_id"], device_id=device["id"])
    elif _spent(conn, device["id"], presented_hash):
        raise RefreshReused()
    else:
        raise RefreshRefused()
    return Issued(access(conn, device["id"], now), refresh)


def held_by(conn: Connection, device: Any, presented: str) -> bool:
    """Whether `presented` is, or was, this device's refresh token (current, previous or used up)."""
    presented_hash = security.token_hash(presented)
    held = [device["refresh_hash"] or "", device["previous_refresh_hash"] or ""]
    return any(h and secrets.compare_digest(h, presented_hash) for h in held) or _spent(
        conn, device["id"], presented_hash
    )


def revoke_for_reuse(conn: Connection, device: Any) -> None:
    """A used-up refresh token came back: the device is revoked as a lost laptop is."""
    revoke_in(conn, device["id"], by=None)
    audit.note(conn, "refresh token reused: device revoked", user_id=device["user_id"], device_id=device["id"])


def access(conn: Connection, device_id: str, now: datetime) -> str:
    """A new access token for the device's user, valid ACCESS_TOKEN_SECONDS; expired ones are cleared."""
    user_id = conn.execute(select(db.devices.c.user_id).where(db.devices.c.id == device_id)).scalar_one()
    conn.execute(delete(db.tokens).where(db.tokens.c.device_id == device_id, db.tokens.c.expires_at < now))
    token = security.new_token()
    conn.execute(
        db.tokens.insert().values(
            hash=security.token_hash(token),
            user_id=user_id,
            device_id=device_id,
            expires_at=now + timedelta(seconds=ACCESS_TOKEN_SECONDS),
        )
    )
    return token


def _spend(conn: Connection, device_id: str, token_hash: str, now: datetime) -> None:
    if token_hash:
        conn.execute(db.spent_refresh.insert().values(hash=token_hash, device_id=device_id, spent_at=now))
        conn.execute(
            delete(db.spent_refresh).where(
                db.spent_refresh.c.device_id == device_id,
                db.spent_refresh.c.spent_at < now - timedelta(days=SPENT_KEPT_DAYS),
            )
        )


def _spent(conn: Connection, device_id: str, token_hash: str) -> bool:
    found = conn.execute(
        select(db.spent_refresh.c.hash).where(
            db.spent_refresh.c.hash == token_hash, db.spent_refresh.c.device_id == device_id
        )
    ).first()
    return found is not None
