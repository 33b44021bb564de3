"""The unlocked data key, and the sealed-blob format: the only code that touches raw keys.

Sealed blob, format 1 (every personal value on disk is one of these):

    offset  size  what
    0       1     format byte, 0x01
    1       4     key id: first 4 bytes of SHA-256(b"wvisit key id" + DEK)
    5       12    nonce, fresh from os.urandom for every seal
    17      n+16  AES-256-GCM ciphertext and tag

The associated data is b"wvisit\\0" + table + b"\\0" + record id + b"\\0" + version,
preceded by the 5 header bytes. So a blob copied into another row, another table or
another version of the same row does not open: moving and rolling back are detected.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from typing import TypeVar

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wvisit.errors import SealedByNewerWvisit, TamperedRecord, VaultLocked

FORMAT = 0x01
NONCE_SIZE = 12
HEADER_SIZE = 1 + 4 + NONCE_SIZE
DEK_SIZE = 32

T = TypeVar("T")


def key_id_of(dek: bytes) -> bytes:
    return hashlib.sha256(b"wvisit key id" + dek).digest()[:4]


def derive_subkey(dek: bytes, purpose: bytes) -> bytes:
    """A separate key for each non-sealing use (the audit chain's MAC), never the DEK itself."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"wvisit " + purpose).derive(dek)


class Keys:
    """Holds the data key while the vault is unlocked. `forget()` is what locking does."""

    def __init__(self, dek: bytes):
        if len(dek) != DEK_SIZE:
            raise ValueError("a data key is 32 bytes")
        self._aead: AESGCM | None = AESGCM(dek)
        self._key_id = key_id_of(dek)
        self._format_and_key = bytes([FORMAT]) + self._key_id  # the first 5 bytes of every blob it seals
        # The audit subkey's HMAC with the key already taken in, copied for each link: a new HMAC per
        # link was most of a link's cost (a pulled page writes one link per record).
        self._audit_mac: hmac.HMAC | None = hmac.new(derive_subkey(dek, b"audit v1"), digestmod=hashlib.sha256)
        self._dek: bytes | None = dek

    @property
    def key_id(self) -> bytes:
        return self._key_id

    @property
    def is_open(self) -> bool:
        return self._aead is not None

    def dek(self) -> bytes:
        """The raw data key, for wrapping it again (passcode change, recovery) only."""
        return self._require(self._dek)

    def seal(self, table: str, record_id: str, version: int, plaintext: bytes) -> bytes:
        aead = self._require(self._aead)
        nonce = os.urandom(NONCE_SIZE)
        sealed = aead.encrypt(nonce, plaintext, self._format_and_key + _bind(table, record_id, version))
        return self._format_and_key + nonce + sealed

    def open(self, table: str, record_id: str, version: int, blob: bytes) -> bytes:
        """The plaintext, or TamperedRecord: never altered or misplaced bytes as data."""
        aead = self._require(self._aead)
        if len(blob) >= HEADER_SIZE + 16 and blob[0] > FORMAT:
            raise SealedByNewerWvisit(table, record_id)
        if len(blob) < HEADER_SIZE + 16 or blob[0] != FORMAT:
            raise TamperedRecord(table, record_id, "its sealed value is not in a format wvisit writes")
        if blob[1:5] != self._key_id:
            raise TamperedRecord(table, record_id, "it was sealed with another key")
        nonce = blob[5:HEADER_SIZE]
        try:
            return aead.decrypt(nonce, blob[HEADER_SIZE:], blob[:5] + _bind(table, record_id, version))
        except InvalidTag:
            raise TamperedRecord(table, record_id) from None

    def mac(self, message: bytes) -> bytes:
        """HMAC-SHA256 under the audit subkey: links of the audit chain no thief can forge."""
        mac = self._require(self._audit_mac).copy()
        mac.update(message)
        return mac.digest()

    def forget(self) -> None:
        """Drop every reference to key material (Python cannot promise to wipe memory)."""
        self._aead = None
        self._audit_mac = None
        self._dek = None

    @staticmethod
    def _require(value: T | None) -> T:
        """`value`, or VaultLocked once the keys were forgotten."""
        if value is None:
            raise VaultLocked()
        return value


def _bind(table: str, record_id: str, version: int) -> bytes:
    return f"wvisit\0{table}\0{record_id}\0{version}".encode()
