"""The central record never logs a personal value: a database error in the middle of a push is answered
500 and logged by its type only - neither the server's log nor the answer holds the child's words.

The error is forced where the child's record is in play: on the insert of the record, whose parameters
hold its body (a current revision carries none: its body is its record's), and on PostgreSQL in the
driver's own message too ("Failing row contains (...)", each value cut to its first 64 characters: there,
the child's address), so a handler that logged the error's text would show it.
"""

from __future__ import annotations

import logging
import threading
import uuid
from datetime import date

import httpx
import pytest
import uvicorn
from sqlalchemy import event, text

from tests.sync.central_server import DEMO_PASSWORD, free_port
from wvisit.central.app import create_app
from wvisit.central.demo import create_team
from wvisit.domain import Child, LegalStatus, to_record

WORDS = "Purple giraffes guard my treehouse every Thursday"  # synthetic, and nowhere else in the project
ADDRESS = "3 Marmalade Close, London SW19 9ZZ"  # likewise; first in the canonical body, see refuse_every_record


@pytest.fixture
def served(database, tmp_path):
    """The service in this process under uvicorn (as `wvisit-central serve` runs it), so its log reaches caplog."""
    app = create_app(database, str(tmp_path / "blobs"))
    create_team(app.state.engine, DEMO_PASSWORD)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_config=None))
    thread = threading.Thread(target=server.run)
    thread.start()
    started = threading.Event()
    while not started.wait(0.02):  # uvicorn says so on its own flag; its startup is not an event to wait on
        if server.started or not thread.is_alive():
            break
    yield app, f"http://127.0.0.1:{server.config.port}"
    server.should_exit = True
    thread.join()
    app.state.engine.dispose()


def test_a_database_error_during_a_push_logs_and_answers_no_word_of_the_child(served, caplog):
    app, url = served
    signed = httpx.post(
        f"{url}/v1/auth/signin", json={"username": "sw.demo", "password": DEMO_PASSWORD, "device_id": "laptop-1"}
    ).json()
    refuse_every_record(app.state.engine)
    failed: list[str] = []  # the failing statements' parameters, as the engine had them
    event.listen(app.state.engine, "handle_error", lambda error: failed.append(str(error.parameters)))
    child = Child("Ivy Example", date(2016, 3, 4), LegalStatus.CIN, summary=WORDS, address=ADDRESS)
    op = {"op_id": str(uuid.uuid4()), "kind": "child", "record_id": child.id, "version": 1, "child_id": child.id}
    with caplog.at_level(logging.DEBUG):
        answer = httpx.post(
            f"{url}/v1/push",
            json={"ops": [{**op, "body": to_record(child)}]},
            headers={"Authorization": f"Bearer {signed['access_token']}"},
        )
    assert answer.status_code == 500
    assert failed and all(WORDS in p and ADDRESS in p for p in failed)  # the child's record was in play as it failed
    for record in caplog.records:  # no log line, message or traceback holds a word of the child
        logged = record.getMessage() + (logging.Formatter().formatException(record.exc_info) if record.exc_info else "")
        assert not any(word in logged for word in ("giraffes", "Marmalade", "Ivy")), record.name
    assert "giraffes" not in answer.text and "Marmalade" not in answer.text
    assert "POST /v1/push failed: " in caplog.text and answer.json()["error"] == "server_error"


def refuse_every_record(engine) -> None:
    """The database breaks under the service, as a bad migration would: no record can be inserted any more.
    PostgreSQL quotes the refused row in its message; SQLite (no constraint added to a table) says only "capped"."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("ALTER TABLE records ADD CONSTRAINT body_capped CHECK (length(body) < 100) NOT VALID"))
        else:
            refuse = "CREATE TRIGGER body_capped BEFORE INSERT ON records BEGIN SELECT RAISE(ABORT, 'capped'); END"
            conn.execute(text(refuse))
