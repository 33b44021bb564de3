"""Attachments (drawings, photos, audio): sealed in 256 KiB chunks, immutable, named by SHA-256.

Chunking keeps a 50 MB recording from needing one 50 MB sealed value in memory twice,
and lets sync resume an upload chunk by chunk. Each chunk is sealed with associated data
naming its attachment and position, so chunks cannot be swapped or reordered unseen;
reading checks the whole content against its SHA-256 as well.
"""

from __future__ import annotations

import hashlib

from wvisit.domain import Attachment, AttachmentKind, from_record, to_record
from wvisit.domain.attachment import UNKNOWN_TYPE
from wvisit.errors import TamperedRecord
from wvisit.store.context import StoreContext

CHUNK_SIZE = 256 * 1024
# The plain `chunks` column is this laptop's own state: how many chunks of the content it holds. A pulled
# attachment starts at 0 and its content is fetched by sync (sync/fetch.py); UNAVAILABLE marks one the
# central record would not give this user, so it is not asked for again at every sync (only after a
# cool-down: the child may be allocated to them again).
UNAVAILABLE = -1


def chunk_count(size: int) -> int:
    """How many chunks hold content of `size` bytes (an empty attachment has one, empty)."""
    return max(1, -(-size // CHUNK_SIZE))


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
            mime=mime or UNKNOWN_TYPE,
        )
        attachment.validate()  # the name and type every laptop and the central record check (kinds.py)
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

    # --- content fetched after a pull (sync/fetch.py) -------------------------------------------

    def held(self, attachment_id: str) -> bool | None:
        """True when this laptop holds the content, False while it is still to be fetched, None when the
        central record would not give it (the list says "not available to you")."""
        row = self._context.conn.execute(
            "SELECT size, chunks FROM attachments WHERE id = ?", (attachment_id,)
        ).fetchone()
        if row is None or row[1] == UNAVAILABLE:
            return None
        return bool(row[1] >= chunk_count(row[0]))

    def to_fetch(self, limit: int, after: str = "") -> list[tuple[str, int]]:
        """Up to `limit` attachments (id, chunks already held) whose content this laptop still lacks, by id."""
        rows = self._context.conn.execute(
            "SELECT id, chunks FROM attachments WHERE id > ? AND chunks >= 0 "
            f"AND chunks < MAX(1, (size + {CHUNK_SIZE - 1}) / {CHUNK_SIZE}) ORDER BY id LIMIT ?",
            (after, limit),
        )
        return [(row[0], row[1]) for row in rows]

    def keep_chunks(self, attachment_id: str, first: int, chunks: list[bytes]) -> None:
        """Seal fetched chunks from index `first` and count them held (one transaction: a crash keeps
        the count true, so the fetch resumes there). Not yet trusted: `finish_fetch` checks the whole."""
        keys = self._context.keys
        with self._context.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO attachment_chunks (attachment_id, idx, sealed) VALUES (?, ?, ?)",
                [
                    (attachment_id, idx, keys.seal("attachment_chunks", f"{attachment_id}/{idx}", 1, chunk))
                    for idx, chunk in enumerate(chunks, start=first)
                ],
            )
            conn.execute("UPDATE attachments SET chunks = ? WHERE id = ?", (first + len(chunks), attachment_id))

    def finish_fetch(self, attachment_id: str) -> bool:
        """Whether the fetched content matches its SHA-256; if not, it is dropped whole (fetched again later)."""
        try:
            self.read(attachment_id)
            return True
        except TamperedRecord:
            self.forget_content(attachment_id)
            return False

    def ask_again(self) -> int:
        """Count every unavailable attachment as still to fetch (call in a transaction); how many there were."""
        return self._context.conn.execute("UPDATE attachments SET chunks = 0 WHERE chunks = ?", (UNAVAILABLE,)).rowcount

    def forget_content(self, attachment_id: str, unavailable: bool = False) -> None:
        """Drop fetched chunks: a damaged download (fetched again at the next sync), or one the central
        record refused (`unavailable`: not asked for again until `ask_again`)."""
        with self._context.transaction() as conn:
            conn.execute("DELETE FROM attachment_chunks WHERE attachment_id = ?", (attachment_id,))
            conn.execute(
                "UPDATE attachments SET chunks = ? WHERE id = ?", (UNAVAILABLE if unavailable else 0, attachment_id)
            )
