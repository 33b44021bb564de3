"""How wrong passcodes slow down, then stop.

Three tries are free (typing slips happen on a sofa); each failure after that doubles
the wait, up to five minutes; the tenth wrong passcode in a row stops passcode unlock
until IT reopens the vault with the recovery key. The count lives in the vault file,
so closing the app does not reset it. The wait is measured on the wall clock, which can
be wrong: a wait that looks longer than the policy allows (the clock went back) is cut
to the policy's own figure, so a bad clock never locks a worker out for days.
"""

from __future__ import annotations

from dataclasses import dataclass

from wvisit.errors import TooManyAttempts, VaultStopped

FREE_ATTEMPTS = 3
MAX_DELAY = 300.0
STOP_AFTER = 10


def delay_after(failed: int) -> float:
    if failed < FREE_ATTEMPTS:
        return 0.0
    return min(2.0 ** (failed - FREE_ATTEMPTS + 1), MAX_DELAY)


@dataclass
class Attempts:
    failed: int = 0
    retry_after: float = 0.0

    def check(self, now: float) -> None:
        """Raise before any key derivation when this attempt is not allowed yet."""
        if self.failed >= STOP_AFTER:
            raise VaultStopped()
        wait = self.retry_after - now
        if wait > delay_after(self.failed):
            self.retry_after = now + delay_after(self.failed)
            wait = delay_after(self.failed)
        if wait > 0:
            raise TooManyAttempts(wait)

    def record_failure(self, now: float) -> None:
        self.failed += 1
        self.retry_after = now + delay_after(self.failed)

    def reset(self) -> None:
        self.failed = 0
        self.retry_after = 0.0
