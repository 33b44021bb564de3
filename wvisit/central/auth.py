"""Signing in, refreshing, signing out and checking a bearer token: the central record's side of a sign-in.

    auth = Auth(engine, signer, clock=time.time)
    answer = await auth.sign_in(request, client_address)   # SignedIn, or raises Refused
    user = auth.current_user(bearer_token)

A sign-in is throttled (throttle.py) before its password is looked at, and its password is checked on
security.PASSWORD_POOL, outside any database transaction: a flood of sign-ins queues there without
holding a database connection or a thread that pulls and pushes need. Every sign-in, failed or
throttled, is audited with the client address. Refresh tokens rotate (tokens.py). A disabled account
cannot sign in or refresh, and its access tokens stop working. A device revoked for any reason keeps
its user from registering another laptop until IT allows it (accounts.py).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.engine import Connection, Engine
from starlette.concurrency import run_in_threadpool

from wvisit.central import audit, db, security, tokens
from wvisit.central.records import User
from wvisit.central.throttle import Attempt, SignInThrottle, Throttled
from wvisit.domain.dates import aware
from wvisit.sync.protocol import Refresh, SignedIn, SignIn

REFRESH_RACE_ATTEMPTS = 3
REUSED = object()


class Refused(Exception):
    """An answer other than 200: HTTP status, error code, a plain message; `proof` for a revocation,
    `retry_after` (seconds) for a throttled sign-in."""

    def __init__(self, status: int, error: str, message: str, proof: str = "", retry_after: int = 0):
        super().__init__(error)
        self.status, self.error, self.message, self.proof, self.retry_after = status, error, message, proof, retry_after


WRONG_PASSWORD = Refused(401, "bad_credentials", "the user name or password is not right")
DISABLED = Refused(403, "account_disabled", "this account is disabled: ask your IT team")


class Auth:
    def __init__(self, engine: Engine, signer: Ed25519PrivateKey, clock: Callable[[], float] = time.time):
        self.engine, self.signer, self.clock = engine, signer, clock
        self.throttle = SignInThrottle(engine, clock)

    def now(self) -> datetime:
        return datetime.fromtimestamp(self.clock(), UTC)

    # --- sign-in ---------------------------------------------------------------------------------

    async def sign_in(self, request: SignIn, address: str) -> SignedIn:
        try:
            attempt = await run_in_threadpool(self.throttle.begin, request.username, address)
        except Throttled as throttled:
            await run_in_threadpool(self._note_refusal, "sign-in throttled", request.username, address)
            minutes = math.ceil(throttled.retry_after / 60)
            raise Refused(
                429,
                "too_many_attempts",
                f"too many failed sign-ins: try again in {minutes} minute{'s' if minutes != 1 else ''}",
                retry_after=throttled.retry_after,
            ) from None
        user = await run_in_threadpool(self._user_named, request.username)
        encoded = user["password_hash"] if user is not None else security.DUMMY_HASH
        right = await asyncio.get_running_loop().run_in_executor(
            security.PASSWORD_POOL, security.check_password, request.password, encoded
        )
        if not right or user is None:
            await run_in_threadpool(self._failed, attempt, user, address)
            raise WRONG_PASSWORD
        await run_in_threadpool(self.throttle.succeeded, attempt)
        return await run_in_threadpool(self._register, request, user, address)

    def _register(self, request: SignIn, checked: Any, address: str) -> SignedIn:
        """The password was right: register (or re-register) the device and hand out fresh tokens."""
        now = self.now()
        with self.engine.begin() as conn:
            user = conn.execute(select(db.users).where(db.users.c.id == checked["id"])).mappings().one()
            if user["password_hash"] != checked["password_hash"]:  # IT set a new one meanwhile
                raise WRONG_PASSWORD
            if user["disabled"]:
                raise DISABLED
            device = conn.execute(select(db.devices).where(db.devices.c.id == request.device_id)).mappings().first()
            if device is not None and device["revoked_at"] is not None:
                raise self.revoked(device["id"])
            if device is not None and device["user_id"] != user["id"]:
                raise Refused(409, "device_in_use", "this laptop is registered to another account")
            if device is None and user["new_device_blocked"]:
                raise Refused(
                    403, "new_device_blocked", "a laptop of this account was revoked: ask IT to allow a new one"
                )
            if device is None:
                conn.execute(
                    db.devices.insert().values(
                        id=request.device_id, user_id=user["id"], name=request.device_name, registered_at=now
                    )
                )
            issued = tokens.start(conn, request.device_id, now)
            audit.note(conn, "signed in", user_id=user["id"], device_id=request.device_id, address=address, at=now)
            return self._answer(user, issued)

    def _failed(self, attempt: Attempt, user: Any, address: str) -> None:
        self.throttle.failed(attempt)
        with self.engine.begin() as conn:
            audit.note(conn, "sign-in refused", user_id=user["id"] if user else None, address=address)

    def _note_refusal(self, action: str, username: str, address: str) -> None:
        user = self._user_named(username)
        with self.engine.begin() as conn:
            audit.note(conn, action, user_id=user["id"] if user else None, address=address)

    def _user_named(self, username: str) -> Any:
        with self.engine.begin() as conn:
            return conn.execute(select(db.users).where(db.users.c.username == username)).mappings().first()

    # --- refresh, sign-out -----------------------------------------------------------------------

    def refresh(self, request: Refresh) -> SignedIn:
        """New tokens for the device's refresh token, which is used up (tokens.py)."""
        for _ in range(REFRESH_RACE_ATTEMPTS):
            with self.engine.begin() as conn:
                answer = self._rotate(conn, request)
            if answer is REUSED:  # committed: the revocation stands whatever becomes of this answer
                raise self.revoked(request.device_id)
            if isinstance(answer, SignedIn):
                return answer
        raise Refused(409, "busy", "the sign-in changed meanwhile: try again")

    def _rotate(self, conn: Connection, request: Refresh) -> SignedIn | object | None:
        """SignedIn; REUSED (the device has just been revoked); None if a concurrent refresh won the row."""
        device = conn.execute(select(db.devices).where(db.devices.c.id == request.device_id)).mappings().first()
        if device is None:
            raise Refused(401, "bad_credentials", "sign in again")
        if device["revoked_at"] is not None or self._disabled(conn, device["user_id"]):
            if not tokens.held_by(conn, device, request.refresh_token):
                raise Refused(401, "bad_credentials", "sign in again")
            raise self.revoked(device["id"]) if device["revoked_at"] is not None else DISABLED
        try:
            issued = tokens.rotate(conn, device, request.refresh_token, self.now())
        except tokens.RefreshRefused:
            raise Refused(401, "bad_credentials", "sign in again") from None
        except tokens.RefreshReused:
            tokens.revoke_for_reuse(conn, device)
            return REUSED
        if issued is None:
            return None
        user = conn.execute(select(db.users).where(db.users.c.id == device["user_id"])).mappings().one()
        return self._answer(user, issued)

    def sign_out(self, user: User) -> None:
        with self.engine.begin() as conn:
            tokens.end(conn, user.device_id)
            audit.note(conn, "signed out", user_id=user.id, device_id=user.device_id)

    # --- a bearer token --------------------------------------------------------------------------

    def current_user(self, authorization: str | None) -> User:
        if not authorization or not authorization.startswith("Bearer "):
            raise Refused(401, "bad_credentials", "sign in first")
        with self.engine.begin() as conn:
            row = (
                conn.execute(
                    select(db.tokens, db.users.c.role, db.users.c.team_id, db.users.c.disabled, db.devices.c.revoked_at)
                    .join(db.users, db.users.c.id == db.tokens.c.user_id)
                    .join(db.devices, db.devices.c.id == db.tokens.c.device_id)
                    .where(db.tokens.c.hash == security.token_hash(authorization[7:]))
                )
                .mappings()
                .first()
            )
        if row is None:
            raise Refused(401, "bad_credentials", "sign in again")
        if row["revoked_at"] is not None:
            raise self.revoked(row["device_id"])
        if row["disabled"]:
            raise DISABLED
        if aware(row["expires_at"]) < self.now():
            raise Refused(401, "token_expired", "the sign-in has expired")
        return User(id=row["user_id"], role=row["role"], team_id=row["team_id"], device_id=row["device_id"])

    def revoked(self, device_id: str) -> Refused:
        """The answer to a revoked device, signed so the laptop can trust it (protocol.py)."""
        proof = security.sign_revocation(self.signer, device_id)
        return Refused(403, "device_revoked", "this device has been revoked", proof)

    def _answer(self, user: Any, issued: tokens.Issued) -> SignedIn:
        return SignedIn(
            access_token=issued.access_token,
            expires_in=tokens.ACCESS_TOKEN_SECONDS,
            refresh_token=issued.refresh_token,
            user_id=user["id"],
            role=user["role"],
            team_id=user["team_id"],
            revocation_key=security.public_hex(self.signer),
            username=user["username"],
            display_name=user["display_name"],
        )

    def _disabled(self, conn: Connection, user_id: str) -> bool:
        return bool(conn.execute(select(db.users.c.disabled).where(db.users.c.id == user_id)).scalar())
