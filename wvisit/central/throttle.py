"""Slowing password guessing: failed sign-ins are counted per account and per client address, and past
the limit every sign-in for that account or from that address is answered 429 with Retry-After - the
right password too, until the oldest failures age out of the window.

    throttle = SignInThrottle(engine, clock=time.time)
    attempt = throttle.begin("sw.demo", "10.0.0.7")   # raises Throttled(retry_after) past the limit
    ... check the password ...
    throttle.failed(attempt)  or  throttle.succeeded(attempt)

The counts live in the database (`sign_in_attempts`), so several workers behind a proxy share them.
An attempt's row is written and committed *before* its password is checked and counts against the
account at once: of any number of parallel guesses, the k-th to commit sees at least k rows, so no
burst gets past the account's limit. A right password removes the account's failures (the address's
stay: one account of one's own must not wipe a spraying address clean). Refused attempts leave no row,
so an attacker who keeps trying cannot keep an account locked beyond the window.

Accounts and addresses are kept only as SHA-256 (a user name field sometimes holds a mistyped
password). The address limit is higher than the account's: a council office signs in from one
address. Behind a proxy the address is the proxy's unless the server trusts its forwarded headers.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Engine

from wvisit.central import db

WINDOW_SECONDS = 15 * 60
ACCOUNT_LIMIT = 10
ADDRESS_LIMIT = 30


class Throttled(Exception):
    """Too many failed sign-ins: wait `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__("too many failed sign-ins")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Attempt:
    id: int
    account: str


class SignInThrottle:
    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], float] = time.time,
        account_limit: int = ACCOUNT_LIMIT,
        address_limit: int = ADDRESS_LIMIT,
        window: float = WINDOW_SECONDS,
    ):
        self.engine, self.clock, self.window = engine, clock, window
        self.account_limit, self.address_limit = account_limit, address_limit

    def begin(self, username: str, address: str) -> Attempt:
        """Count this attempt before its password is checked; Throttled if the account or address is over."""
        account, place, now = _key("account", username.casefold()), _key("address", address), self.clock()
        table = db.sign_in_attempts
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.at < now - self.window))
            attempt_id = conn.execute(
                table.insert().values(account=account, address=place, at=now, pending=True).returning(table.c.id)
            ).scalar_one()
        since = now - self.window
        with self.engine.begin() as conn:
            others = select(table.c.at).where(table.c.at >= since, table.c.id != attempt_id).order_by(table.c.at)
            on_account = conn.execute(others.where(table.c.account == account)).scalars().all()
            failed_here = (
                conn.execute(others.where(table.c.address == place, table.c.pending.is_(False))).scalars().all()
            )
            wait = max(
                self._wait(on_account, self.account_limit, now),
                self._wait(failed_here, self.address_limit, now),
            )
            if wait:
                conn.execute(delete(table).where(table.c.id == attempt_id))
                raise Throttled(wait)
        return Attempt(id=attempt_id, account=account)

    def failed(self, attempt: Attempt) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(db.sign_in_attempts).where(db.sign_in_attempts.c.id == attempt.id).values(pending=False)
            )

    def succeeded(self, attempt: Attempt) -> None:
        """The right password: the account's failures are forgotten (its address's are not)."""
        table = db.sign_in_attempts
        with self.engine.begin() as conn:
            conn.execute(delete(table).where(table.c.id == attempt.id))
            conn.execute(update(table).where(table.c.account == attempt.account).values(account=None))

    def _wait(self, times: Sequence[float], limit: int, now: float) -> int:
        """Seconds until fewer than `limit` of these times are inside the window; 0 if already so."""
        if len(times) < limit:
            return 0
        return max(1, math.ceil(times[len(times) - limit] + self.window - now))


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}\0{value}".encode()).hexdigest()
