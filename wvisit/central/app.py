"""The HTTP API of the central record (FastAPI). Every endpoint checks the token, the device and the role.

app = create_app("sqlite:///central.db")     # or a postgresql+psycopg:// URL (then blobs=FOLDER too)

A request body is capped before it is parsed (BodyLimit): a JSON body larger than MAX_REQUEST_BODY is
answered 413 from its Content-Length, or as soon as a chunked body passes it, never read whole. An
attachment's part streams to the blob folder (blobs.py), capped by the size the upload declared.
"""

import json
import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, FastAPI, Header, HTTPException, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from wvisit import __version__
from wvisit.central import audit, blobs, db, records, security
from wvisit.central.accounts import revoke_device
from wvisit.central.auth import Auth, Refused
from wvisit.central.hidden_errors import HideUnexpectedErrors
from wvisit.central.records import User
from wvisit.domain.dates import aware
from wvisit.sync.protocol import (
    MAX_INT,
    MAX_REQUEST_BODY,
    NO_CONTROL,
    AuditHead,
    BlobStatus,
    ErrorBody,
    PulledRecord,
    PullPage,
    PushRequest,
    PushResult,
    Refresh,
    SignedIn,
    SignIn,
)

log = logging.getLogger(__name__)
SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")
Identifier = Annotated[str, Path(min_length=1, max_length=100, pattern=NO_CONTROL)]
BlobName = Annotated[str, Path(min_length=64, max_length=64, pattern=SHA256_PATTERN.pattern)]
FRAMEWORK_ERRORS = {400: "invalid", 404: "not_found", 405: "not_allowed", 413: "too_large"}
# 400: a body that is not JSON at all (not UTF-8); 422: JSON that does not fit the protocol.
ERRORS = {status: {"model": ErrorBody} for status in (400, 401, 403, 404, 409, 413, 422)}


class ApiError(Exception):
    def __init__(self, status: int, error: str, message: str = "", proof: str = ""):
        super().__init__(message or error)
        self.status, self.error, self.message, self.proof = status, error, message, proof


