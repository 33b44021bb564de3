"""Run a sync: push the outbox (attachments first), then pull what changed, fetch the content of
pulled attachments (sync/fetch.py), and remember where it got.

Guarantees, whatever the network does:
- An outbox entry is dropped only when the central record answers that it holds that exact
  op (applied, duplicate or conflict-kept), in the same transaction that marks the record
  synced. A lost answer means the op is sent again; its op id makes that harmless.
- A refused record is set aside with the server's reason and the rest carry on.
- An attachment's record is sent only after the server holds every byte of it (resumably).
- A pulled page and the cursor after it are stored in one transaction: a crash mid-pull
  repeats a page, never skips one. A page that does not fit the domain is refused whole.
- The laptop's clock is never used to decide anything: order comes from versions and the
  server's sequence, expiry from the server.
`Backoff` says when to try again after a failure: exponential, with jitter, capped.
"""

from __future__ import annotations

import json
import logging
import random
import socket
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ParamSpec, TypeVar

from wvisit import collector
from wvisit.domain.kinds import SCHEMA_VERSIONS, check, too_new
from wvisit.domain.people import Person
from wvisit.errors import (
    DeviceRevoked,
    InvalidValue,
    NotAllSynced,
    RevocationClaimed,
    SignedInAsAnother,
    SignInNeeded,
    StoreRolledBack,
    TokenExpired,
    WvisitError,
)
from wvisit.store import Store
from wvisit.store.kinds import Body
from wvisit.store.outbox import OutboxEntry
from wvisit.store.sealed import Opened
from wvisit.store.sync_state import PULLED_ASIDE
from wvisit.sync.client import CentralClient, op_json, read_page
from wvisit.sync.fetch import fetch_attachments
from wvisit.sync.protocol import (
    MAX_REQUEST_BODY,
    AuditHead,
    PulledRecord,
    PullPage,
    PushOp,
    PushResult,
    Refresh,
    SignedIn,
    SignIn,
    held_by_server,
    revocation_proven,
)

log = logging.getLogger(__name__)
T = TypeVar("T")
P = ParamSpec("P")
BLOB_PART = 1024 * 1024

MAX_BATCH_BYTES = MAX_REQUEST_BODY // 4  # well under the central record's cap on a request
Ops = dict[str, tuple[OutboxEntry, PushOp]]  # a batch by op id: each outbox entry with the op made of it
Flight = tuple[Future[PushResult], Ops]  # a batch on its way, and the server's answer to come


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    set_aside: int
    waiting: int
    pulled: int

    @property
    def complete(self) -> bool:
        return self.waiting == 0 and self.set_aside == 0


