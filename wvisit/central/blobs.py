"""Attachments by SHA-256: files in a blob folder, uploaded in parts, resumable, never overwritten.

The blob folder (`wvisit-central serve --blobs DIR`; beside an SQLite database by default):

    DIR/ab/ab12...ef    a whole attachment, named by the SHA-256 of its content; written once, never changed
    DIR/uploads/<name>  one user's upload in progress (a random name, see db.blob_uploads)

A part is streamed from the request to its upload file (never held whole in memory) and made durable
(fsync) before the bytes received are recorded. When the last part arrives the upload is copied to a
temp file while its SHA-256 is computed, fsynced and renamed into place only when the digest matches:
what is stored is exactly what was checked. A mismatch discards the upload (the laptop starts again),
so a damaged upload never becomes a stored attachment.

Who may learn that an attachment exists, and its size (`may_see`): a user who may see a record whose
body names its SHA-256, and a user who uploaded its whole content (an upload comes before the record
naming it). An upload belongs to its uploader: another user uploading the same content starts at byte
0 and sees only their own progress. Everyone else gets the 404 of a missing attachment.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, exists, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.engine.url import make_url

from wvisit.central import db, records
from wvisit.sync.protocol import BlobStatus

MAX_BLOB = 512 * 1024 * 1024
COPY_CHUNK = 1024 * 1024
MAX_PART = 4 * 1024 * 1024  # the most of an attachment one download answer carries


class BlobError(Exception):
    def __init__(self, status: int, error: str, message: str):
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def default_folder(database: str) -> Path | None:
    """`central.db` keeps its attachments in `central-blobs` beside it; other databases need --blobs."""
    url = make_url(database)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    path = Path(url.database)
    return path.with_name(path.stem + "-blobs")


@dataclass(frozen=True)
class Upload:
    """Where a part goes: this user's upload file, from `offset`, up to `size` bytes in all."""

    path: Path
    offset: int
    size: int


