"""HTTP client for the central record: one method per endpoint, every failure a typed, plain error.

HTTPS is required for any host but this computer (127.0.0.0/8, ::1, localhost), with
certificate verification always on; `ca_cert` pins the central record to one CA or
self-signed certificate from IT's config. Answers are checked against the protocol
types: anything else is CentralGarbage, and nothing of it is used.
"""

from __future__ import annotations

import contextlib
import json
import re
import secrets
import socket
import ssl
import threading
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import httpcore
import httpx
from pydantic import BaseModel, ValidationError

from wvisit.errors import (
    CentralError,
    CentralGarbage,
    CentralRefused,
    CentralUnreachable,
    InsecureCentral,
    RevocationClaimed,
    SignInNeeded,
    TokenExpired,
)
from wvisit.store.sealed import AsSent
from wvisit.sync.protocol import (
    AuditHead,
    BlobStatus,
    ErrorBody,
    PullPage,
    PushOp,
    PushResult,
    Refresh,
    SignedIn,
    SignIn,
    is_loopback,
)

M = TypeVar("M", bound=BaseModel)


def check_address(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return url.rstrip("/")
    if parts.scheme == "http" and is_loopback(parts.hostname or ""):
        return url.rstrip("/")
    raise InsecureCentral()


# What reading an answer that is not one raises: not JSON, not the shape asked for, or JSON nested
# deeper than the reader recurses. Each becomes CentralGarbage, which a sync reports and retries.
NOT_AN_ANSWER = (ValueError, ValidationError, RecursionError)


class CentralClient:
    def __init__(
        self,
        url: str,
        ca_cert: str | None = None,
        timeout: float = 15.0,
        transport: httpx.BaseTransport | None = None,
    ):
        verify: ssl.SSLContext | bool = ssl.create_default_context(cafile=ca_cert) if ca_cert else True
        self._lines = _Lines()
        if transport is None:
            transport = httpx.HTTPTransport(verify=verify)
            transport._pool._network_backend = self._lines  # httpx takes no backend of its own: see _Lines
        self._http = httpx.Client(base_url=check_address(url), verify=verify, timeout=timeout, transport=transport)
        self.access_token: str | None = None

    def close(self) -> None:
        """Close the client, from any thread: a request waiting on the central record ends now (its line is
        cut, so it fails as CentralUnreachable) instead of at its timeout. Locking and quitting rely on it."""
        self._lines.cut()
        self._http.close()

    def sign_in(self, request: SignIn) -> SignedIn:
        session = self._call("POST", "/v1/auth/signin", SignedIn, body=request)
        self.access_token = session.access_token
        return session

    def refresh(self, request: Refresh) -> SignedIn:
        session = self._call("POST", "/v1/auth/refresh", SignedIn, body=request)
        self.access_token = session.access_token
        return session

    def sign_out(self) -> None:
        self._call("POST", "/v1/auth/signout", ErrorBody)
        self.access_token = None

    def audit_head(self) -> AuditHead | None:
        """The audit head this device left at its last sync, or None before its first."""
        try:
            return self._call("GET", "/v1/audit-head", AuditHead)
        except CentralRefused as refused:
            if refused.code == "not_found":
                return None
            raise

    def keep_audit_head(self, head: AuditHead) -> AuditHead:
        return self._call("PUT", "/v1/audit-head", AuditHead, body=head)

    def push(self, ops: list[PushOp], encoded: list[str] | None = None) -> PushResult:
        """Send a batch; `encoded` is each op's JSON (`op_json`) when the caller has made it already."""
        texts = encoded if encoded is not None else [op_json(op) for op in ops]
        content = ('{"ops": [' + ", ".join(texts) + "]}").encode()  # a PushRequest, each op's JSON made once
        response = self._send("POST", "/v1/push", content=content, headers={"Content-Type": "application/json"})
        try:  # as _call reads an answer
            result = PushResult.model_validate(json.loads(response.content))
        except NOT_AN_ANSWER:
            raise CentralGarbage() from None
        if {r.op_id for r in result.results} != {op.op_id for op in ops}:
            raise CentralGarbage()
        return result

    def pull(self, cursor: int, limit: int) -> PullPage:
        """A page of records; each body an AsSent, which the store seals as the central record sent it."""
        return read_page(self.fetch_page(cursor, limit))

    def fetch_page(self, cursor: int, limit: int) -> bytes:
        """A pull's answer as it came, unread (read it with `read_page`): the sync engine fetches the
        next page on a helper thread that should only wait on the network (see SyncEngine.pull_all)."""
        return self._send("GET", "/v1/pull", params={"cursor": cursor, "limit": limit}).content

    def blob_status(self, sha256: str) -> BlobStatus | None:
        try:
            return self._call("GET", f"/v1/blobs/{sha256}", BlobStatus)
        except CentralRefused as refused:
            if refused.code == "not_found":
                return None
            raise

    def put_blob(self, sha256: str, size: int, offset: int, data: bytes) -> BlobStatus:
        return self._call(
            "PUT",
            f"/v1/blobs/{sha256}",
            BlobStatus,
            params={"size": size, "offset": offset},
            content=data,
            headers={"Content-Type": "application/octet-stream"},
        )

    def blob_content(self, sha256: str, offset: int, length: int) -> bytes | None:
        """Up to `length` bytes of a whole attachment from `offset`; None when the central record answers
        as for a missing one (not whole there, or this user may not see it). Unchecked: the caller
        verifies the whole against its SHA-256."""
        try:
            response = self._send("GET", f"/v1/blobs/{sha256}/content", params={"offset": offset, "length": length})
        except CentralRefused as refused:
            if refused.code == "not_found":
                return None
            raise
        return response.content

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        body: BaseModel | None = None,
        params: dict[str, int] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> M:
        """One request; `body` is sent as JSON, `content` as it is. The answer as `model`, or a typed error."""
        response = self._send(method, path, body, params, content, headers)
        try:  # Python's json, not pydantic's parser: it keeps lone surrogates that notes may hold
            return model.model_validate(json.loads(response.content))
        except NOT_AN_ANSWER:
            raise CentralGarbage() from None

    def _send(
        self,
        method: str,
        path: str,
        body: BaseModel | None = None,
        params: dict[str, int] | None = None,
        content: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """One request; its successful answer, or a typed error."""
        headers = dict(headers or {})
        if body is not None:
            # ASCII escapes: a note may hold a lone surrogate (pasted text), which UTF-8 cannot carry.
            content = json.dumps(body.model_dump(), ensure_ascii=True).encode()
            headers["Content-Type"] = "application/json"
        if self.access_token:
            headers["Authorization"] = f"Bearer {self.access_token}"
        try:
            response = self._http.request(method, path, params=params, content=content, headers=headers)
        except httpx.TimeoutException:
            raise CentralUnreachable(
                "The central record did not answer in time. Your records are safe here; wvisit will try again."
            ) from None
        except httpx.HTTPError:
            raise CentralUnreachable() from None
        if response.status_code >= 500:
            raise CentralError()
        if response.status_code >= 400:
            raise _refusal(response)
        return response


class _Lines(httpcore.SyncBackend):
    """The client's open connections, so `close` can cut them from another thread. Closing a socket does
    not wake a thread blocked reading it (httpx's own close waits out the read timeout, 15 s); shutting
    it down does."""

    def __init__(self) -> None:
        self._open: set[_Line] = set()
        self._lock = threading.Lock()

    def connect_tcp(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        return self.track(super().connect_tcp(*args, **kwargs))

    def track(self, stream: httpcore.NetworkStream) -> _Line:
        line = _Line(stream, self)
        with self._lock:
            self._open.add(line)
        return line

    def forget(self, line: _Line) -> None:
        with self._lock:
            self._open.discard(line)

    def cut(self) -> None:
        with self._lock:
            lines = list(self._open)
        for line in lines:
            sock = line.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class _Line(httpcore.NetworkStream):
    """One connection of the client: httpcore's own stream, known to `_Lines` until it closes."""

    def __init__(self, stream: httpcore.NetworkStream, lines: _Lines):
        self._stream, self._lines = stream, lines

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, timeout)

    def close(self) -> None:
        self._lines.forget(self)
        self._stream.close()

    def start_tls(self, *args: Any, **kwargs: Any) -> httpcore.NetworkStream:
        self._lines.forget(self)  # the TLS stream takes over the same socket
        return self._lines.track(self._stream.start_tls(*args, **kwargs))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


def op_json(op: PushOp) -> str:
    """An op as the JSON a push sends: ASCII escapes, since a note may hold a lone surrogate (pasted
    text) that UTF-8 cannot carry. Its fields go in as they are, not copied by `model_dump` first;
    a body read with the JSON it was sealed as (AsSent) goes in as that text when it is ASCII, which
    is then the same JSON that writing the body again would make."""
    fields = dict(op)
    body = fields.pop("body")
    if type(body) is AsSent and body.text.isascii():
        return json.dumps(fields, ensure_ascii=True)[:-1] + ', "body": ' + body.text + "}"
    return json.dumps({**fields, "body": body}, ensure_ascii=True)


def read_page(content: bytes) -> PullPage:
    """A pull's answer (`fetch_page`), or CentralGarbage when it is not one."""
    try:
        return _pull_page(content)
    except NOT_AN_ANSWER:
        raise CentralGarbage() from None


def _pull_page(content: bytes) -> PullPage:
    """A pull's answer read as `json.loads` reads it, each record's body an AsSent holding its own JSON text
    from the answer; an answer the quick reading below cannot vouch for is read the plain way."""
    read = _with_bodies_as_sent(content)
    if read is None:
        return PullPage.model_validate(json.loads(content))
    page, bodies = read
    pulled = PullPage.model_validate(page)  # each body an empty object here: a body is JSON's object already
    for record, body in zip(pulled.records, bodies, strict=True):
        record.body = body
    return pulled


# One JSON value read from a position, as json.loads reads it there: (value, where it ends).
_SCAN: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
_SPACE = re.compile(r"[ \t\n\r]*")  # what JSON allows between its tokens


def _with_bodies_as_sent(content: bytes) -> tuple[dict[str, Any], list[AsSent]] | None:
    """The page with each record's body left empty, and the bodies in order, each an AsSent; or None when
    it cannot be read this way for certain.

    Each `"body": {` is found by a search of the text between bodies (a body's own text is never
    searched), that object read at that place, and the answer read with each body replaced by a marker
    numbering it. The reading is exactly `json.loads`'s when every record holds its own marker under
    "body" and there are as many markers as records: then each record has one "body" key, where its
    marker is, and nothing else in the page has one. In JSON a `"body"` followed by `:` is always a
    key's end (the quote after "body" is not escaped), so no key is missed inside a string. A marker
    holds a random nonce made for this page, so only a marker placed here can satisfy the check: a key
    that merely ends in `body"` (`"x\\"body"`) beside a real "body" key spelt with an escape finds its
    marker under the wrong key and the page is read the plain way."""
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return None
    nonce = secrets.token_hex(8)
    parts: list[str] = []
    bodies: list[AsSent] = []
    at = look = 0  # copied up to `at`, searched up to `look`
    while (found := text.find('"body"', look)) >= 0:
        look = found + 6
        colon = _SPACE.match(text, look).end()  # type: ignore[union-attr]  # matches anything
        if not text.startswith(":", colon):  # "body" as a value, not a key
            continue
        start = _SPACE.match(text, colon + 1).end()  # type: ignore[union-attr]
        if not text.startswith("{", start):
            return None
        try:
            body, end = _SCAN(text, start)
        except (StopIteration, ValueError):  # not JSON there: json.loads says what is wrong
            return None
        parts += [text[at:start], f'"{nonce}{len(bodies)}"']
        bodies.append(AsSent(body, text[start:end]))
        at = look = end
    parts.append(text[at:])
    try:
        page: dict[str, Any] = json.loads("".join(parts))
    except ValueError:
        return None
    records = page.get("records") if isinstance(page, dict) else None
    if not isinstance(records, list) or len(records) != len(bodies):
        return None
    for number, record in enumerate(records):
        if not isinstance(record, dict) or record.get("body") != f"{nonce}{number}":
            return None
        record["body"] = {}
    return page, bodies


def _refusal(response: httpx.Response) -> Exception:
    try:
        body = ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return CentralGarbage()
    if body.error == "device_revoked":
        return RevocationClaimed(body.proof)
    if body.error == "token_expired":
        return TokenExpired()
    if response.status_code == 401:
        return SignInNeeded("The central record did not accept the sign-in: " + (body.message or "sign in again") + ".")
    return CentralRefused("The central record refused: " + (body.message or body.error) + ".", code=body.error)
