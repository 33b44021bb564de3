"""A working session: the vault unlocked and the store open, and how to end it.

The CLI and the UI both start work here, so unlocking, opening and locking behave the
same way everywhere. `lock()` closes the store and forgets the key; the vault file and
the records stay as they were.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from wvisit.config import Config
from wvisit.errors import InvalidValue
from wvisit.store import Store
from wvisit.vault import KdfParams, Keys, Vault

log = logging.getLogger(__name__)


class Session:
    def __init__(self, vault: Vault, keys: Keys, store: Store):
        self.vault = vault
        self.keys = keys
        self.store = store

    @classmethod
    def create(cls, data_dir: Path, passcode: str, owner: str, config: Config) -> Session:
        recovery_pem = _recovery_key(config.recovery_public_key) if config.recovery_public_key else None
        vault, keys = Vault.create(
            data_dir,
            passcode,
            owner,
            kdf=KdfParams(n=2**config.kdf_cost),
            recovery_public_pem=recovery_pem,
            min_length=config.passcode_min_length,
        )
        log.info("vault created")
        return cls(vault, keys, Store.open(data_dir, keys, vault.owner))

    @classmethod
    def unlock(cls, data_dir: Path, passcode: str) -> Session:
        vault = Vault.load(data_dir)
        failed_before = vault.failed_attempts()
        try:
            keys = vault.unlock(passcode)
        except Exception as error:
            log.warning("unlock refused: %s", type(error).__name__)
            raise
        log.info("unlocked")
        session = cls.with_keys(vault, keys)
        session.store.log_event(f"unlocked after {failed_before} wrong passcode(s)" if failed_before else "unlocked")
        return session

    @classmethod
    def after_key_change(cls, vault: Vault, keys: Keys, what: str) -> None:
        """Put a passcode change or a recovery in the records' audit log (it needs the open key)."""
        session = cls.with_keys(vault, keys)
        session.store.log_event(what)
        session.lock()

    @classmethod
    def with_keys(cls, vault: Vault, keys: Keys) -> Session:
        data_dir = vault.path.parent
        try:
            store = Store.open(data_dir, keys, vault.owner, create=False)
        except Exception:
            keys.forget()
            raise
        return cls(vault, keys, store)

    def another_connection(self) -> Store:
        """A second connection to the same records file, for sync on the network lane: SQLite (WAL)
        keeps the two consistent, and a save on one waits milliseconds for the other's short
        transactions, never for a network call. The caller closes it."""
        return Store.open(self.vault.path.parent, self.keys, self.vault.owner, create=False)

    def lock(self) -> None:
        self.store.close()
        self.keys.forget()
        log.info("locked")

    def shred(self) -> bool:
        """After a proven revocation: lock, then destroy the passcode's wrap and the device secret.
        The recovery wrap stays, so IT can still read what had not synced; returns whether there is one."""
        if self.keys.is_open:
            self.lock()
        self.vault.shred()
        return self.vault.has_recovery


@contextmanager
def unlocked(data_dir: Path, passcode: str) -> Iterator[Session]:
    """The unlocked session for one piece of work (a command); locked again however the work ends."""
    session = Session.unlock(data_dir, passcode)
    try:
        yield session
    finally:
        if session.keys.is_open:  # a revocation during the work may have shredded and locked it already
            session.lock()


def wipe(data_dir: Path) -> None:
    """Destroy this laptop's records: the device secret first (from then on nothing opens), then the
    files and the audit checkpoint. For IT's `wipe` and for handing the laptop to another worker."""
    from wvisit.vault import checkpoint
    from wvisit.vault.files import VAULT_FILE

    if Vault.exists(data_dir):
        vault = Vault.load(data_dir)
        vault.shred()
        checkpoint.forget(vault.vault_id)
    for path in (*data_dir.glob("wvisit.db*"), *data_dir.glob(f"{VAULT_FILE}*")):  # the good copy and lock too
        path.unlink()


def _recovery_key(path: str) -> bytes:
    """The council's recovery public key named by IT's settings; a missing file is a plain sentence."""
    try:
        return Path(path).read_bytes()
    except OSError:
        raise InvalidValue(
            f"The council's recovery key file {path} (set by IT) cannot be read, so records cannot be set up here. "
            "Please tell IT."
        ) from None
