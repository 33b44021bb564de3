"""Attachments by SHA-256: uploaded in parts, resumable from the last byte received, never overwritten.

The whole content is checked against its SHA-256 when the last part arrives; a mismatch
discards the parts, so a damaged upload can never become a stored attachment.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from wvisit.central import db
from wvisit.sync.protocol import BlobStatus

MAX_BLOB = 512 * 1024 * 1024


class BlobError(Exception):
    def __init__(self, status: int, error: str, message: str):
        super().__init__(message)
        self.status, self.error, self.message = status, error, message


def status(conn: Connection, sha: str) -> BlobStatus | None:
    row = conn.execute(select(db.blobs).where(db.blobs.c.sha256 == sha)).mappings().first()
    return BlobStatus(**row) if row else None


def put_part(conn: Connection, sha: str, size: int, offset: int, data: bytes) -> BlobStatus:
    if not 0 <= size <= MAX_BLOB:
        raise BlobError(413, "too_large", "the attachment is larger than the central record accepts")
    current = status(conn, sha)
    if current is None:
        conn.execute(db.blobs.insert().values(sha256=sha, size=size, received=0, complete=False))
        current = BlobStatus(sha256=sha, size=size, received=0, complete=False)
    if current.complete:
        return current  # immutable: a re-sent attachment never overwrites the stored one
    if size != current.size:
        raise BlobError(422, "invalid", "the size does not match the upload already started")
    if offset != current.received:
        raise BlobError(409, "offset_mismatch", f"the central record holds {current.received} bytes; resume there")
    if current.received + len(data) > size:
        raise BlobError(422, "invalid", "more bytes than the declared size")
    if data:
        conn.execute(db.blob_parts.insert().values(sha256=sha, offset=offset, data=data))
    received = current.received + len(data)
    complete = received == size
    if complete and not _matches(conn, sha):
        conn.execute(delete(db.blob_parts).where(db.blob_parts.c.sha256 == sha))
        conn.execute(update(db.blobs).where(db.blobs.c.sha256 == sha).values(received=0))
        raise BlobError(422, "invalid", "the content does not match its SHA-256; upload it again")
    conn.execute(update(db.blobs).where(db.blobs.c.sha256 == sha).values(received=received, complete=complete))
    return BlobStatus(sha256=sha, size=size, received=received, complete=complete)


def _matches(conn: Connection, sha: str) -> bool:
    digest = hashlib.sha256()
    parts = conn.execute(
        select(db.blob_parts.c.data).where(db.blob_parts.c.sha256 == sha).order_by(db.blob_parts.c.offset)
    )
    for (data,) in parts:
        digest.update(data)
    return digest.hexdigest() == sha
