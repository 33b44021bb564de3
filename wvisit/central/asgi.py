"""ASGI entry for several uvicorn workers (or any ASGI server), configured by the environment:
WVISIT_CENTRAL_DB (database URL), WVISIT_CENTRAL_BLOBS (attachment folder), WVISIT_CENTRAL_DOCS=1 (/docs)."""

import os

from wvisit.central.app import create_app

app = create_app(
    os.environ.get("WVISIT_CENTRAL_DB", "sqlite:///wvisit-central.db"),
    os.environ.get("WVISIT_CENTRAL_BLOBS") or None,
    docs=os.environ.get("WVISIT_CENTRAL_DOCS") == "1",
)
