"""An unexpected error answers 500 and is logged by its type and route only: never its text.

A database error's text can hold the values of its statement - a child's words in a push - and the
server (uvicorn) logs an escaped exception with its whole traceback. The engine hides statement
parameters (db.make_engine), but a driver's own message may still quote a value (PostgreSQL's
"Key (id)=(...) already exists"), so no exception text leaves the application: this middleware catches
what the endpoints did not, logs "POST /v1/push failed: IntegrityError", and answers a plain 500.
"""

from __future__ import annotations

import json
import logging

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)
BODY = json.dumps({"error": "server_error", "message": "the central record failed: try again later"}).encode()


class HideUnexpectedErrors:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            route = scope.get("route")
            path = getattr(route, "path", "an unknown path")
            log.error("%s %s failed: %s", scope.get("method", ""), path, type(error).__name__)
            if not started:
                headers = [(b"content-type", b"application/json"), (b"content-length", str(len(BODY)).encode())]
                await send({"type": "http.response.start", "status": 500, "headers": headers})
                await send({"type": "http.response.body", "body": BODY})
