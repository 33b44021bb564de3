"""A photo added to a visit on one laptop arrives, byte for byte and sealed, on another laptop of a user
who may see the child; a damaged download is never kept; a refused one is not asked for at every sync,
but is again after a cool-down (the child may have been allocated back)."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from sqlalchemy import delete, select, update

from tests.conftest import complete_visit, make_child
from tests.sync.test_concurrent_pushes import signed_in
from tests.sync.test_sync import fresh_laptop
from wvisit.central import db
from wvisit.domain.attachment import AttachmentKind
from wvisit.sync import fetch

# Synthetic bytes over 1 MiB: the download takes several requests and several sealed chunks.
PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 5000


def photo_on_a_visit(store):
    child = make_child(store, "Ivy Example")
    visit = complete_visit(store, child)
    return store.attachments.put(visit.id, AttachmentKind.PHOTO, PHOTO, name="bedroom.png", mime="image/png")


def test_a_photo_reaches_a_fresh_laptop_of_a_user_who_may_see_the_child(laptop, store, central, tmp_path):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete

    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    assert other.attachments.held(photo.id) is True
    assert other.attachments.read(photo.id) == PHOTO
    kept = other.attachments.get(photo.id)
    assert (kept.name, kept.kind, kept.size) == ("bedroom.png", AttachmentKind.PHOTO, len(PHOTO))
    on_disk = [p.read_bytes() for p in other.path.parent.iterdir() if p.is_file()]
    assert not any(PHOTO[8:4096] in content for content in on_disk)  # sealed at rest
    assert engine.sync().complete and other.attachments.to_fetch(10) == []  # nothing fetched twice

    stranger, stranger_engine = fresh_laptop(tmp_path, "laptop-c", central.url, user="sw.other")
    stranger_engine.sync()
    assert stranger.attachments.for_owner(kept.owner_id) == []
    answer = httpx.get(f"{central.url}/v1/blobs/{photo.sha256}/content", headers=signed_in(central, "sw.other"))
    assert answer.status_code == 404 and PHOTO[:64] not in answer.content


def test_a_damaged_download_is_not_kept_and_is_fetched_again_at_the_next_sync(laptop, store, central, tmp_path):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    stored = central.blobs / photo.sha256[:2] / photo.sha256
    stored.write_bytes(PHOTO[:-1] + b"X")  # the server's copy damaged on its disk

    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    assert other.attachments.held(photo.id) is False  # still "not yet downloaded"
    chunks = other.conn.execute("SELECT COUNT(*) FROM attachment_chunks WHERE attachment_id = ?", (photo.id,))
    assert chunks.fetchone()[0] == 0

    stored.write_bytes(PHOTO)
    engine.sync()
    assert other.attachments.held(photo.id) is True and other.attachments.read(photo.id) == PHOTO


def test_an_attachment_the_central_record_will_not_give_is_marked_unavailable_not_asked_for_forever(
    laptop, store, central, tmp_path
):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    with central.engine.begin() as conn:
        conn.execute(delete(db.blobs).where(db.blobs.c.sha256 == photo.sha256))  # now answered as missing

    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    assert other.attachments.held(photo.id) is None
    assert other.attachments.to_fetch(10) == []
    engine.sync()
    assert other.attachments.held(photo.id) is None  # still unavailable: not asked for again


def test_a_sync_fetches_a_bounded_amount_and_the_next_resumes_where_it_stopped(
    laptop, store, central, tmp_path, monkeypatch
):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    monkeypatch.setattr(fetch, "FETCH_BUDGET", 1024 * 1024)  # one request's worth a sync

    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    assert other.attachments.held(photo.id) is False  # "not yet downloaded"
    assert other.attachments.to_fetch(10) == [(photo.id, 4)]  # 4 of its 5 chunks are here, sealed

    engine.sync()  # the last chunk only, then the whole is checked
    assert other.attachments.held(photo.id) is True and other.attachments.read(photo.id) == PHOTO


def allocate(central, child_id: str, username: str) -> None:
    """The child's allocation moved to `username`, as the council's case system would move it."""
    with central.engine.begin() as conn:
        worker = conn.execute(select(db.users.c.id).where(db.users.c.username == username)).scalar_one()
        conn.execute(update(db.allocations).where(db.allocations.c.child_id == child_id).values(worker_id=worker))


def test_a_photo_refused_while_the_child_was_allocated_elsewhere_arrives_once_allocated_back(
    laptop, store, central, tmp_path, monkeypatch
):
    photo = photo_on_a_visit(store)
    child_id = store.visits.get(photo.owner_id).child_id
    assert laptop.sync().complete
    allocate(central, child_id, "sw.other")
    monkeypatch.setattr(fetch, "FETCH_BUDGET", 1024 * 1024)  # the first sync fetches only part of it

    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url, user="sw.other")
    engine.sync()
    assert other.attachments.held(photo.id) is False
    allocate(central, child_id, "sw.demo")  # back to the first worker for a while
    engine.sync()
    assert other.attachments.held(photo.id) is None  # "not available to you"

    allocate(central, child_id, "sw.other")  # and to this worker again
    engine.sync()
    assert other.attachments.held(photo.id) is None  # not asked again at once: a refusal is not retried every sync
    with other.transaction():  # the laptop's mark of the refusal, as it reads after the cool-down
        asked = datetime.now(UTC) - fetch.ASK_AGAIN_AFTER
        other.sync_state.set(fetch.REFUSED_ASKED, asked.isoformat(timespec="seconds"))
    monkeypatch.setattr(fetch, "FETCH_BUDGET", 4 * 1024 * 1024)
    engine.sync()
    assert other.attachments.held(photo.id) is True and other.attachments.read(photo.id) == PHOTO


def test_a_refusal_marked_by_an_earlier_wvisit_is_asked_again_at_the_next_sync(laptop, store, central, tmp_path):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    other.attachments.forget_content(photo.id, unavailable=True)  # as an earlier wvisit left it: no date kept
    assert other.sync_state.get(fetch.REFUSED_ASKED) is None
    engine.sync()
    assert other.attachments.held(photo.id) is True and other.attachments.read(photo.id) == PHOTO