class BlobStore:
    def __init__(self, folder: str | os.PathLike[str]):
        self.folder = Path(folder)
        self.uploads = self.folder / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True, mode=0o700)

    def path(self, sha: str) -> Path:
        return self.folder / sha[:2] / sha

    # --- what a user may learn ----------------------------------------------------------------

    def status(self, conn: Connection, user: records.User, sha: str) -> BlobStatus | None:
        """This user's view of an attachment: whole, their own upload's progress, or None (as if missing)."""
        stored = conn.execute(select(db.blobs.c.size).where(db.blobs.c.sha256 == sha, db.blobs.c.complete)).first()
        if stored is not None and may_see(conn, user, sha):
            return BlobStatus(sha256=sha, size=stored.size, received=stored.size, complete=True)
        mine = _upload_row(conn, user, sha)
        if mine is None:
            return None
        return BlobStatus(sha256=sha, size=mine.size, received=mine.received, complete=False)

    def read_part(self, conn: Connection, user: records.User, sha: str, offset: int, length: int) -> bytes | None:
        """Up to `length` bytes of a whole attachment from `offset`, for a laptop fetching what it pulled;
        None (answered as missing) unless it is whole here and this user may see it (`may_see`)."""
        whole = self.status(conn, user, sha)
        if whole is None or not whole.complete:
            return None
        with self.path(sha).open("rb") as stored:
            stored.seek(offset)
            return stored.read(min(length, MAX_PART))

    # --- an upload, part by part --------------------------------------------------------------

    def begin_part(self, conn: Connection, user: records.User, sha: str, size: int, offset: int) -> Upload | BlobStatus:
        """Where this part goes, or the status to answer at once (the attachment is already whole)."""
        if size > MAX_BLOB:
            raise BlobError(413, "too_large", "the attachment is larger than the central record accepts")
        current = self.status(conn, user, sha)
        if current is not None and current.complete:
            return current  # immutable: a re-sent attachment never overwrites the stored one
        if current is None:
            if offset != 0:
                raise BlobError(409, "offset_mismatch", "the central record holds 0 bytes; resume there")
            staging = secrets.token_hex(16)
            conn.execute(
                db.blob_uploads.insert().values(
                    sha256=sha,
                    user_id=user.id,
                    size=size,
                    received=0,
                    staging=staging,
                    complete=False,
                    started_at=datetime.now(UTC),
                )
            )
            return Upload(self.uploads / staging, 0, size)
        if size != current.size:
            raise BlobError(422, "invalid", "the size does not match the upload already started")
        if offset != current.received:
            raise BlobError(409, "offset_mismatch", f"the central record holds {current.received} bytes; resume there")
        row = _upload_row(conn, user, sha)
        assert row is not None
        return Upload(self.uploads / row.staging, offset, size)

    async def receive(self, upload: Upload, chunks: AsyncIterator[bytes]) -> int:
        """Stream a part's bytes into the upload file and make them durable; the bytes received in all.
        Refused (nothing recorded) as soon as they would pass the declared size."""
        room = upload.size - upload.offset
        written = 0
        fd = os.open(upload.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "r+b") as out:
            out.seek(upload.offset)
            async for chunk in chunks:
                if written + len(chunk) > room:
                    raise BlobError(422, "invalid", "more bytes than the declared size")
                out.write(chunk)
                written += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        return upload.offset + written

    def verified_copy(self, upload: Upload, sha: str) -> Path | None:
        """A whole upload copied to a temp file and fsynced, if its content matches `sha`; else None.
        The copy is what was hashed: a late write to the upload file cannot change a stored attachment."""
        digest = hashlib.sha256()
        copy = self.uploads / f"{upload.path.name}.{secrets.token_hex(8)}.whole"
        left = upload.size
        with upload.path.open("rb") as source, copy.open("wb") as target:
            while left:
                data = source.read(min(COPY_CHUNK, left))
                if not data:
                    break
                digest.update(data)
                target.write(data)
                left -= len(data)
            target.flush()
            os.fsync(target.fileno())
        if left or digest.hexdigest() != sha:
            copy.unlink()
            return None
        return copy

    def finish_part(
        self, conn: Connection, user: records.User, sha: str, upload: Upload, received: int, whole: Path | None
    ) -> BlobStatus:
        """Record a received part. Only the request whose offset is still the upload's moves it on (a
        retried part that raced its first attempt gets offset_mismatch); the last part stores the file."""
        locked = (
            update(db.blob_uploads)
            .where(db.blob_uploads.c.sha256 == sha, db.blob_uploads.c.user_id == user.id)
            .values(received=db.blob_uploads.c.received)
        )
        conn.execute(locked)  # takes the row's (PostgreSQL) or the database's (SQLite) write lock first
        row = _upload_row(conn, user, sha)
        if row is None or row.complete or row.received != upload.offset or self.uploads / row.staging != upload.path:
            held = row.received if row is not None and not row.complete else 0
            raise BlobError(409, "offset_mismatch", f"the central record holds {held} bytes; resume there")
        mine = (db.blob_uploads.c.sha256 == sha) & (db.blob_uploads.c.user_id == user.id)
        if received < upload.size:
            conn.execute(update(db.blob_uploads).where(mine).values(received=received))
            return BlobStatus(sha256=sha, size=upload.size, received=received, complete=False)
        if whole is None:
            conn.execute(update(db.blob_uploads).where(mine).values(received=0))
            os.truncate(upload.path, 0)
            raise BlobError(422, "invalid", "the content does not match its SHA-256; upload it again")
        target = self.path(sha)
        stored = conn.execute(select(exists().where(db.blobs.c.sha256 == sha, db.blobs.c.complete))).scalar()
        if stored and target.exists():
            whole.unlink()
        else:
            target.parent.mkdir(exist_ok=True)
            os.replace(whole, target)
            _fsync_folder(target.parent)
            if not stored:
                conn.execute(delete(db.blobs).where(db.blobs.c.sha256 == sha))
                whole_row = {"sha256": sha, "size": upload.size, "received": upload.size, "complete": True}
                conn.execute(db.blobs.insert().values(**whole_row))
        conn.execute(update(db.blob_uploads).where(mine).values(received=upload.size, complete=True))
        upload.path.unlink(missing_ok=True)
        return BlobStatus(sha256=sha, size=upload.size, received=upload.size, complete=True)

    # --- a database from before the blob folder -----------------------------------------------

    def take_legacy_parts(self, engine: Engine) -> None:
        """Attachments an older release kept in the database's blob_parts move to the folder, checked
        against their SHA-256, a part at a time; unfinished uploads are dropped (laptops upload again)."""
        with engine.begin() as conn:
            if conn.execute(select(db.blob_parts.c.sha256).limit(1)).first() is None:
                return
            shas = conn.execute(select(db.blobs.c.sha256).where(db.blobs.c.complete)).scalars().all()
        for sha in shas:
            if self.path(sha).exists():
                continue
            temp = self.uploads / f"legacy-{secrets.token_hex(8)}"
            digest = hashlib.sha256()
            with engine.connect() as conn, temp.open("wb") as out:
                offsets = conn.execute(
                    select(db.blob_parts.c.offset).where(db.blob_parts.c.sha256 == sha).order_by(db.blob_parts.c.offset)
                ).scalars()
                for offset in list(offsets):
                    data = conn.execute(
                        select(db.blob_parts.c.data).where(
                            db.blob_parts.c.sha256 == sha, db.blob_parts.c.offset == offset
                        )
                    ).scalar_one()
                    digest.update(data)
                    out.write(data)
                out.flush()
                os.fsync(out.fileno())
            if digest.hexdigest() == sha:
                self.path(sha).parent.mkdir(exist_ok=True)
                os.replace(temp, self.path(sha))
                _fsync_folder(self.path(sha).parent)
            else:
                temp.unlink()
        with engine.begin() as conn:
            kept = [sha for sha in shas if self.path(sha).exists()]
            conn.execute(delete(db.blobs).where(db.blobs.c.sha256.not_in(kept)))
            conn.execute(delete(db.blob_parts))