class SyncEngine:
    def __init__(
        self,
        store: Store,
        client: CentralClient,
        batch: int = 500,
        on_revoked: Callable[[], bool] | None = None,
    ):
        """`on_revoked` shreds the keys after a proven revocation and says whether the council's
        recovery key can still open what had not synced."""
        self.store, self.client, self.batch = store, client, batch
        self._on_revoked = on_revoked
        self.state = store.sync_state

    # --- signing in ------------------------------------------------------------------------------

    def signed_in(self) -> bool:
        return self.state.get("refresh_token") is not None

    def sign_in(self, username: str, password: str) -> SignedIn:
        """Once per laptop: registers the device and keeps its refresh token, sealed.

        A laptop signed in as one worker is refused for another before anything is sent: the
        outbox holds the first worker's records, and changing worker is `sign_out`'s explicit step."""
        signed_in_as = self.state.get("username")
        if signed_in_as is not None and signed_in_as != username:
            raise SignedInAsAnother(self.store.outbox.count())
        device_id = self.state.get("device_id") or str(uuid.uuid4())
        request = SignIn(username=username, password=password, device_id=device_id, device_name=socket.gethostname())
        session = self._guarded(self.client.sign_in, request)
        with self.store.transaction():
            self.store.sign_in_as(username)
            self.store.people.remember([Person(username, session.display_name, session.role)])
            for key, value in {
                "device_id": device_id,
                "role": session.role,
                "refresh_token": session.refresh_token,
                "revocation_key": session.revocation_key,
            }.items():
                self.state.set(key, value)
        log.info("signed in to the central record")
        return session

    def sign_out(self) -> None:
        """End this laptop's sign-in, on the central record and here; refused while anything waits.

        The device id goes too, so the next sign-in (perhaps another worker's) registers afresh."""
        waiting = self.store.outbox.count()
        if waiting:
            raise NotAllSynced(waiting)
        self._authorised(self.client.sign_out)
        with self.store.transaction():
            for key in ("device_id", "username", "role", "refresh_token", "revocation_key", "cursor"):
                self.state.set(key, None)
        log.info("signed out of the central record")

    # --- a sync ----------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        try:
            self._check_not_rolled_back()
            pushed, set_aside = self.push_all()
            pulled = self.pull_all()
            seq, hash_hex = self.store.audit.head()
            self._authorised(self.client.keep_audit_head, AuditHead(seq=seq, hash=hash_hex))
            fetch_attachments(self.store, lambda sha, at, n: self._authorised(self.client.blob_content, sha, at, n))
        except DeviceRevoked:
            raise  # the store is closed and its key destroyed: nothing more is written here
        except WvisitError as error:
            with self.store.transaction():
                self.state.set("last_error", str(error))
            log.warning("sync stopped: %s", type(error).__name__)
            raise
        waiting = self.store.outbox.count() - len(self.store.outbox.held())
        with self.store.transaction():
            self.state.set("last_sync", datetime.now(UTC).isoformat(timespec="seconds"))
            self.state.set("last_error", None)
        log.info("sync done: %d pushed, %d set aside, %d pulled, %d waiting", pushed, set_aside, pulled, waiting)
        return SyncReport(pushed, set_aside, waiting, pulled)

    def _check_not_rolled_back(self) -> None:
        """The central record keeps the head of this laptop's audit chain from its last sync: a data folder
        restored from an older copy no longer holds it, and must not sync (its older records would be
        pushed as if new, and what it lost would look deleted)."""
        head = self._authorised(self.client.audit_head)
        if head is not None and not self.store.audit.holds(head.seq, head.hash):
            log.warning("the audit chain does not hold the head kept at the last sync")
            raise StoreRolledBack(head.at[:10] or "unknown")

    def push_all(self) -> tuple[int, int]:
        """Push the outbox in batches. While one batch is on its way, the next is read and opened;
        it is sent only once the first is answered, so a child always arrives before its visits. The
        answer is written down (outbox entries dropped or set aside) while the next batch is on its
        way, so the central record does not wait on this laptop's writes."""
        pushed = set_aside = 0
        later: list[str] = []  # ops the server asked to retry: not again in this run
        self._ensure_access()  # a fresh process holds only the stored refresh token
        self.store.sittings.fold_all()  # a drawing saved stroke by stroke goes as one whole sitting
        with ThreadPoolExecutor(max_workers=1) as sender:
            flight: Flight | None = None
            while True:
                in_flight = tuple(flight[1]) if flight else ()
                entries = self.store.outbox.pending(self.batch, skip=(*later, *in_flight))
                with collector.held_off():  # a batch's bodies opened and written out; not while uploading
                    ops = self._ops_for(entries) if entries else {}
                    set_aside += len(entries) - len(ops)
                    ops, encoded = _within_bytes(ops, MAX_BATCH_BYTES)  # the rest wait for the next batch
                answered = self._answer(flight) if flight is not None else None
                if ops:
                    for entry, op in ops.values():
                        if entry.kind == "attachment":
                            self._upload(entry.record_id, op.body)
                    batch = [op for _, op in ops.values()]
                    flight = (sender.submit(self.client.push, batch, encoded), ops)
                else:
                    flight = None
                if answered is not None:  # before the next read of the outbox, which must not see it again
                    done, refused, retry = self._settle(*answered)
                    pushed, set_aside = pushed + done, set_aside + refused
                    later += retry
                elif not entries:
                    return pushed, set_aside

    def _answer(self, flight: Flight) -> tuple[PushResult, Ops]:
        """The server's answer to a batch on its way; sent again, whole, if the access token had expired
        (before any later batch is sent, so the order holds)."""
        future, ops = flight
        try:
            return self._guarded(future.result), ops
        except TokenExpired:
            return self._authorised(self.client.push, [op for _, op in ops.values()]), ops

    def _settle(self, result: PushResult, ops: Ops) -> tuple[int, int, list[str]]:
        """Record the server's answer to a batch: drop what it holds, set aside what it refused."""
        refused = 0
        held: list[OutboxEntry] = []
        retry: list[str] = []
        with self.store.transaction():
            for outcome in result.results:
                entry, _ = ops[outcome.op_id]
                if held_by_server(outcome.status):
                    held.append(entry)
                elif outcome.status == "refused":
                    self.store.outbox.set_aside(entry, outcome.reason)
                    refused += 1
                else:
                    retry.append(entry.op_id)
            self.store.outbox.acknowledge(held)  # one statement for the batch
            self.store.audit.append("synced", "outbox", f"{len(ops)} ops", None)
        return len(held), refused, retry

    def pull_all(self) -> int:
        """Pull pages until the server has no more. The next page is fetched while this one is stored,
        and read and checked while this one's commit is written to disk; the store is touched here alone.

        The helper thread reads the next page only once this one is committing (SQLite gives the
        interpreter's lock up for the whole of the commit) or has failed: read while this thread stored
        a page, the JSON work held the lock against it, which gives it up at every SQLite call and seal
        and then waited to get it back, and a pull ran ~10% slower.

        A record this laptop cannot read (made by a newer wvisit, or a body that does not fit) is set
        aside, sealed, with its reason, and the cursor moves on: one record never blocks every pull.
        Set-aside records are tried again at each pull, so an updated wvisit stores them."""
        pulled = self._store_pulled([])
        cursor = int(self.state.get("cursor") or 0)
        with ThreadPoolExecutor(max_workers=1) as helper, collector.held_off():
            page = self._authorised(self.client.pull, cursor, self.batch)
            checked = _checked(page.records)
            while True:
                committing = threading.Event()
                try:  # the submit inside: Ctrl-C may land in it after the helper has its work
                    ahead = helper.submit(self._next_page, page.cursor, committing) if page.more else None
                    pulled += self._store_pulled(checked, page.cursor, committing.set)
                finally:
                    committing.set()  # never leave the helper waiting: the executor waits for it
                if ahead is None:
                    return pulled
                page, checked = self._page(ahead, page.cursor)

    def set_aside_pulled(self) -> list[dict[str, Any]]:
        """Pulled records this laptop could not read: kind, id, version, schema version, body, reason."""
        aside: list[dict[str, Any]] = json.loads(self.state.get(PULLED_ASIDE) or "[]")
        return aside

    def _store_pulled(
        self, checked: Checked, cursor: int | None = None, committing: Callable[[], None] | None = None
    ) -> int:
        """Store a page (and what was set aside before) in one transaction with the cursor after it.
        `checked`: the page's records, each with why it cannot be stored ("" when it can); `committing`
        is called when all that is left of the transaction is its commit."""
        waiting = _checked([PulledRecord.model_validate(kept) for kept in self.set_aside_pulled()])
        if not waiting and not checked:
            return 0
        readable = [record for record, why in (*waiting, *checked) if not why]
        unreadable = [(record, why) for record, why in (*waiting, *checked) if why]
        with self.store.transaction():
            stored = self.store.apply_pulled([(r.kind, r.record_id, r.version, r.body) for r in readable])
            authors = {r.author.username: r.author for r, _ in checked if r.author is not None}
            self.store.people.remember([Person(a.username, a.display_name, a.role) for a in authors.values()])
            if waiting or unreadable:
                aside = {r.record_id: {**r.model_dump(), "reason": why} for r, why in unreadable}
                self.state.set(PULLED_ASIDE, json.dumps(list(aside.values())) if aside else None)
            if cursor is not None:
                self.state.set("cursor", str(cursor))
            if committing is not None:
                committing()
        if unreadable:
            log.warning("%d pulled record(s) set aside: this laptop cannot read them", len(unreadable))
        return stored

    def _next_page(self, cursor: int, committing: threading.Event) -> tuple[PullPage, Checked]:
        """On the helper thread: the page after `cursor`, fetched at once, read and checked once the
        page before it is committing (see `pull_all`)."""
        content = self.client.fetch_page(cursor, self.batch)
        committing.wait()
        page = read_page(content)
        return page, _checked(page.records)

    def _page(self, ahead: Future[tuple[PullPage, Checked]], cursor: int) -> tuple[PullPage, Checked]:
        """The page fetched ahead, read and checked; if its token expired meanwhile, refresh here and fetch
        it again."""
        try:
            return self._guarded(ahead.result)
        except TokenExpired:
            page = self._authorised(self.client.pull, cursor, self.batch)
            return page, _checked(page.records)

    # --- pieces ----------------------------------------------------------------------------------

    def _ops_for(self, entries: list[OutboxEntry]) -> Ops:
        """The ops for a batch of outbox entries, read one query per kind. An entry that cannot
        be sent (its record fails its check, its child is not here) is set aside with the reason."""
        found: dict[str, Opened | WvisitError] = {}
        for kind in {entry.kind for entry in entries}:
            ids = [entry.record_id for entry in entries if entry.kind == kind]
            found.update(self.store.read_for_push(kind, ids))
        ops: Ops = {}
        refused: list[tuple[OutboxEntry, str]] = []
        for entry in entries:  # in outbox order: a child before its visits
            record = found.get(entry.record_id)
            if record is None or isinstance(record, WvisitError):
                refused.append((entry, str(record or "the record is missing")))
                continue
            plain, body = record
            child_id = self.store.child_of(entry.kind, entry.record_id, body)
            if child_id is None:
                refused.append((entry, "the child this record belongs to is not on this laptop"))
                continue
            ops[entry.op_id] = (entry, _op(entry, plain["version"], child_id, body))
        if refused:
            with self.store.transaction():
                for entry, reason in refused:
                    self.store.outbox.set_aside(entry, reason)
        return ops

    def _upload(self, attachment_id: str, body: Body) -> None:
        """Send what the server lacks of an attachment, from the last byte it holds."""
        sha, size = body["sha256"], body["size"]
        status = self._authorised(self.client.blob_status, sha)
        if status is not None and status.complete:
            return
        data = self.store.attachments.read(attachment_id)
        offset = status.received if status else 0
        while offset < size or size == 0:
            part = data[offset : offset + BLOB_PART]
            status = self._authorised(self.client.put_blob, sha, size, offset, part)
            offset = status.received
            if status.complete:
                return

    def _ensure_access(self) -> None:
        """An access token before the first call: renewed from the stored refresh token when missing."""
        if self.client.access_token is None:
            self._refresh()

    def _authorised(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a client call with a fresh access token, refreshing it once if it has expired."""
        self._ensure_access()
        try:
            return self._guarded(call, *args, **kwargs)
        except TokenExpired:
            self._refresh()
            return self._guarded(call, *args, **kwargs)

    def _refresh(self) -> None:
        """New tokens from the stored refresh token. The central record uses it up and answers with the
        next one, saved here before anything else is sent (an older central record answers without one:
        the stored one stays). Should this process die before saving, the central record accepts the
        one before for a while (central/tokens.py)."""
        device_id, token = self.state.get("device_id"), self.state.get("refresh_token")
        if not device_id or not token:
            raise SignInNeeded()
        session = self._guarded(self.client.refresh, Refresh(device_id=device_id, refresh_token=token))
        changes = {}
        if session.refresh_token and session.refresh_token != token:
            changes["refresh_token"] = session.refresh_token
        if session.revocation_key and not self.state.get("revocation_key"):  # signed in before keys existed
            changes["revocation_key"] = session.revocation_key
        if changes:
            with self.store.transaction():
                for key, value in changes.items():
                    self.state.set(key, value)

    def _guarded(self, call: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a client call; a proven revocation of this device shreds its keys before the error goes up.

        A "revoked" answer without the proof only the central record can make (protocol.py) wipes
        nothing: a proxy, a misrouted answer or another laptop's revocation must never shred this one."""
        try:
            return call(*args, **kwargs)
        except RevocationClaimed as claim:
            if not self._proves_revocation(claim.proof):
                log.warning("a revocation without valid proof was ignored")
                raise
            unsynced = self.store.outbox.count()
            log.warning("device revoked by the central record: shredding (%d records not synced)", unsynced)
            recoverable = self._on_revoked() if self._on_revoked is not None else False
            raise DeviceRevoked(unsynced, recoverable) from None

    def _proves_revocation(self, proof: str) -> bool:
        device_id, key = self.state.get("device_id"), self.state.get("revocation_key")
        if not (proof and device_id and key):
            return False
        return revocation_proven(key, proof, device_id)


class Backoff:
    """Seconds to wait before the next try: doubles from `base` to `cap`, with full jitter."""

    def __init__(self, base: float = 5.0, cap: float = 600.0, rng: random.Random | None = None):
        self.base, self.cap, self.failures = base, cap, 0
        self._rng = rng or random.Random()

    def failed(self) -> float:
        self.failures += 1
        return self._rng.uniform(self.base / 2, min(self.cap, self.base * 2 ** (self.failures - 1)))

    def succeeded(self) -> None:
        self.failures = 0


def _op(entry: OutboxEntry, version: int, child_id: str, body: Body) -> PushOp:
    """Built without re-validating: every field comes from this laptop's own sealed store."""
    attachments = [body["sha256"]] if entry.kind == "attachment" else []
    return PushOp.model_construct(
        op_id=entry.op_id,
        kind=entry.kind,
        record_id=entry.record_id,
        version=version,
        child_id=child_id,
        body=body,
        attachments=attachments,
        schema_version=SCHEMA_VERSIONS[entry.kind],
    )


Checked = list[tuple[PulledRecord, str]]  # pulled records, each with why it cannot be stored ("": it can)


def _checked(records: list[PulledRecord]) -> Checked:
    return [(record, _unreadable(record)) for record in records]


def _unreadable(record: PulledRecord) -> str:
    """Why this laptop cannot store a pulled record, or "" when it can: the registry's check, the same
    the central record made when the record was pushed."""
    if too_new(record.kind, record.schema_version):
        return "made by a newer version of wvisit: update wvisit to read it"
    try:
        check(record.kind, record.record_id, record.child_id, record.body)
    except InvalidValue as error:
        return f"it does not fit this laptop's idea of a {record.kind} record: {error}"
    return ""


def _within_bytes(ops: Ops, limit: int) -> tuple[Ops, list[str]]:
    """The first ops that fit in `limit` bytes of JSON (at least one), and the JSON of each, which the
    push sends as it is: the central record caps a request's size, and a batch of large drawings
    could pass it by count alone."""
    kept: Ops = {}
    encoded: list[str] = []
    size = 0
    for op_id, (entry, op) in ops.items():
        text = op_json(op)
        size += len(text)
        if kept and size > limit:
            break
        kept[op_id] = (entry, op)
        encoded.append(text)
    return kept, encoded
