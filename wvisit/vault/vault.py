"""The vault file: the data key, wrapped by passcode + device secret, and optionally for recovery.

`vault.json`, format 1 (no personal value in it; binary fields are base64):

    format        1
    vault_id      random UUID; names the device secret in the credential store
    owner         the worker's account name, for the audit log
    kdf           {"name": "scrypt", "n", "r", "p"} and "salt"
    dek_wrap      nonce (12) + AES-256-GCM(KEK, DEK, ad=b"wvisit dek v1" + vault_id)
    key_id        hex of keys.key_id_of(DEK)
    recovery      null, or {"public_key": PEM of the council's key, "wrap": recovery.wrap(...)}
    attempts      {"failed": n, "retry_after": unix time}: see throttle.py

Passcode change re-wraps the DEK only; no record is re-sealed. The file is replaced
atomically (write, fsync, rename), so a dead battery leaves the old or the new one.
"""

from __future__ import annotations

import base64
import json
import os
import time
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wvisit.errors import PasscodeTooWeak, StoreCorrupt, VaultExists, VaultMissing, WrongPasscode
from wvisit.vault import device_secret, recovery
from wvisit.vault.files import VAULT_FILE
from wvisit.vault.kdf import KdfParams, derive_kek
from wvisit.vault.keys import DEK_SIZE, Keys, key_id_of
from wvisit.vault.throttle import Attempts

FORMAT = 1
DEFAULT_KDF = KdfParams()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


class Vault:
    """Locked until `unlock` returns the Keys; holding no key itself."""

    def __init__(self, path: Path, header: dict):
        self.path = path
        self._header = header

    @property
    def vault_id(self) -> str:
        return self._header["vault_id"]

    @property
    def owner(self) -> str:
        return self._header["owner"]

    @property
    def has_recovery(self) -> bool:
        return self._header.get("recovery") is not None

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return (data_dir / VAULT_FILE).exists()

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passcode: str,
        owner: str,
        kdf: KdfParams = DEFAULT_KDF,
        recovery_public_pem: bytes | None = None,
        min_length: int = 8,
    ) -> tuple[Vault, Keys]:
        path = data_dir / VAULT_FILE
        if path.exists():
            raise VaultExists()
        check_policy(passcode, min_length)
        recipient = recovery.load_public(recovery_public_pem) if recovery_public_pem else None
        data_dir.mkdir(parents=True, exist_ok=True)
        vault_id = str(uuid.uuid4())
        dek = os.urandom(DEK_SIZE)
        header = {
            "format": FORMAT,
            "vault_id": vault_id,
            "owner": owner,
            "key_id": key_id_of(dek).hex(),
            "recovery": None,
            "attempts": {"failed": 0, "retry_after": 0.0},
        }
        if recipient is not None:
            header["recovery"] = {
                "public_key": recovery_public_pem.decode(),
                "wrap": _b64(recovery.wrap(dek, recipient, vault_id)),
            }
        vault = cls(path, header)
        vault._wrap_for_passcode(dek, passcode, device_secret.create(vault_id), kdf)
        return vault, Keys(dek)

    @classmethod
    def load(cls, data_dir: Path) -> Vault:
        path = data_dir / VAULT_FILE
        if not path.exists():
            raise VaultMissing()
        try:
            header = json.loads(path.read_text("utf-8"))
            if header.get("format") != FORMAT or "dek_wrap" not in header:
                raise ValueError
        except (ValueError, UnicodeDecodeError):
            raise StoreCorrupt(str(path), "the key file is damaged or not wvisit's") from None
        return cls(path, header)

    def unlock(self, passcode: str, now: float | None = None) -> Keys:
        """The Keys, or WrongPasscode / TooManyAttempts / VaultStopped. Each failure is counted."""
        now = time.time() if now is None else now
        attempts = Attempts(**self._header["attempts"])
        try:
            attempts.check(now)
        finally:
            self._save_attempts(attempts)
        secret = device_secret.load(self.vault_id)
        try:
            dek = self._unwrap(passcode, secret)
        except WrongPasscode:
            attempts.record_failure(now)
            self._save_attempts(attempts)
            raise
        if attempts.failed:
            attempts.reset()
            self._save_attempts(attempts)
        return Keys(dek)

    def change_passcode(self, old: str, new: str, min_length: int = 8) -> Keys:
        check_policy(new, min_length)
        keys = self.unlock(old)
        self._wrap_for_passcode(keys.dek(), new, device_secret.load(self.vault_id), self._kdf())
        return keys

    def recover(self, private_pem: bytes, new_passcode: str, min_length: int = 8) -> Keys:
        """IT's path back in: the recovery key opens the DEK; a new passcode and device secret wrap it."""
        check_policy(new_passcode, min_length)
        if not self.has_recovery:
            raise WrongPasscode("These records were set up without a recovery key, so they cannot be recovered.")
        private = recovery.load_private(private_pem)
        dek = recovery.unwrap(_unb64(self._header["recovery"]["wrap"]), private, self.vault_id)
        secret = device_secret.load(self.vault_id, missing_is_error=False) or device_secret.create(self.vault_id)
        self._header["attempts"] = {"failed": 0, "retry_after": 0.0}
        self._wrap_for_passcode(dek, new_passcode, secret, self._kdf())
        return Keys(dek)

    def shred(self) -> None:
        """Crypto-shred: destroy the device secret and every wrap, so nothing here opens again."""
        device_secret.destroy(self.vault_id)
        self._header["dek_wrap"] = ""
        self._header["recovery"] = None
        self._write()

    def _kdf(self) -> KdfParams:
        return KdfParams.from_json(self._header["kdf"])

    def _unwrap(self, passcode: str, secret: bytes) -> bytes:
        wrapped = _unb64(self._header["dek_wrap"])
        if not wrapped:
            raise WrongPasscode("These records were wiped from this laptop and cannot be opened.")
        kek = derive_kek(passcode, secret, _unb64(self._header["kdf"]["salt"]), self._kdf(), self.vault_id)
        try:
            return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], self._dek_ad())
        except InvalidTag:
            raise WrongPasscode() from None

    def _wrap_for_passcode(self, dek: bytes, passcode: str, secret: bytes, kdf: KdfParams) -> None:
        salt = os.urandom(16)
        kek = derive_kek(passcode, secret, salt, kdf, self.vault_id)
        nonce = os.urandom(12)
        self._header["kdf"] = {**kdf.to_json(), "salt": _b64(salt)}
        self._header["dek_wrap"] = _b64(nonce + AESGCM(kek).encrypt(nonce, dek, self._dek_ad()))
        self._write()

    def _dek_ad(self) -> bytes:
        return b"wvisit dek v1" + self.vault_id.encode()

    def _save_attempts(self, attempts: Attempts) -> None:
        new = {"failed": attempts.failed, "retry_after": attempts.retry_after}
        if new != self._header["attempts"]:
            self._header["attempts"] = new
            self._write()

    def _write(self) -> None:
        tmp = self.path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump(self._header, handle, indent=1)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path)
        _fsync_dir(self.path.parent)


def check_policy(passcode: str, min_length: int) -> None:
    if len(passcode) < min_length:
        raise PasscodeTooWeak(f"The passcode must be at least {min_length} characters long.")


def _fsync_dir(directory: Path) -> None:
    if os.name == "posix":
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
