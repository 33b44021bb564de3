"""The 32-byte device secret, kept in the OS credential store through `keyring`.

Whatever backend keyring resolves is used, including one named by the standard
PYTHON_KEYRING_BACKEND variable. A backend that cannot keep secrets (keyring's `fail`
or `null` backends, a locked store) is a clear error: the secret is never written to a
plain file as a fallback. keyring picks keyrings.alt's PlaintextKeyring by itself when it
is installed and no OS store exists, so a new secret is refused there (KeyringNotSafe)
unless WVISIT_ALLOW_PLAINTEXT_KEYRING=1 says this is the demo or a test (from a source checkout
only: IT's bundle ignores it). A secret already
kept in such a file is still read, so records set up before this check are not stranded.
"""

from __future__ import annotations

import base64
import os
from typing import TYPE_CHECKING

from wvisit.bundle import in_bundle
from wvisit.errors import DeviceSecretMissing, KeyringNotSafe, KeyringUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

# keyring itself is imported inside each function, on first use: it is slow to import and the lock
# screen must appear fast.

SERVICE = "wvisit"
SECRET_SIZE = 32
ALLOW_PLAINTEXT = "WVISIT_ALLOW_PLAINTEXT_KEYRING"


def _username(vault_id: str) -> str:
    return f"device-secret:{vault_id}"


def create(vault_id: str) -> bytes:
    """Make and store a fresh secret; read it back, so a backend that drops it fails now.

    Refused (KeyringNotSafe) before anything is written when the store would keep it in a plain file.
    """
    import keyring

    allowed = os.environ.get(ALLOW_PLAINTEXT) == "1" and not in_bundle()  # never on a deployed laptop
    if _writes_plain_file(_storing_backend(keyring.get_keyring())) and not allowed:
        raise KeyringNotSafe()
    secret = os.urandom(SECRET_SIZE)
    write_entry(_username(vault_id), base64.b64encode(secret).decode())
    if find(vault_id) != secret:
        raise KeyringUnavailable()
    return secret


def _storing_backend(backend: KeyringBackend) -> KeyringBackend:
    """The backend a new secret would land in: keyring's chainer hands it to its first backend by priority."""
    from keyring.backends.chainer import ChainerBackend

    if isinstance(backend, ChainerBackend) and backend.backends:
        first: KeyringBackend = backend.backends[0]
        return first
    return backend


def _writes_plain_file(backend: KeyringBackend) -> bool:
    """Whether the backend is a PlaintextKeyring (keyrings.alt's file or pyfs one, or keyring's own before
    version 12), or made from one: it writes each secret as it is into a file in the user's folder."""
    return any(kind.__name__ == "PlaintextKeyring" for kind in type(backend).__mro__)


def load(vault_id: str) -> bytes:
    """The stored secret, or DeviceSecretMissing."""
    secret = find(vault_id)
    if secret is None:
        raise DeviceSecretMissing()
    return secret


def find(vault_id: str) -> bytes | None:
    """The stored secret, or None when the credential store has none."""
    stored = read_entry(_username(vault_id))
    return None if stored is None else base64.b64decode(stored)


def destroy(vault_id: str) -> None:
    """Crypto-shred: without this secret the wrapped data key cannot be opened by passcode."""
    delete_entry(_username(vault_id))


def read_entry(username: str) -> str | None:
    """One of wvisit's entries in the credential store, or None when it has none."""
    import keyring
    import keyring.errors

    try:
        stored: str | None = keyring.get_password(SERVICE, username)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error
    return stored


def write_entry(username: str, value: str) -> None:
    """Set one of wvisit's entries in the credential store; KeyringUnavailable when it cannot keep it."""
    import keyring
    import keyring.errors

    try:
        keyring.set_password(SERVICE, username, value)
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error


def delete_entry(username: str) -> None:
    """Remove one of wvisit's entries from the credential store; one already gone is fine."""
    import keyring
    import keyring.errors

    try:
        keyring.delete_password(SERVICE, username)
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.KeyringError as error:
        raise KeyringUnavailable() from error
