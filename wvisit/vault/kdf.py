"""Key-encryption key: scrypt over the passcode, then HKDF with the device secret.

Both halves are needed: the database file plus the passcode opens nothing without the
laptop's credential store, and the credential store opens nothing without the passcode.
The scrypt cost is stored beside each wrap, so it can be raised later without breaking
old vaults; tests make cheap vaults the same way, by asking for a lower cost.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost. The default, n=2**17, r=8, p=1 (128 MiB), takes about 0.4 s on a laptop."""

    n: int = 2**17
    r: int = 8
    p: int = 1

    def to_json(self) -> dict[str, Any]:
        """The key file's `kdf` field (without its salt): {"name": "scrypt", "n", "r", "p"}."""
        return {"name": "scrypt", **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KdfParams:
        """From the key file's `kdf` field, as JSON read it; ValueError for anything but scrypt."""
        if data.get("name") != "scrypt":
            raise ValueError("unknown key derivation")
        return cls(n=int(data["n"]), r=int(data["r"]), p=int(data["p"]))


def normalise_passcode(passcode: str) -> bytes:
    """NFC, so the same passcode typed on another keyboard layout gives the same bytes."""
    return unicodedata.normalize("NFC", passcode).encode("utf-8")


def derive_kek(passcode: str, device_secret: bytes, salt: bytes, params: KdfParams, vault_id: str) -> bytes:
    stretched = Scrypt(salt=salt, length=32, n=params.n, r=params.r, p=params.p).derive(normalise_passcode(passcode))
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=vault_id.encode(),
        info=b"wvisit kek v1",
    ).derive(stretched + device_secret)
