"""An attachment (drawing, photo, audio, document): immutable and named by its content's SHA-256."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum

# The largest photo or scan a worker may add: a phone photo or a multi-page scan is a few MB; more is
# almost always the wrong file, and each laptop that may see the child fetches it (central MAX_BLOB is 512 MiB).
MAX_ADDED = 50 * 1024 * 1024


class AttachmentKind(StrEnum):
    DRAWING = "drawing"
    PHOTO = "photo"
    AUDIO = "audio"
    DOCUMENT = "document"


@dataclass
class Attachment:
    owner_id: str
    kind: AttachmentKind
    sha256: str
    size: int
    name: str = ""
    mime: str = "application/octet-stream"
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