def may_see(conn: Connection, user: records.User, sha: str) -> bool:
    """Whether this user may learn of the attachment: they uploaded it whole, or they may see a record
    naming it. A record's stored body is canonical JSON (records.canonical), so an attachment's
    `"sha256":"<hex>"` appears in it exactly as written here; the hex was checked, so it holds no
    LIKE wildcard. Records are narrowed to the user's children first, an indexed column."""
    uploaded = exists().where(
        db.blob_uploads.c.sha256 == sha, db.blob_uploads.c.user_id == user.id, db.blob_uploads.c.complete
    )
    named = exists().where(
        db.records.c.child_id.in_(records.visible_children(user)),
        db.records.c.body.contains(f'"sha256":"{sha}"'),
    )
    return bool(conn.execute(select(uploaded | named)).scalar())


def visible_complete(conn: Connection, user: records.User, shas: list[str]) -> set[str]:
    """The attachments among `shas` that are whole and that this user may see (for a push naming them)."""
    whole = conn.execute(select(db.blobs.c.sha256).where(db.blobs.c.sha256.in_(shas), db.blobs.c.complete))
    return {sha for sha in whole.scalars() if may_see(conn, user, sha)}


def _upload_row(conn: Connection, user: records.User, sha: str):
    query = select(db.blob_uploads).where(db.blob_uploads.c.sha256 == sha, db.blob_uploads.c.user_id == user.id)
    return conn.execute(query).first()


def _fsync_folder(folder: Path) -> None:
    """A rename is durable once its folder is synced (POSIX; Windows has no folder handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
