"""What waits to sync, when the last sync was, and the last problem: for the status bar and `sync status`."""

from __future__ import annotations

from wvisit.store.store import Store


def describe_status(store: Store) -> dict:
    held = store.outbox.held()
    return {
        "waiting": store.outbox.count() - len(held),
        "set_aside": [{"kind": e.kind, "record_id": e.record_id, "reason": e.last_error} for e in held],
        "last_sync": store.sync_state.get("last_sync"),
        "last_error": store.sync_state.get("last_error"),
        "signed_in_as": store.sync_state.get("username"),
        "role": store.sync_state.get("role"),
    }
