"""Wrap the data key to the council's recovery public key (X25519), and unwrap it with IT's private key.

Why: a forgotten passcode or a replaced credential store must not lose visits that
have not synced yet. The private key never comes near a laptop in normal use; IT keeps
it offline and brings it only to `wvisit recover`.

Recovery wrap, format 1: a fresh ephemeral X25519 key pair per wrap; the shared secret
goes through HKDF-SHA256 (info b"wvisit recovery v1" + ephemeral public + recipient
public) to an AES-256-GCM key; the DEK is sealed with a random nonce, associated data
the vault id. Stored: ephemeral public key (32), nonce (12), ciphertext and tag (48).
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from wvisit.errors import InvalidValue

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw


def generate_pair() -> tuple[bytes, bytes]:
    """(private PEM, public PEM) for IT: `wvisit recovery-keygen` writes them."""
    private = X25519PrivateKey.generate()
    private_pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = private.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_pem, public_pem


def load_public(pem: bytes) -> X25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except ValueError:
        raise InvalidValue("The recovery key file is not a PEM public key.") from None
    if not isinstance(key, X25519PublicKey):
        raise InvalidValue("The recovery key must be an X25519 public key.")
    return key


def load_private(pem: bytes) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError):
        raise InvalidValue("The recovery key file is not an unencrypted PEM private key.") from None
    if not isinstance(key, X25519PrivateKey):
        raise InvalidValue("The recovery key must be an X25519 private key.")
    return key


def wrap(dek: bytes, recipient: X25519PublicKey, vault_id: str) -> bytes:
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = ephemeral.public_key().public_bytes(*_RAW)
    key = _wrap_key(ephemeral.exchange(recipient), ephemeral_public, recipient.public_bytes(*_RAW))
    nonce = os.urandom(12)
    return ephemeral_public + nonce + AESGCM(key).encrypt(nonce, dek, vault_id.encode())


def unwrap(wrapped: bytes, private: X25519PrivateKey, vault_id: str) -> bytes:
    ephemeral_public, nonce, sealed = wrapped[:32], wrapped[32:44], wrapped[44:]
    recipient_public = private.public_key().public_bytes(*_RAW)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_public))
    try:
        return AESGCM(_wrap_key(shared, ephemeral_public, recipient_public)).decrypt(nonce, sealed, vault_id.encode())
    except InvalidTag:
        raise InvalidValue("That recovery key does not open these records.") from None


def _wrap_key(shared: bytes, ephemeral_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"wvisit recovery v1" + ephemeral_public + recipient_public,
    ).derive(shared)
