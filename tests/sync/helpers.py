"""What the laptop holds, in the form the central record stores it, to compare the two exactly."""

from __future__ import annotations

from tests.conftest import complete_visit, make_child
from wvisit.central.records import canonical, sha256_of
from wvisit.domain import AttachmentKind
from wvisit.store import Store
from wvisit.store.kinds import TABLES


def local_records(store: Store) -> dict[str, str]:
    """record id -> SHA-256 of its canonical body, for every record of every kind on the laptop."""
    found = {}
    for table in TABLES.values():
        for plain, body in store.tables[table].read_where():
            found[plain["id"]] = sha256_of(canonical(body))
    return found


def record_a_caseload(store: Store, visits: int = 12, attachment_size: int = 0) -> None:
    """A new child added offline, finalised visits with the child's words, and optionally a drawing."""
    child = make_child(store, "Ivy Example")
    for n in range(visits):
        visit = complete_visit(store, child, what_i_saw=f"Visit {n}: Ivy showed me her garden \U0001f33c")
        store.visits.finalise(visit.id)
    if attachment_size:
        data = bytes(range(256)) * (attachment_size // 256 + 1)
        store.attachments.put(child.id, AttachmentKind.DRAWING, data[:attachment_size], name="house.png")


def assert_central_holds_exactly(central, store: Store) -> None:
    """Every local record is on the server once, byte-identical; nothing waits in the outbox."""
    local = local_records(store)
    held = central.records()
    revisions = central.revision_counts()
    for record_id, sha in local.items():
        assert record_id in held, "a record never reached the central record"
        assert held[record_id]["sha256"] == sha, "the central record holds different content"
        assert revisions[record_id] == 1, "a record was applied more than once"
    assert store.outbox.count() == 0
