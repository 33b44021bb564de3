"""An attachment (drawing, photo, audio, document): immutable and named by its content's SHA-256."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from enum import StrEnum


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
