"""An attachment (drawing, photo, audio, document): immutable and named by its content's SHA-256.

Its name and declared type come from the laptop that added it, and other laptops show the name and
may write a copy of the content under it, so both are checked wherever a record is taken in (the
store, the central record, a pulled record: kinds.py): a name is a plain file name - not empty or only
dots and spaces, no folder, no Windows stream, device name (CON, nul.pdf, COM1.jpg) or reserved mark, no
control or direction-changing character - that ends as an image, a scan or a recording does (or has no
ending), never as a program (.hta, .bat, .exe...); the type is one of the images, scans and recordings
a worker adds.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from enum import StrEnum

from wvisit.errors import InvalidValue

# The largest photo or scan a worker may add: a phone photo or a multi-page scan is a few MB; more is
# almost always the wrong file, and each laptop that may see the child fetches it (central MAX_BLOB is 512 MiB).
MAX_ADDED = 50 * 1024 * 1024
MAX_NAME = 255  # what a file system takes as one name

UNKNOWN_TYPE = "application/octet-stream"  # bytes of no declared type: never opened by their type
ALLOWED_TYPES = frozenset(
    {
        "image/png",
        "image/jpeg",
        "image/gif",
        "image/bmp",
        "image/webp",
        "application/pdf",
        "audio/wav",
        "audio/x-wav",
        "audio/ogg",
        "audio/mpeg",
        "audio/mp4",
        "audio/webm",
        UNKNOWN_TYPE,
    }
)
# The endings of the images, scans and recordings a worker adds: a name ends as one of these, or has no
# ending. A list of what may be shown, not of what would run: Windows, macOS and Linux desktops run far
# more endings (.hta, .bat, .exe, .js, .cmd, .ps1, .sh, .desktop...) than any list of them would hold.
ENDINGS = frozenset(["png", "jpg", "jpeg", "gif", "bmp", "webp", "pdf", "wav", "ogg", "mp3", "m4a", "webm"])
NOT_IN_A_NAME = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:<>"|?*\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]')
# Names Windows takes as a device, whatever follows the first dot ("nul.pdf" is NUL): a copy written under
# one reaches the device, not a file. Compared in capitals, after the spaces Windows drops before the dot.
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789\u00b9\u00b2\u00b3"}
)


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
    mime: str = UNKNOWN_TYPE
    id: str = field(default_factory=lambda: str(uuid.uuid4()))

    def validate(self) -> None:
        """Refuse (InvalidValue, naming no value) a name that is not a plain file name, or a type not allowed."""
        check_name(self.name)
        if self.mime not in ALLOWED_TYPES:
            raise InvalidValue("An attachment's type must be an image, a PDF scan or a sound recording.")


def check_name(name: str) -> None:
    """Refuse (InvalidValue, naming no value) a name this module's docstring does not allow."""
    if len(name) > MAX_NAME:
        raise InvalidValue(f"An attachment's name is longer than {MAX_NAME} characters.")
    if NOT_IN_A_NAME.search(name):
        raise InvalidValue("An attachment's name must be a plain file name: no folder, control or reserved mark.")
    shown = name.rstrip(" .")  # Windows drops trailing dots and spaces: "x.hta. " is "x.hta"
    if not shown:  # "", ".", "..", " ": no file of its own, or the folder itself
        raise InvalidValue("An attachment's name must be a plain file name, not empty and not only dots or spaces.")
    if shown.split(".", 1)[0].rstrip(" ").upper() in WINDOWS_DEVICES:
        raise InvalidValue("An attachment's name must be a plain file name, not one Windows keeps for a device.")
    _, dot, ending = shown.rpartition(".")
    if dot and ending.lower() not in ENDINGS:
        raise InvalidValue(
            "An attachment's name must end as a photo, scan or recording does (such as .jpg or .pdf), not as a program."
        )
