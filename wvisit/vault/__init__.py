"""Encryption: the data key, its wraps, sealing. Nothing outside this package sees a raw key.

Names load on first use (PEP 562), so asking "is there a vault here?" at start-up does
not import cryptography and keyring before the lock screen is on the screen.
"""

from importlib import import_module

from wvisit.vault.files import VAULT_FILE

_LAZY = {"KdfParams": "wvisit.vault.kdf", "Keys": "wvisit.vault.keys", "Vault": "wvisit.vault.vault"}

__all__ = ["VAULT_FILE", *_LAZY]


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(name)
