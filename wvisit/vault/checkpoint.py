"""The audit chain's head, checkpointed in the OS credential store beside the device secret.

Why outside the data folder: nothing inside the folder can tell an old copy of it from the
newest one, so a folder restored from a backup would open with its newer records silently
gone. The credential store keeps what this laptop last saved; the store compares it on open.

Kept under service "wvisit", username "audit-head:<vault_id>"; the value, format 1, is JSON:

    format   1 (a higher number was written by a newer wvisit: "update wvisit")
    seq      the number of the newest audit link this laptop committed
    hash     hex of that link's hash (an HMAC under a key derived from the data key)
    at       that link's time, UTC ISO 8601

Not a secret, and needing no MAC of its own: without the data key nobody can build a chain
holding that hash at that seq. It only moves forward (see `advance`).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from wvisit.errors import CheckpointTooNew, KeyringUnavailable
from wvisit.vault.device_secret import delete_entry, read_entry, write_entry

FORMAT = 1

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str


def vault_id_of(data_dir: Path) -> str | None:
    """The vault naming this folder's checkpoint; None for a folder without a key file (the self-test)."""
    from wvisit.vault.vault import Vault

    return Vault.load(data_dir).vault_id if Vault.exists(data_dir) else None


def load(vault_id: str) -> Checkpoint | None:
    """The stored checkpoint; None when there is none, or it is unreadable (treated like a wiped store)."""
    stored = read_entry(_username(vault_id))
    if stored is None:
        return None
    try:
        value = json.loads(stored)
        if value["format"] > FORMAT:
            raise CheckpointTooNew()
        datetime.fromisoformat(value["at"])  # the date a refusal names
        seq = int(value["seq"])
        if not 0 <= seq < 2**63:  # SQLite's integers: anything else cannot be a link of the chain
            raise ValueError
        return Checkpoint(seq, str(value["hash"]), value["at"])
    except (ValueError, TypeError, KeyError, OverflowError):
        log.warning("the audit checkpoint in the credential store is unreadable; it is set again")
        return None


def advance(vault_id: str, checkpoint: Checkpoint) -> bool:
    """Store `checkpoint` unless the stored one is at the same or a later link; returns whether it was.

    Called after a commit, so the save has already happened: a credential store that fails now is
    logged, not raised. Two processes may race between the read and the write; the loser leaves a
    checkpoint one transaction behind, which is still true (the link exists), never one ahead.
    """
    try:
        current = load(vault_id)
        if current is not None and current.seq >= checkpoint.seq:
            return False
        write_entry(_username(vault_id), json.dumps({"format": FORMAT, **asdict(checkpoint)}))
    except (KeyringUnavailable, CheckpointTooNew) as error:
        log.warning("audit checkpoint not stored: %s", type(error).__name__)
        return False
    return True


def forget(vault_id: str) -> None:
    """Remove the checkpoint with the records it guarded (`wvisit wipe`)."""
    delete_entry(_username(vault_id))


def _username(vault_id: str) -> str:
    return f"audit-head:{vault_id}"
