"""ASGI entry for several uvicorn workers (or any ASGI server): the database URL comes from WVISIT_CENTRAL_DB."""

import os

from wvisit.central.app import create_app

app = create_app(os.environ.get("WVISIT_CENTRAL_DB", "sqlite:///wvisit-central.db"))
