"""The sync protocol's wire types, shared by the laptop client and the central service.

Version 1, JSON over HTTPS, every path under /v1:

    POST /v1/auth/signin    SignIn -> SignedIn        password sign-in; registers the device
    POST /v1/auth/refresh   Refresh -> SignedIn       new access token from the device's refresh token
    POST /v1/push           PushRequest -> PushResult  batched ops; each op applied at most once
    GET  /v1/pull?cursor=N&limit=M -> PullPage       records changed since the cursor, that the user may see
    GET  /v1/blobs/{sha256} -> BlobStatus            how much of an attachment the server holds
    PUT  /v1/blobs/{sha256}?size=S&offset=O (bytes)  append a part; resumable; never overwrites
    GET  /v1/blobs/{sha256}/content?offset=O&length=L -> bytes  part of a whole attachment the user may see
    GET  /v1/children/{id} -> PulledRecord           one child's record (403 unless allowed)
    POST /v1/auth/signout  -> ErrorBody("ok")        this device's sign-in ends (its tokens stop working)
    GET  /v1/audit-head -> AuditHead                 the head of this device's audit chain at its last sync
    PUT  /v1/audit-head  AuditHead -> AuditHead      after a sync; it only ever moves forward

Errors are ErrorBody with an HTTP status: 401 token_expired / bad_credentials,
403 device_revoked / forbidden, 404 not_found, 409 offset_mismatch / device_in_use, 413 too_large,
422 invalid. A record's `body` is the domain record (wvisit.domain.to_record).

A device_revoked answer carries `proof`: the central record's Ed25519 signature over
"wvisit revoked v1 " + device id. The laptop keeps the central record's public key from its
sign-in (`SignedIn.revocation_key`, sealed), so it shreds its keys only on a revocation of itself
that the central record signed; any other "revoked" (a proxy, a server it should not be talking
to, a replayed answer meant for another laptop) is ignored.
"""

from __future__ import annotations

import ipaddress
from typing import Annotated, Any, Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

Kind = Literal["child", "visit", "voice", "addendum", "attachment", "oversight", "tool", "contact", "supervision"]
Role = Literal["social_worker", "supervisor", "admin"]
SHA256 = Field(pattern=r"^[0-9a-f]{64}$")
# An identifier (user name, device id, op/record/child id) holds no control character: NUL cannot be
# stored in PostgreSQL's text, and none belongs in a name; such a request is invalid (422).
NO_CONTROL = r"^[^\x00-\x1f\x7f]*$"
AttachmentRef = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_CONTROL)]
MAX_OP_BODY = 8 * 1024 * 1024
MAX_REQUEST_BODY = 64 * 1024 * 1024  # a JSON request's cap (a push's whole batch): larger is 413 unread
MAX_INT = 2**62  # within SQLite's and PostgreSQL's 64-bit integers


def _whole_number(value: object) -> object:
    """A JSON integer (2, or 2.0 as JSON Schema allows), never true/false or "2" (which pydantic would take)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("a whole number is needed")
    return value


Whole = Annotated[int, BeforeValidator(_whole_number)]


class Wire(BaseModel):
    model_config = ConfigDict(extra="ignore")


class SignIn(Wire):
    username: str = Field(min_length=1, max_length=200, pattern=NO_CONTROL)
    password: str = Field(min_length=1, max_length=1000)
    device_id: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    device_name: str = Field(default="", max_length=200, pattern=NO_CONTROL)


class Refresh(Wire):
    device_id: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    refresh_token: str = Field(min_length=1, max_length=200)


class SignedIn(Wire):
    access_token: str
    expires_in: int
    refresh_token: str | None = None
    user_id: str
    role: Role
    team_id: str
    revocation_key: str = ""  # hex Ed25519 public key that signs this central record's revocations
    username: str = ""  # the login name signed in as ("" from an older central record)
    display_name: str = ""  # the name people see: "Sam Patel" ("" from an older central record)


class PushOp(Wire):
    op_id: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    kind: Kind
    record_id: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    version: Whole = Field(ge=1, le=MAX_INT)
    child_id: str = Field(min_length=1, max_length=100, pattern=NO_CONTROL)
    body: dict[str, Any]
    attachments: list[AttachmentRef] = Field(default_factory=list, max_length=100)
    schema_version: Whole = Field(default=1, ge=1, le=10_000)  # see wvisit.domain.kinds


class PushRequest(Wire):
    ops: list[PushOp] = Field(max_length=1000)


OpStatus = Literal["applied", "duplicate", "conflict", "refused", "retry"]


class OpResult(Wire):
    """applied/duplicate/conflict: the server holds it (drop from the outbox); refused: set it
    aside with the reason; retry: try again later (e.g. an attachment has not arrived)."""

    op_id: str
    status: OpStatus
    reason: str = ""


class PushResult(Wire):
    results: list[OpResult]


class Author(Wire):
    """Who sent a record's current version, stamped by the central record from that push's token
    (never taken from the body): so a laptop shows "Sam Patel, social worker", not a login."""

    username: str
    display_name: str = ""
    role: Role


class PulledRecord(Wire):
    kind: Kind
    record_id: str
    version: int
    child_id: str
    body: dict[str, Any]
    seq: int
    sha256: str
    schema_version: int = 1
    author: Author | None = None  # None from an older central record


class PullPage(Wire):
    records: list[PulledRecord]
    cursor: int
    more: bool


class BlobStatus(Wire):
    sha256: str
    size: int
    received: int
    complete: bool


class AuditHead(Wire):
    """The newest link of a laptop's local audit chain (its HMAC: no personal value), kept by the central
    record at each sync so a data folder restored from an older copy is caught at the next sync."""

    seq: Whole = Field(ge=0, le=MAX_INT)
    hash: str = SHA256
    at: str = Field(default="", max_length=40)  # when the central record took it (set by the server)


class ErrorBody(Wire):
    error: str
    message: str = ""
    proof: str = ""  # device_revoked only: see revocation_proven


def revocation_message(device_id: str) -> bytes:
    """What the central record signs to revoke one device."""
    return b"wvisit revoked v1 " + device_id.encode()


def revocation_proven(public_key_hex: str, proof_hex: str, device_id: str) -> bool:
    """Whether `proof_hex` is the central record's signature revoking `device_id`."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(proof_hex), revocation_message(device_id))
    except (ValueError, InvalidSignature):
        return False
    return True


def held_by_server(status: OpStatus) -> bool:
    return status in ("applied", "duplicate", "conflict")


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine: the one place the protocol may run over plain HTTP."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
