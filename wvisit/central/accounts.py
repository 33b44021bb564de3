"""What IT does to accounts and laptops (`wvisit-central user ...`, `revoke`), each step audited.

    add_user(engine, "sam.patel", password, role="social_worker", team="team-a", display_name="Sam Patel")
    set_password(engine, "sam.patel", password)   # ends every sign-in of the account
    set_disabled(engine, "sam.patel", True)       # no sign-in, no refresh; its access tokens end now
    allow_device(engine, "sam.patel")             # may register a new laptop again after a revocation
    revoke_device(engine, device_id, by=None)     # a lost laptop shreds its keys on its next contact

A revoked device blocks its user from registering another laptop until IT allows it: whoever took
the laptop (or its refresh token) may also know the password. Passwords are hashed here, before the
transaction that stores them. Errors are AccountError with a plain sentence (no password in it).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, get_args

from sqlalchemy import select, update
from sqlalchemy.engine import Connection, Engine

from wvisit.central import audit, db, security
from wvisit.sync.protocol import Role

ROLES = get_args(Role)
MIN_PASSWORD = 12


class AccountError(Exception):
    """Something IT asked for cannot be done; the text says why."""


def check_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"a password needs at least {MIN_PASSWORD} characters")
    if len(password) > 1000:
        raise AccountError("a password can have at most 1000 characters")


def add_user(engine: Engine, username: str, password: str, *, role: str, team: str, display_name: str) -> bool:
    """A new account; returns whether its team was new too (created here)."""
    if role not in ROLES:
        raise AccountError(f"the role must be one of {', '.join(ROLES)}")
    if not username.strip() or not display_name.strip():
        raise AccountError("an account needs a user name and a display name")
    check_new_password(password)
    hashed = security.hash_password(password)
    with engine.begin() as conn:
        if _find(conn, username) is not None:
            raise AccountError(f"there is already an account {username}")
        new_team = conn.execute(select(db.teams.c.id).where(db.teams.c.id == team)).first() is None
        if new_team:
            conn.execute(db.teams.insert().values(id=team, name=team))
        user_id = str(uuid.uuid4())
        conn.execute(
            db.users.insert().values(
                id=user_id,
                username=username,
                display_name=display_name.strip(),
                password_hash=hashed,
                role=role,
                team_id=team,
            )
        )
        audit.note(conn, "account added", record_id=user_id)
    return new_team


def set_password(engine: Engine, username: str, password: str) -> None:
    """A new password; every laptop signed in as this account has to sign in again."""
    check_new_password(password)
    hashed = security.hash_password(password)
    with engine.begin() as conn:
        user = _existing(conn, username)
        conn.execute(update(db.users).where(db.users.c.id == user["id"]).values(password_hash=hashed))
        _end_sign_ins(conn, user["id"])
        audit.note(conn, "password set", record_id=user["id"])


def set_disabled(engine: Engine, username: str, disabled: bool) -> None:
    with engine.begin() as conn:
        user = _existing(conn, username)
        conn.execute(update(db.users).where(db.users.c.id == user["id"]).values(disabled=disabled))
        if disabled:
            conn.execute(db.tokens.delete().where(db.tokens.c.user_id == user["id"]))
        audit.note(conn, "account disabled" if disabled else "account enabled", record_id=user["id"])


def allow_device(engine: Engine, username: str) -> None:
    """After a revocation: this account may register a new laptop again."""
    with engine.begin() as conn:
        user = _existing(conn, username)
        conn.execute(update(db.users).where(db.users.c.id == user["id"]).values(new_device_blocked=False))
        audit.note(conn, "new device allowed", record_id=user["id"])


def revoke_device(engine: Engine, device_id: str, by: str | None) -> bool:
    """Revoke a lost laptop: its tokens stop working and, on its next contact, it shreds its keys."""
    with engine.begin() as conn:
        return revoke_in(conn, device_id, by)


def revoke_in(conn: Connection, device_id: str, by: str | None) -> bool:
    """Revoke inside the caller's transaction; False if no such device is registered."""
    owner = conn.execute(select(db.devices.c.user_id).where(db.devices.c.id == device_id)).scalar()
    if owner is None:
        return False
    # Its access tokens are kept: shown again they are answered with the signed revocation (auth.py).
    conn.execute(update(db.devices).where(db.devices.c.id == device_id).values(revoked_at=datetime.now(UTC)))
    conn.execute(update(db.users).where(db.users.c.id == owner).values(new_device_blocked=True))
    audit.note(conn, "revoked device", user_id=by, device_id=device_id, record_id=owner)
    return True


def users(engine: Engine) -> list[dict[str, Any]]:
    """Every account, without its password hash."""
    columns = [db.users.c[name] for name in ("username", "display_name", "role", "team_id", "disabled")]
    with engine.begin() as conn:
        rows = conn.execute(select(*columns, db.users.c.new_device_blocked).order_by(db.users.c.username))
        return [dict(row) for row in rows.mappings()]


def _find(conn: Connection, username: str) -> Any:
    return conn.execute(select(db.users).where(db.users.c.username == username)).mappings().first()


def _existing(conn: Connection, username: str) -> Any:
    user = _find(conn, username)
    if user is None:
        raise AccountError(f"there is no account {username}")
    return user


def _end_sign_ins(conn: Connection, user_id: str) -> None:
    conn.execute(db.tokens.delete().where(db.tokens.c.user_id == user_id))
    conn.execute(
        update(db.devices).where(db.devices.c.user_id == user_id).values(refresh_hash=None, previous_refresh_hash=None)
    )
