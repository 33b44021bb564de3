"""Encryption: the data key, its wraps, sealing. Nothing outside this package sees a raw key."""

from wvisit.vault.kdf import KdfParams
from wvisit.vault.keys import Keys
from wvisit.vault.vault import Vault

__all__ = ["KdfParams", "Keys", "Vault"]
