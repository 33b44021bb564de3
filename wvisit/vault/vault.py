"""The vault file: the data key, wrapped by passcode + device secret, and optionally for recovery.

`vault.json`, format 2 (no personal value in it; binary fields are base64):

    format        2 (a file with a higher number was made by a newer wvisit: "update wvisit")
    generation    raised by one at every write; a re-wrap based on an older generation whose
                  wraps have changed since is refused (compare-and-swap, see _replace_wraps)
    vault_id      random UUID; names the device secret in the credential store
    owner         the worker's account name, for the audit log
    kdf           {"name": "scrypt", "n", "r", "p"} and "salt"
    dek_wrap      nonce (12) + AES-256-GCM(KEK, DEK, ad=b"wvisit dek v1" + vault_id); "" once shredded
    key_id        hex of keys.key_id_of(DEK)
    recovery      null, or {"public_key": PEM of the council's key, "wrap": recovery.wrap(...)}
    attempts      {"failed": n, "retry_after": unix time, "mac": HMAC under a key from the
                  device secret}: see throttle.py

Format 1 (no generation, no mac) is still read; its next write makes it format 2.

Beside it (vault_file.py): `vault.json.good`, the same bytes as the last successful write,
used (with a plain notice) when vault.json is missing or damaged; `vault.json.lock`, the OS
lock held around every read and read-modify-write. All are 0600, the folder 0700.

Passcode change re-wraps the DEK only; no record is re-sealed. Every change is applied to
the file as it is on disk under the lock, never to a copy read earlier, so a Vault object
loaded before another process changed the passcode cannot write the old wrap back.

Not caught here: copying back a whole older vault.json (its count of wrong passcodes with
it). Nothing inside the folder can tell an old copy from a new one.
"""

from __future__ import annotations

import base64
import hmac
import json
import math
import os
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wvisit.errors import (
    PasscodeTooWeak,
    VaultChangedElsewhere,
    VaultExists,
    VaultLocked,
    VaultTooNew,
    WrongPasscode,
)
from wvisit.vault import device_secret, recovery
from wvisit.vault.files import vault_present
from wvisit.vault.kdf import KdfParams, derive_kek
from wvisit.vault.keys import DEK_SIZE, Keys, key_id_of
from wvisit.vault.throttle import Attempts, attempts_key
from wvisit.vault.vault_file import Change, Header, VaultFile

FORMAT = 2
DEFAULT_KDF = KdfParams()
MIN_LENGTH = 10
WRAP_SIZE = 12 + DEK_SIZE + 16  # nonce, DEK, GCM tag

