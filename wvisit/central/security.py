"""Passwords (Argon2id, memory-hard, PHC strings) and tokens (random, stored only as SHA-256)."""

from __future__ import annotations

import os
import secrets

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from wvisit.sync.protocol import token_hash

__all__ = ["ACCESS_TOKEN_SECONDS", "DUMMY_HASH", "check_password", "hash_password", "new_token", "token_hash"]

ACCESS_TOKEN_SECONDS = 15 * 60


def hash_password(password: str) -> str:
    kdf = Argon2id(salt=os.urandom(16), length=32, iterations=3, lanes=1, memory_cost=64 * 1024)
    return kdf.derive_phc_encoded(password.encode())


def check_password(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), encoded)
        return True
    except (InvalidKey, ValueError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


# A password check that always costs the same time, for unknown usernames too.
DUMMY_HASH = hash_password("not-a-real-password")
