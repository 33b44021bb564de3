"""Fetching attachments never stops a sync from leaving its audit head with the central record (the
check that catches a data folder restored from an old copy): not an unreadable mark of the last refusal
in the laptop's file, not a download the network or the service fails."""

from __future__ import annotations

import sqlite3

import pytest

from tests.sync.test_attachment_fetch import PHOTO, photo_on_a_visit
from tests.sync.test_sync import fresh_laptop
from wvisit.errors import WvisitError
from wvisit.sync import fetch

UNREADABLE_MARKS = ["not a date", "2026-12-03T07:00:00", "", "12"]  # the second without its zone


def head_kept_for(engine) -> bool:
    """The central record holds this laptop's current audit head."""
    kept = engine.client.audit_head()
    return kept is not None and (kept.seq, kept.hash) == engine.store.audit.head()


def test_an_unreadable_refusal_mark_means_ask_again_now_and_the_sync_completes(laptop, store, central, tmp_path):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    other, engine = fresh_laptop(tmp_path, "laptop-b", central.url)
    engine.sync()
    for mark in UNREADABLE_MARKS:
        other.attachments.forget_content(photo.id, unavailable=True)
        with sqlite3.connect(other.path) as edited:  # the plain mark edited by hand in the laptop's file
            edited.execute("UPDATE sync_meta SET value = ? WHERE key = ?", (mark, fetch.REFUSED_ASKED))
            edited.execute(
                "INSERT OR IGNORE INTO sync_meta (key, value, sealed) VALUES (?, ?, NULL)", (fetch.REFUSED_ASKED, mark)
            )
        edited.close()
        assert other.sync_state.get(fetch.REFUSED_ASKED) == mark
        assert engine.sync().complete, mark
        assert other.attachments.held(photo.id) is True and other.attachments.read(photo.id) == PHOTO
        assert head_kept_for(engine)


@pytest.mark.parametrize("fault", ["error_500", "drop_request"])
def test_a_failed_download_still_leaves_the_audit_head_with_the_central_record(
    fault, laptop, store, central, proxy, tmp_path
):
    photo = photo_on_a_visit(store)
    assert laptop.sync().complete
    other, engine = fresh_laptop(tmp_path, "laptop-b", proxy.url)
    proxy.plan("/v1/blobs/", fault)
    with pytest.raises(WvisitError):
        engine.sync()
    assert other.attachments.held(photo.id) is False  # waits for the next sync
    assert head_kept_for(engine)
    assert engine.sync().complete and other.attachments.read(photo.id) == PHOTO
