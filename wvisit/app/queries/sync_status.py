"""What waits to sync, when the last sync was, and the last problem: for the status bar and `sync status`."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from wvisit.store.sync_state import PULLED_ASIDE

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


@dataclass(frozen=True)
class SetAside:
    """A record that did not sync, and why (the central record's reason, or this laptop's)."""

    kind: str
    record_id: str
    reason: str


@dataclass(frozen=True)
class SyncOverview:
    waiting: int  # changes not yet held by the central record (set-aside ones not counted)
    set_aside: list[SetAside]  # this laptop's records the central record refused
    pulled_set_aside: list[SetAside]  # records from the central record this laptop cannot read
    last_sync: str | None
    last_error: str | None
    signed_in_as: str | None
    role: str | None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def sync_overview(store: Store) -> SyncOverview:
    held = store.outbox.held()
    pulled = json.loads(store.sync_state.get(PULLED_ASIDE) or "[]")
    return SyncOverview(
        waiting=store.outbox.count() - len(held),
        set_aside=[SetAside(e.kind, e.record_id, e.last_error or "") for e in held],
        pulled_set_aside=[SetAside(r["kind"], r["record_id"], r["reason"]) for r in pulled],
        last_sync=store.sync_state.get("last_sync"),
        last_error=store.sync_state.get("last_error"),
        signed_in_as=store.sync_state.get("username"),
        role=store.sync_state.get("role"),
    )