# The commonest passwords long enough to pass a length rule: guessed first by anyone.
COMMON_PASSCODES = frozenset(
    """
    password password1 password12 password123 password1234 passw0rd p@ssw0rd p@ssw0rd123
    12345678 123456789 1234567890 12345678910 0123456789 0987654321 1122334455 1q2w3e4r5t
    qwerty123 qwerty1234 qwertyuiop qwertyuiop123 asdfghjkl asdfghjkl123 zxcvbnm123 1qaz2wsx3edc
    qazwsxedc 123qweasdzxc letmein letmein123 iloveyou iloveyou123 welcome123 changeme123
    abcdefghij abcd123456 abc1234567 football123 sunshine123 princess123 monkey1234 trustno1234
    administrator
    """.split()  # noqa: SIM905 - a word list reads best as words
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


class Vault:
    """A handle on one folder's key file; locked until `unlock` returns the Keys, holding no key itself.

    The header it keeps is a cache for names only (vault_id, owner, has_recovery): every
    operation reads the file afresh under the lock, so a Vault that has been open for hours
    acts on what is on disk now. `notice` is a plain sentence when `load` had to use the
    good copy, for the window to show; else None.
    """

    def __init__(self, data_dir: Path, header: Header, notice: str | None = None):
        self._file = VaultFile(data_dir)
        self.path = self._file.path
        self._header = header
        self.notice = notice

    @property
    def vault_id(self) -> str:
        return str(self._header["vault_id"])

    @property
    def owner(self) -> str:
        return str(self._header["owner"])

    @property
    def has_recovery(self) -> bool:
        return self._header.get("recovery") is not None

    @staticmethod
    def exists(data_dir: Path) -> bool:
        return vault_present(data_dir)

    @classmethod
    def create(
        cls,
        data_dir: Path,
        passcode: str,
        owner: str,
        kdf: KdfParams = DEFAULT_KDF,
        recovery_public_pem: bytes | None = None,
        min_length: int = MIN_LENGTH,
    ) -> tuple[Vault, Keys]:
        if vault_present(data_dir):
            raise VaultExists()
        check_policy(passcode, min_length)
        # the council's key is checked before anything is made; kept as given (PEM) and as a key
        recipient = (recovery_public_pem, recovery.load_public(recovery_public_pem)) if recovery_public_pem else None
        vault_id = str(uuid.uuid4())
        dek = os.urandom(DEK_SIZE)
        secret = device_secret.create(vault_id)
        header = {
            "format": FORMAT,
            "generation": 0,
            "vault_id": vault_id,
            "owner": owner,
            "key_id": key_id_of(dek).hex(),
            "recovery": None,
            "attempts": Attempts().to_record(attempts_key(secret, vault_id), vault_id),
            **_passcode_wrap(dek, passcode, secret, kdf, vault_id),
        }
        if recipient is not None:
            public_pem, public_key = recipient
            header["recovery"] = {
                "public_key": public_pem.decode(),
                "wrap": _b64(recovery.wrap(dek, public_key, vault_id)),
            }
        VaultFile(data_dir).create(header)
        return cls(data_dir, header), Keys(dek)

    @classmethod
    def load(cls, data_dir: Path) -> Vault:
        """The vault in `data_dir`: VaultMissing, StoreCorrupt or VaultTooNew, each a plain sentence."""
        header, notice = VaultFile(data_dir).read(_parse)
        return cls(data_dir, header, notice)

    def unlock(self, passcode: str, now: float | None = None) -> Keys:
        """The Keys, or WrongPasscode / TooManyAttempts / VaultStopped / VaultUnwritable.

        The attempt is counted before the key derivation, under the lock, and forgiven only
        when the passcode proves right: so parallel guesses each count, and killing the
        process mid-derivation does not win a free guess. If the count cannot be written,
        the passcode is not tried at all."""
        dek, _ = self._open(passcode, time.time() if now is None else now)
        return Keys(dek)

    def failed_attempts(self) -> int:
        """Wrong passcodes since the last right one, as the file says: for the audit at the next unlock."""
        header, _ = self._file.read(_parse)
        return int(header["attempts"]["failed"])

    def verify(self, passcode: str, keys: Keys) -> bool:
        """Whether `passcode` opens the data key that `keys` holds; the attempts record is not touched.

        For a gate inside an unlocked session (child mode's exit), which keeps its own
        cooldown, so a child pressing keys never counts towards the vault's stop. It needs
        the open keys, so it is no way round the throttle for someone at the lock screen."""
        if not keys.is_open:
            raise VaultLocked()
        header, _ = self._file.read(_parse)
        try:
            dek = _unwrap(header, passcode, device_secret.load(self.vault_id))
        except WrongPasscode:
            return False
        return hmac.compare_digest(key_id_of(dek), keys.key_id)

    def change_passcode(self, old: str, new: str, min_length: int = MIN_LENGTH) -> Keys:
        """Re-wrap the DEK for `new` (no record is re-sealed); `old` is checked and counted like an unlock."""
        check_policy(new, min_length)
        dek, based_on = self._open(old, time.time())
        secret = device_secret.load(self.vault_id)
        kdf = KdfParams.from_json(based_on["kdf"])
        self._replace_wraps(_passcode_wrap(dek, new, secret, kdf, self.vault_id), based_on)
        return Keys(dek)

    def recover(self, private_pem: bytes, new_passcode: str, min_length: int = MIN_LENGTH) -> Keys:
        """IT's path back in: the recovery key opens the DEK; a new passcode and device secret wrap it.

        It also clears the count of wrong passcodes (a stopped vault opens again) and signs
        the cleared count with the device secret now in use, which may be a new one."""
        check_policy(new_passcode, min_length)
        header, _ = self._file.read(_parse)
        if header["recovery"] is None:
            raise WrongPasscode("These records were set up without a recovery key, so they cannot be recovered.")
        private = recovery.load_private(private_pem)
        dek = recovery.unwrap(_unb64(header["recovery"]["wrap"]), private, self.vault_id)
        secret = device_secret.find(self.vault_id) or device_secret.create(self.vault_id)
        wraps = _passcode_wrap(dek, new_passcode, secret, KdfParams.from_json(header["kdf"]), self.vault_id)
        wraps["attempts"] = Attempts().to_record(attempts_key(secret, self.vault_id), self.vault_id)
        self._replace_wraps(wraps, based_on=None)
        return Keys(dek)

    def shred(self) -> None:
        """Crypto-shred: destroy the device secret and the passcode's wrap, so the passcode opens nothing.

        The wrap to the council's recovery key is kept: what had not synced stays readable by IT alone."""
        device_secret.destroy(self.vault_id)
        self._replace_wraps({"dek_wrap": ""}, based_on=None)

    def _open(self, passcode: str, now: float) -> tuple[bytes, Header]:
        """The DEK and the header whose wrap it came from; counted as described in `unlock`."""
        secret = device_secret.load(self.vault_id)
        key = attempts_key(secret, self.vault_id)
        header = self._count_attempt(key, now)
        dek = _unwrap(header, passcode, secret)
        with self._file.change(_parse) as change:
            self._header = self._save_attempts(change, Attempts(), key)
        return dek, header

    def _count_attempt(self, key: bytes, now: float) -> Header:
        """Refuse (too soon, stopped, tampered) or count this attempt as failed until proven right."""
        with self._file.change(_parse, outcome="The passcode was not tried.") as change:
            header = change.header
            attempts = Attempts.from_record(header["attempts"], key, self.vault_id, legacy=header["format"] == 1)
            refusal = attempts.refusal(now)
            if refusal is None:
                attempts.record_failure(now)
            self._header = self._save_attempts(change, attempts, key)
        if refusal is not None:
            raise refusal
        return self._header

    def _save_attempts(self, change: Change, attempts: Attempts, key: bytes) -> Header:
        """Put `attempts` into the header as it is on disk now, changing nothing else; written only if new."""
        record = attempts.to_record(key, self.vault_id)
        if record == change.header["attempts"]:
            return change.header
        return change.write({**change.header, "format": FORMAT, "attempts": record})

    def _replace_wraps(self, wraps: Header, based_on: Header | None) -> None:
        """Write new wraps into the header as it is on disk now: a compare-and-swap on `generation`.

        An unchanged generation means nothing was written since `based_on` was read. A newer
        one is fine when only the attempts record moved (this unlock's own forgiving, a
        parallel guess); when the wraps themselves changed, this re-wrap is stale and is
        refused rather than undo the other change. `based_on=None` (recovery, shred) is IT's
        or the council's override and always wins."""
        with self._file.change(_parse) as change:
            current = change.header
            if (
                based_on is not None
                and current["generation"] != based_on["generation"]
                and _wraps_of(current) != _wraps_of(based_on)
            ):
                raise VaultChangedElsewhere()
            self._header = change.write({**current, "format": FORMAT, **wraps})


def check_policy(passcode: str, min_length: int = MIN_LENGTH) -> None:
    """Refuse a passcode a guesser would try first; `min_length` is IT's setting."""
    if len(passcode) < min_length:
        raise PasscodeTooWeak(f"The passcode must be at least {min_length} characters long.")
    if passcode.casefold() in COMMON_PASSCODES:
        raise PasscodeTooWeak(
            "That is one of the commonest passwords, so it would be guessed first. "
            "Please choose another: a short sentence is easiest to remember."
        )
    if len(set(passcode)) == 1:
        raise PasscodeTooWeak("A passcode of one character repeated is guessed at once. Please choose another.")


def _passcode_wrap(dek: bytes, passcode: str, secret: bytes, kdf: KdfParams, vault_id: str) -> Header:
    """The `kdf` and `dek_wrap` fields for `passcode`: a fresh salt and nonce every time."""
    salt = os.urandom(16)
    kek = derive_kek(passcode, secret, salt, kdf, vault_id)
    nonce = os.urandom(12)
    return {
        "kdf": {**kdf.to_json(), "salt": _b64(salt)},
        "dek_wrap": _b64(nonce + AESGCM(kek).encrypt(nonce, dek, _dek_ad(vault_id))),
    }


def _unwrap(header: Header, passcode: str, secret: bytes) -> bytes:
    wrapped = _unb64(header["dek_wrap"])
    if not wrapped:
        raise WrongPasscode("These records were wiped from this laptop and cannot be opened.")
    kdf, vault_id = header["kdf"], header["vault_id"]
    kek = derive_kek(passcode, secret, _unb64(kdf["salt"]), KdfParams.from_json(kdf), vault_id)
    try:
        return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], _dek_ad(vault_id))
    except InvalidTag:
        raise WrongPasscode() from None


