"""Passwords (Argon2id, memory-hard, PHC strings), tokens (random, stored only as SHA-256) and the
key that signs revocations (Ed25519).

A password check costs ~0.1-0.3 s of a core and 64 MiB. The service runs them on PASSWORD_POOL, a
few threads of their own (Argon2 releases the GIL), never inside a database transaction nor on the
threads that serve pulls and pushes: a flood of sign-ins waits its turn there and nothing else does.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from concurrent.futures import ThreadPoolExecutor

from cryptography.exceptions import InvalidKey
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.engine import Engine

from wvisit.central import db
from wvisit.sync.protocol import revocation_message

ACCESS_TOKEN_SECONDS = 15 * 60


def hash_password(password: str) -> str:
    kdf = Argon2id(salt=os.urandom(16), length=32, iterations=3, lanes=1, memory_cost=64 * 1024)
    return kdf.derive_phc_encoded(password.encode())


# One core is left for the rest of the service.
PASSWORD_THREADS = max(1, min(4, (os.cpu_count() or 2) - 1))
PASSWORD_POOL = ThreadPoolExecutor(max_workers=PASSWORD_THREADS, thread_name_prefix="password")


def check_password(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), encoded)
        return True
    except (InvalidKey, ValueError):
        return False


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """How the central record keeps a token: its SHA-256, never the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def revocation_signer(engine: Engine) -> Ed25519PrivateKey:
    """The key that signs revocations, made once per central record and kept in its database; its
    public half reaches each laptop at sign-in (protocol.py)."""
    with engine.begin() as conn:
        row = conn.execute(select(db.server_keys.c.secret).where(db.server_keys.c.name == "revocation")).first()
        if row is None:
            key = Ed25519PrivateKey.generate()
            secret = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
            conn.execute(db.server_keys.insert().values(name="revocation", secret=secret))
            return key
    return Ed25519PrivateKey.from_private_bytes(row.secret)


def public_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()


def sign_revocation(key: Ed25519PrivateKey, device_id: str) -> str:
    return key.sign(revocation_message(device_id)).hex()


# A password check that always costs the same time, for unknown usernames too.
DUMMY_HASH = hash_password("not-a-real-password")