def create_app(
    database: str | Engine, blob_folder: str | None = None, docs: bool = False, clock: Callable[[], float] = time.time
) -> FastAPI:
    """The service on this database. Attachments go to `blob_folder` (by default beside an SQLite
    file; required for PostgreSQL). `docs` serves /docs, /redoc and /openapi.json: off unless asked for,
    as the laptops do not need them and they map the API for anyone who can reach it. `clock` (seconds
    since the epoch) decides token expiry and the sign-in throttle: tests move it instead of waiting."""
    engine = db.make_engine(database) if isinstance(database, str) else database
    folder = blob_folder or blobs.default_folder(database if isinstance(database, str) else str(engine.url))
    if folder is None:
        raise ValueError("the central record needs a folder for attachments (--blobs DIR)")
    store = blobs.BlobStore(folder)
    store.take_legacy_parts(engine)
    paths = {} if docs else {"docs_url": None, "redoc_url": None, "openapi_url": None}
    app = FastAPI(title="wvisit central record", version=__version__, responses=ERRORS, **paths)
    app.add_middleware(BodyLimit)
    app.openapi = lambda: exact_openapi(app)  # type: ignore[method-assign]
    app.state.engine = engine
    app.state.blobs = store
    auth = Auth(engine, security.revocation_signer(engine), clock)
    app.state.auth = auth
    app.add_middleware(HideUnexpectedErrors)  # outermost of ours: no exception text reaches the server's log

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        body = ErrorBody(error=error.error, message=error.message, proof=error.proof)
        return JSONResponse(body.model_dump(), status_code=error.status)

    @app.exception_handler(Refused)
    async def _refused(_request: Request, refused: Refused) -> JSONResponse:
        body = ErrorBody(error=refused.error, message=refused.message, proof=refused.proof)
        headers = {"Retry-After": str(refused.retry_after)} if refused.retry_after else None
        return JSONResponse(body.model_dump(), status_code=refused.status, headers=headers)

    @app.exception_handler(BodyTooLarge)
    async def _too_large(_request: Request, _error: BodyTooLarge) -> JSONResponse:
        return too_large()

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        """FastAPI's own answers (a body that is not JSON, an unknown path or method) as an ErrorBody.
        A 405 names every method of the path (Starlette names only those of the first route matching it)."""
        code = FRAMEWORK_ERRORS.get(error.status_code, "refused")
        body = ErrorBody(error=code, message="the request does not fit the sync protocol")
        headers = dict(error.headers or {})
        if error.status_code == 405:
            methods = {
                method
                for route in app.routes
                if isinstance(route, APIRoute) and route.matches(request.scope)[0] != Match.NONE
                for method in route.methods or ()
            }
            headers["Allow"] = ", ".join(sorted(methods))
        return JSONResponse(body.model_dump(), status_code=error.status_code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, _error: RequestValidationError) -> JSONResponse:
        body = ErrorBody(error="invalid", message="the request does not fit the sync protocol")
        return JSONResponse(body.model_dump(), status_code=422)

    def current_user(authorization: Annotated[str | None, Header()] = None) -> User:
        return auth.current_user(authorization)

    CurrentUser = Annotated[User, Depends(current_user)]  # noqa: N806 - a type alias, named as one

    @app.post("/v1/auth/signin", response_model=SignedIn, responses={429: {"model": ErrorBody}})
    async def sign_in(request: SignIn, http: Request) -> SignedIn:
        """Throttled per account and address (429, Retry-After); the password is checked off the database."""
        return await auth.sign_in(request, http.client.host if http.client else "unknown")

    @app.post("/v1/auth/refresh", response_model=SignedIn)
    def refresh(request: Refresh) -> SignedIn:
        """New tokens; the refresh token sent is used up and the answer holds the next one (tokens.py)."""
        return auth.refresh(request)

    @app.post("/v1/auth/signout", response_model=ErrorBody)
    def sign_out(user: CurrentUser) -> ErrorBody:
        """The laptop's sign-in ends: its tokens stop working; its records stay on the central record."""
        auth.sign_out(user)
        return ErrorBody(error="ok", message="signed out")

    @app.get("/v1/audit-head", response_model=AuditHead)
    def audit_head(user: CurrentUser) -> AuditHead:
        with engine.begin() as conn:
            row = conn.execute(select(db.audit_heads).where(db.audit_heads.c.device_id == user.device_id)).first()
        if row is None:
            raise ApiError(404, "not_found", "this device has not synced an audit head yet")
        return AuditHead(seq=row.seq, hash=row.hash, at=aware(row.at).isoformat(timespec="seconds"))

    @app.put("/v1/audit-head", response_model=AuditHead)
    def keep_audit_head(head: AuditHead, user: CurrentUser) -> AuditHead:
        """Kept only when it moves forward: a laptop restored from an old copy cannot wind it back."""
        with engine.begin() as conn:
            row = conn.execute(select(db.audit_heads).where(db.audit_heads.c.device_id == user.device_id)).first()
            values = {"seq": head.seq, "hash": head.hash, "at": datetime.now(UTC)}
            if row is None:
                conn.execute(db.audit_heads.insert().values(device_id=user.device_id, **values))
            elif head.seq > row.seq:
                conn.execute(
                    update(db.audit_heads).where(db.audit_heads.c.device_id == user.device_id).values(**values)
                )
        return audit_head(user)

    @app.post("/v1/push", response_model=PushResult)
    def push(request: PushRequest, user: CurrentUser) -> PushResult:
        return PushResult(results=records.push(engine, user, request.ops))  # durable before the answer leaves

    @app.get("/v1/pull", response_model=PullPage)
    def pull(
        user: CurrentUser,
        cursor: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=2000)] = 500,
    ) -> PullPage:
        with engine.begin() as conn:
            page, child_ids = records.pull_json(conn, user, cursor, limit)
            audit.pulled(conn, user.id, user.device_id, child_ids)
            return Response(page, media_type="application/json")

    @app.get("/v1/children/{child_id}", response_model=PulledRecord)
    def child(child_id: Identifier, user: CurrentUser) -> PulledRecord:
        with engine.begin() as conn:
            row = (
                conn.execute(select(db.records).where(db.records.c.id == child_id, db.records.c.kind == "child"))
                .mappings()
                .first()
            )
            if row is None and not records.may_see(conn, user, child_id):
                raise ApiError(403, "forbidden", "the child is not on your caseload")
            if row is None:
                raise ApiError(404, "not_found", "no such child")
            if not records.may_see(conn, user, child_id):
                raise ApiError(403, "forbidden", "the child is not on your caseload")
            return ascii_json(records.as_pulled(row))

    @app.get("/v1/blobs/{sha256}", response_model=BlobStatus)
    def blob_status(sha256: BlobName, user: CurrentUser) -> BlobStatus:
        """How much of the attachment this user's upload holds, or whole; 404 unless this user uploaded
        it or may see a record naming it (exactly as for an attachment nobody has sent)."""
        with engine.begin() as conn:
            found = store.status(conn, user, sha256)
        if found is None:
            raise ApiError(404, "not_found", "no part of this attachment has arrived")
        return found

    @app.get(
        "/v1/blobs/{sha256}/content",
        response_class=Response,
        responses={200: {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}},
    )
    def blob_content(
        sha256: BlobName,
        user: CurrentUser,
        offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
        length: Annotated[int, Query(ge=1, le=blobs.MAX_PART)] = blobs.MAX_PART,
    ) -> Response:
        """Part of a whole attachment, for a laptop that pulled a record naming it; the same 404 as a
        missing one unless this user may see it. The laptop checks the whole against its SHA-256."""
        with engine.begin() as conn:
            part = store.read_part(conn, user, sha256, offset, length)
        if part is None:
            raise ApiError(404, "not_found", "no part of this attachment has arrived")
        return Response(part, media_type="application/octet-stream")

    @app.put(
        "/v1/blobs/{sha256}",
        response_model=BlobStatus,
        openapi_extra={
            "requestBody": {"content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}
        },
    )
    async def blob_put(
        sha256: BlobName,
        request: Request,
        user: CurrentUser,
        size: Annotated[int, Query(ge=0, le=MAX_INT)],
        offset: Annotated[int, Query(ge=0, le=MAX_INT)] = 0,
    ) -> BlobStatus | Response:
        """Append a part (the request's bytes, streamed to disk) at `offset` of an upload of `size` bytes."""

        def begin():
            with engine.begin() as conn:
                return store.begin_part(conn, user, sha256, size, offset)

        try:
            upload = await run_in_threadpool(begin)
            if isinstance(upload, BlobStatus):
                return upload
            declared = request.headers.get("content-length", "")
            if declared.isdigit() and offset + int(declared) > size:
                raise blobs.BlobError(422, "invalid", "more bytes than the declared size")
            received = await store.receive(upload, request.stream())
            whole = await run_in_threadpool(store.verified_copy, upload, sha256) if received == size else None

            def finish():
                with engine.begin() as conn:
                    return store.finish_part(conn, user, sha256, upload, received, whole)

            return await run_in_threadpool(finish)
        except blobs.BlobError as error:
            raise ApiError(error.status, error.error, error.message) from None
        except ClientDisconnect:
            return Response(status_code=400)  # nobody is listening; the bytes are not counted

    @app.post("/v1/admin/devices/{device_id}/revoke", response_model=ErrorBody)
    def revoke(device_id: Identifier, user: CurrentUser) -> ErrorBody:
        if user.role != "admin":
            raise ApiError(403, "forbidden", "only an administrator can revoke a device")
        if not revoke_device(engine, device_id, user.id):
            raise ApiError(404, "not_found", "no such device")
        return ErrorBody(error="ok", message="revoked")

    return app


def ascii_json(model) -> Response:
    """Records may hold lone surrogates (pasted text) that UTF-8 cannot carry: JSON's ASCII escapes can."""
    return Response(json.dumps(model.model_dump(), ensure_ascii=True), media_type="application/json")


def exact_openapi(app: FastAPI) -> dict:
    """The OpenAPI document with integer bounds as integers: FastAPI's document model holds every
    minimum and maximum as a float, so 2^62 would read 4.611686018427388e+18. Bounds are exact in a
    float up to 2^53, and MAX_INT (2^62) is a power of two, so int() restores each exactly."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        _integer_bounds(schema)
        app.openapi_schema = schema
    return app.openapi_schema


def _integer_bounds(node: object) -> None:
    if isinstance(node, dict):
        if node.get("type") == "integer":
            for key in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
                if isinstance(node.get(key), float) and node[key].is_integer():
                    node[key] = int(node[key])
        for value in node.values():
            _integer_bounds(value)
    elif isinstance(node, list):
        for value in node:
            _integer_bounds(value)


class BodyTooLarge(HTTPException):
    """Raised while a body is read, past MAX_REQUEST_BODY (an HTTPException, so FastAPI passes it on)."""

    def __init__(self) -> None:
        super().__init__(413)


def too_large() -> JSONResponse:
    body = ErrorBody(error="too_large", message="the request is larger than the central record accepts")
    return JSONResponse(body.model_dump(), status_code=413)


class BodyLimit:
    """Caps every request body but an attachment's part (capped by its upload) at MAX_REQUEST_BODY:
    refused from its Content-Length before a byte is read, or once a chunked body passes the cap."""

    def __init__(self, app: ASGIApp, limit: int = MAX_REQUEST_BODY):
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"] == "PUT" and scope["path"].startswith("/v1/blobs/")):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await too_large()(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                raise BodyTooLarge()
            return message

        await self.app(scope, counted, send)
