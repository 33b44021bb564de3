"""Attachments (drawings, photos, audio): sealed in 256 KiB chunks, immutable, named by SHA-256.

Chunking keeps a 50 MB recording from needing one 50 MB sealed value in memory twice,
and lets sync resume an upload chunk by chunk. Each chunk is sealed with associated data
naming its attachment and position, so chunks cannot be swapped or reordered unseen;
reading checks the whole content against its SHA-256 as well.
"""

from __future__ import annotations

import hashlib

from wvisit.domain import Attachment, AttachmentKind, from_record, to_record
from wvisit.errors import TamperedRecord
from wvisit.store.context import StoreContext

CHUNK_SIZE = 256 * 1024


class AttachmentRepository:
    def __init__(self, context: StoreContext):
        self._context = context
        self._table = context.sealed_table("attachments", "attachment")

    def put(self, owner_id: str, kind: AttachmentKind, data: bytes, name: str = "", mime: str = "") -> Attachment:
        attachment = Attachment(
            owner_id=owner_id,
            kind=kind,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            name=name,
            mime=mime or "application/octet-stream",
        )
        chunks = [data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)] or [b""]
        keys = self._context.keys
        with self._context.transaction() as conn:
            self._table.write(attachment.id, to_record(attachment), {"chunks": len(chunks)}, "created")
            conn.executemany(
                "INSERT INTO attachment_chunks (attachment_id, idx, sealed) VALUES (?, ?, ?)",
                [
                    (attachment.id, idx, keys.seal("attachment_chunks", f"{attachment.id}/{idx}", 1, chunk))
                    for idx, chunk in enumerate(chunks)
                ],
            )
        return attachment

    def get(self, attachment_id: str) -> Attachment:
        _, payload = self._table.read(attachment_id)
        return from_record(Attachment, payload)

    def for_owner(self, owner_id: str) -> list[Attachment]:
        return [from_record(Attachment, p) for _, p in self._table.read_where("WHERE owner_id = ?", (owner_id,))]

    def read(self, attachment_id: str) -> bytes:
        attachment = self.get(attachment_id)
        rows = self._context.conn.execute(
            "SELECT idx, sealed FROM attachment_chunks WHERE attachment_id = ? ORDER BY idx", (attachment_id,)
        )
        keys = self._context.keys
        data = b"".join(keys.open("attachment_chunks", f"{attachment_id}/{idx}", 1, sealed) for idx, sealed in rows)
        if hashlib.sha256(data).hexdigest() != attachment.sha256:
            raise TamperedRecord("attachment", attachment_id, "its content does not match its fingerprint")
        return data
