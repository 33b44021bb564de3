"""The 32-byte device secret, kept in the OS credential store through `keyring`.

Whatever backend keyring resolves is used, including one named by the standard
PYTHON_KEYRING_BACKEND variable. A backend that cannot keep secrets (keyring's `fail`
or `null` backends, a locked store) is a clear error: the secret is never written to a
plain file as a fallback.
"""

from __future__ import annotations

import base64
import os

from wvisit.errors import DeviceSecretMissing, KeyringUnavailable

SERVICE = "wvisit"
SECRET_SIZE = 32


def _keyring():
    """keyring, imported on first use: it is slow to import and the lock screen must appear fast."""
    import keyring
    import keyring.errors

    return keyring


def _username(vault_id: str) -> str:
    return f"device-secret:{vault_id}"


def create(vault_id: str) -> bytes:
    """Make and store a fresh secret; read it back, so a backend that drops it fails now."""
    keyring = _keyring()
    secret = os.urandom(SECRET_SIZE)
    try:
        keyring.set_password(SERVICE, _username(vault_id), base64.b64encode(secret).decode())
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error
    if load(vault_id, missing_is_error=False) != secret:
        raise KeyringUnavailable()
    return secret


def load(vault_id: str, missing_is_error: bool = True) -> bytes | None:
    keyring = _keyring()
    try:
        stored = keyring.get_password(SERVICE, _username(vault_id))
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error
    if stored is None:
        if missing_is_error:
            raise DeviceSecretMissing()
        return None
    return base64.b64decode(stored)


def destroy(vault_id: str) -> None:
    """Crypto-shred: without this secret the wrapped data key cannot be opened by passcode."""
    keyring = _keyring()
    try:
        keyring.delete_password(SERVICE, _username(vault_id))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error
