"""Encryption: the data key, its wraps, sealing. Nothing outside this package sees a raw key.

Names load on first use (PEP 562), so asking "is there a vault here?" at start-up does
not import cryptography and keyring before the lock screen is on the screen.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from wvisit.vault.files import VAULT_FILE

if TYPE_CHECKING:  # the type checker sees the real classes, not the lazy hook's Any
    from wvisit.vault.kdf import KdfParams as KdfParams
    from wvisit.vault.keys import Keys as Keys
    from wvisit.vault.vault import Vault as Vault

_LAZY = {"KdfParams": "wvisit.vault.kdf", "Keys": "wvisit.vault.keys", "Vault": "wvisit.vault.vault"}

__all__ = ["VAULT_FILE", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(name)