def _dek_ad(vault_id: str) -> bytes:
    return b"wvisit dek v1" + vault_id.encode()


def _wraps_of(header: Header) -> tuple[object, object, object]:
    return header["kdf"], header["dek_wrap"], header["recovery"]


# --- reading a header: every field checked once, so no later step meets a surprise -------------


def _parse(data: bytes, path: Path) -> Header:
    """The header in `data`; ValueError naming what is wrong, or VaultTooNew for a newer format."""
    try:
        header = json.loads(data)
    except ValueError:
        raise ValueError("it is not a JSON file") from None
    if not isinstance(header, dict) or "format" not in header:
        raise ValueError("it is not a wvisit key file")
    fmt = header["format"]
    if not _is_count(fmt) or fmt < 1:
        raise ValueError("its 'format' field is not valid")
    if fmt > FORMAT:
        raise VaultTooNew(str(path))
    if fmt == 1:
        header = {**header, "generation": 0}
    for field, valid in _FIELDS.items():
        try:
            ok = field in header and valid(header[field])
        except (KeyError, TypeError, ValueError, AttributeError):
            ok = False
        if not ok:
            raise ValueError(f"its '{field}' field is not valid")
    return header


def _is_count(value: object) -> bool:
    return type(value) is int and value >= 0


def _valid_kdf(kdf: dict[str, Any]) -> bool:
    """Within what scrypt accepts and a laptop can afford, so a bad value is "damaged", not a crash."""
    params = KdfParams.from_json(kdf)
    affordable = 2 <= params.n <= 2**20 and params.n & (params.n - 1) == 0 and 1 <= params.r <= 16
    return affordable and 1 <= params.p <= 16 and len(_unb64(kdf["salt"])) == 16


def _valid_attempts(record: dict[str, Any]) -> bool:
    retry_after = record["retry_after"]
    number = type(retry_after) in (int, float) and math.isfinite(retry_after)
    return _is_count(record["failed"]) and number and isinstance(record.get("mac", ""), str)


def _valid_recovery(record: dict[str, Any] | None) -> bool:
    return record is None or (isinstance(record["public_key"], str) and len(_unb64(record["wrap"])) > 0)


_FIELDS: dict[str, Callable[[Any], bool]] = {
    "generation": _is_count,
    "vault_id": lambda value: bool(uuid.UUID(value)),
    "owner": lambda value: isinstance(value, str),
    "key_id": lambda value: len(bytes.fromhex(value)) == 4,
    "kdf": _valid_kdf,
    "dek_wrap": lambda value: len(_unb64(value)) in (0, WRAP_SIZE),
    "recovery": _valid_recovery,
    "attempts": _valid_attempts,
}
