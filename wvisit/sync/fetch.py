"""After a pull: fetch the content of pulled attachments this laptop does not hold yet.

A pulled attachment's record names its content (SHA-256, size); the content comes separately, a few
chunks per request, each sealed as it arrives (store/attachments.py), so a fetch cut short resumes at
the next sync from the chunks it holds. Nothing counts as held until the whole matches its SHA-256:
a damaged download is dropped whole and fetched again at the next sync. An attachment the central
record answers as missing or forbidden (this user may not see it, or nobody uploaded it) is marked
unavailable and not asked for at every sync, but asked for again at the first sync after ASK_AGAIN_AFTER:
a child reallocated to the worker again, or content uploaded late, then arrives. A pull does not say
when the child is visible again (records older than the cursor are not sent again), so the cool-down is
the one sign that holds. A sync fetches at most FETCH_BUDGET bytes; the rest wait.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from wvisit.errors import CentralRefused
from wvisit.store import Store
from wvisit.store.attachments import CHUNK_SIZE, chunk_count

log = logging.getLogger(__name__)
CHUNKS_PER_REQUEST = 4  # 1 MiB a request: well under the central record's 4 MiB answer cap
BATCH = 50  # attachments listed per query
FETCH_BUDGET = 256 * 1024 * 1024  # bytes per sync: a laptop on a slow link still finishes its sync
ASK_AGAIN_AFTER = timedelta(hours=6)  # a refused attachment is asked for again at most this often
REFUSED_ASKED = "unavailable_asked"  # sync state: when the central record last refused, or was asked again


def fetch_attachments(store: Store, content: Callable[[str, int, int], bytes | None]) -> tuple[int, int]:
    """Fetch what this laptop lacks; `content(sha, offset, length)` is the client's download (with the
    engine's token handling). Returns (attachments now held, damaged downloads dropped)."""
    _ask_again_when_due(store)
    fetched = damaged = spent = 0
    after = ""
    while spent < FETCH_BUDGET:
        batch = store.attachments.to_fetch(BATCH, after)
        if not batch:
            break
        for attachment_id, held in batch:
            after = attachment_id
            outcome, used = _fetch_one(store, content, attachment_id, held, FETCH_BUDGET - spent)
            spent += used
            fetched += outcome == "held"
            damaged += outcome == "damaged"
            if spent >= FETCH_BUDGET:
                break
    if damaged:
        log.warning("%d attachment download(s) did not match their fingerprint: fetched again next sync", damaged)
    return fetched, damaged


def _ask_again_when_due(store: Store) -> None:
    """Unavailable attachments go back to "to fetch" once ASK_AGAIN_AFTER has passed since the central
    record last refused (or when this laptop's file does not say when: marked by an earlier wvisit). A
    mark in the future was made while the clock was wrong: it does not hold the attachments back."""
    asked = _asked_at(store)
    if asked is not None and timedelta(0) <= datetime.now(UTC) - asked < ASK_AGAIN_AFTER:
        return
    with store.transaction():
        if store.attachments.ask_again():
            _note_asked(store)
        else:  # nothing was held back, so no cool-down runs (and an unreadable mark is not read again)
            store.sync_state.set(REFUSED_ASKED, None)


def _asked_at(store: Store) -> datetime | None:
    """When the central record last refused, as `_note_asked` wrote it; None when the file does not say,
    or says it in a way this laptop cannot read (not a time, or a time without its zone: the mark is a
    plain value anyone with the file can edit). Such a mark only means "ask again now": it must never
    stop a sync, which keeps the audit head the central record checks for a restored folder."""
    mark = store.sync_state.get(REFUSED_ASKED)
    if mark is None:
        return None
    try:
        asked = datetime.fromisoformat(mark)
    except (TypeError, ValueError):
        asked = None
    if asked is None or asked.tzinfo is None:
        log.warning("the time of the last refused attachment cannot be read: unavailable attachments asked again")
        return None
    return asked


def _note_asked(store: Store) -> None:
    """Call in a transaction: the cool-down starts now."""
    store.sync_state.set(REFUSED_ASKED, datetime.now(UTC).isoformat(timespec="seconds"))


def _fetch_one(
    store: Store, content: Callable[[str, int, int], bytes | None], attachment_id: str, held: int, budget: int
) -> tuple[str, int]:
    """("held" | "damaged" | "unavailable" | "later", bytes received) for one attachment."""
    attachment = store.attachments.get(attachment_id)
    total = chunk_count(attachment.size)
    used = 0
    while held < total:
        if used >= budget:
            return "later", used
        want = min(CHUNKS_PER_REQUEST, total - held)
        offset = held * CHUNK_SIZE
        length = max(1, min(want * CHUNK_SIZE, attachment.size - offset))
        try:
            part = content(attachment.sha256, offset, length)
        except CentralRefused as refused:
            if refused.code != "forbidden":
                raise
            part = None  # 403 as 404: this user may not have it
        if part is None:
            store.attachments.forget_content(attachment_id, unavailable=True)
            with store.transaction():
                _note_asked(store)  # a crash before this only means it is asked for again sooner
            return "unavailable", used
        used += len(part)
        if len(part) != max(0, min(want * CHUNK_SIZE, attachment.size - offset)):
            store.attachments.forget_content(attachment_id)  # a short or long answer: not this content
            return "damaged", used
        chunks = [part[i : i + CHUNK_SIZE] for i in range(0, len(part), CHUNK_SIZE)] or [b""]
        store.attachments.keep_chunks(attachment_id, held, chunks)
        held += len(chunks)
    return ("held" if store.attachments.finish_fetch(attachment_id) else "damaged"), used
