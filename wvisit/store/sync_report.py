"""What waits to sync, when the last sync was, and the last problem: for the status bar and `sync status`."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from wvisit.store.sync_state import PULLED_ASIDE

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


def describe_status(store: Store) -> dict:
    held = store.outbox.held()
    return {
        "waiting": store.outbox.count() - len(held),
        "set_aside": [{"kind": e.kind, "record_id": e.record_id, "reason": e.last_error} for e in held],
        "pulled_set_aside": [
            {"kind": r["kind"], "record_id": r["record_id"], "reason": r["reason"]}
            for r in json.loads(store.sync_state.get(PULLED_ASIDE) or "[]")
        ],
        "last_sync": store.sync_state.get("last_sync"),
        "last_error": store.sync_state.get("last_error"),
        "signed_in_as": store.sync_state.get("username"),
        "role": store.sync_state.get("role"),
    }
