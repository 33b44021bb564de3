"""Photos and scanned paper work added to a visit: checked, then kept sealed as an attachment.

A worker photographs a child's paper worksheet or scans a signed plan and adds it to the visit; the
file is read once, checked (an image or a PDF, by its first bytes as well as its name, and no larger
than MAX_ADDED) and stored sealed, named by its SHA-256 (store/attachments.py). Sync sends it with the
visit and fetches it on the laptops of others who may see the child (sync/fetch.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from wvisit.domain.attachment import MAX_ADDED, Attachment, AttachmentKind
from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    from wvisit.store import Store

# What a file's first bytes say it is: the formats a phone, a scanner or a screenshot makes.
SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
    b"GIF87a": "image/gif",
    b"GIF89a": "image/gif",
    b"BM": "image/bmp",
    b"%PDF-": "application/pdf",
}
SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".pdf")
FILE_FILTER = "Photos and scans (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.pdf)"


@dataclass(frozen=True)
class Listed:
    """An attachment as a list shows it: `held` is False until sync has fetched its content, None when
    the central record would not give it to this user (asked for again at a sync some hours later)."""

    attachment: Attachment
    held: bool | None

    @property
    def is_image(self) -> bool:
        return self.attachment.mime.startswith("image/")


def mime_of(data: bytes) -> str:
    """The image or PDF type `data` starts as, or "" when it is neither."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return next((mime for magic, mime in SIGNATURES.items() if data.startswith(magic)), "")


def add_file(store: Store, visit_id: str, path: Path) -> Attachment:
    """Add a photo or scan to a visit. A file that is missing, too large or not an image or PDF is
    refused with a plain sentence and nothing is stored."""
    if path.suffix.lower() not in SUFFIXES:
        raise InvalidValue("Only a photo (PNG, JPEG, GIF, BMP, WebP) or a scanned PDF can be added to a visit.")
    try:
        size = path.stat().st_size
        if size > MAX_ADDED:
            raise InvalidValue(f"That file is larger than {MAX_ADDED // (1024 * 1024)} MB: choose a smaller scan.")
        data = path.read_bytes()
    except OSError:
        raise InvalidValue("That file could not be read: check it is still there and try again.") from None
    mime = mime_of(data)
    if not mime:
        raise InvalidValue("That file is not a photo or a PDF, whatever its name says: nothing was added.")
    kind = AttachmentKind.DOCUMENT if mime == "application/pdf" else AttachmentKind.PHOTO
    store.visits.get(visit_id)  # NotFound for a visit that is not here
    return store.attachments.put(visit_id, kind, data, name=path.name, mime=mime)


def for_visits(store: Store, owner_ids: list[str]) -> list[Listed]:
    """The attachments of these visits (or the child), each with whether its content is here."""
    return [
        Listed(attachment, store.attachments.held(attachment.id))
        for owner_id in owner_ids
        for attachment in store.attachments.for_owner(owner_id)
        if attachment.kind in (AttachmentKind.PHOTO, AttachmentKind.DOCUMENT)
    ]


def for_child(store: Store, child_id: str) -> list[Listed]:
    """Every photo and scan of the child's visits, newest visit first."""
    visits = sorted(store.visits.for_child(child_id), key=lambda v: str(v.started_at or ""), reverse=True)
    return for_visits(store, [visit.id for visit in visits])
