"""How wrong passcodes slow down, then stop, and why the count cannot be reset by hand.

Three tries are free (typing slips happen on a sofa); each failure after that doubles
the wait, up to five minutes; the tenth wrong passcode in a row stops passcode unlock
until IT reopens the vault with the recovery key. The count lives in the vault file,
so closing the app does not reset it. The wait is measured on the wall clock, which can
be wrong: a wait that looks longer than the policy allows (the clock went back) is cut
to the policy's own figure, so a bad clock never locks a worker out for days.

The record is authenticated: an HMAC-SHA256 over the vault id and both numbers, keyed by
a key derived (HKDF) from the device secret, which lives in the credential store, not in
the folder. Editing `failed` back to 0 therefore breaks the check. A record that fails its
check counts as the stop state (AttemptsTampered), not as the longest wait: someone who
can edit the file could edit it again after every guess, so "longest wait" would still
give them an endless guess every five minutes, while "stop" costs the worker one call to
IT. Copying back a whole older vault.json is not caught here (nothing in the folder can
tell an old file from a new one); see the note in vault.py.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wvisit.errors import AttemptsTampered, TooManyAttempts, VaultStopped, WvisitError

FREE_ATTEMPTS = 3
MAX_DELAY = 300.0
STOP_AFTER = 10


def delay_after(failed: int) -> float:
    if failed < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failed - FREE_ATTEMPTS + 1), MAX_DELAY)


def attempts_key(device_secret: bytes, vault_id: str) -> bytes:
    """The MAC key for the attempts record: its own HKDF purpose, so it is never the KEK's input."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=vault_id.encode(), info=b"wvisit attempts v1").derive(
        device_secret
    )


@dataclass
class Attempts:
    failed: int = 0
    retry_after: float = 0.0

    @classmethod
    def from_record(cls, record: dict[str, Any], key: bytes, vault_id: str, legacy: bool = False) -> Attempts:
        """The counts in `record`, or AttemptsTampered if its MAC is missing or does not match them.

        `legacy`: the file predates MACs (format 1), so a record without one is taken as it
        is, once; the next write adds the MAC."""
        attempts = cls(record["failed"], float(record["retry_after"]))
        if legacy and "mac" not in record:
            return attempts
        if not hmac.compare_digest(str(record.get("mac", "")), attempts._mac(key, vault_id)):
            raise AttemptsTampered()
        return attempts

    def to_record(self, key: bytes, vault_id: str) -> dict[str, object]:
        return {"failed": self.failed, "retry_after": self.retry_after, "mac": self._mac(key, vault_id)}

    def refusal(self, now: float) -> WvisitError | None:
        """The error to raise before any key derivation when this attempt is not allowed yet, else None.

        May cut `retry_after` back to the policy's own figure (a clock set back); the
        caller saves the record either way, so the cut sticks."""
        if self.failed >= STOP_AFTER:
            return VaultStopped()
        wait = self.retry_after - now
        if wait > delay_after(self.failed):
            self.retry_after = now + delay_after(self.failed)
            wait = delay_after(self.failed)
        return TooManyAttempts(wait) if wait > 0 else None

    def record_failure(self, now: float) -> None:
        self.failed += 1
        self.retry_after = now + delay_after(self.failed)

    def reset(self) -> None:
        self.failed = 0
        self.retry_after = 0.0

    def _mac(self, key: bytes, vault_id: str) -> str:
        message = f"wvisit attempts v1\0{vault_id}\0{self.failed}\0{float(self.retry_after)!r}".encode()
        return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()
