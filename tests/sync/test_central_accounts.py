"""Accounts on the central record, as IT and a laptop see them: a sign-in answers with the person's
name (never just a login id)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect, text

from tests.sync.central_server import DEMO_PASSWORD
from tests.sync.conftest import BACKENDS, POSTGRES, fresh_postgres_database
from wvisit.central import db
from wvisit.central.app import create_app
from wvisit.central.demo import create_team
from wvisit.sync.protocol import SignedIn


@pytest.fixture(params=BACKENDS)
def database(request, tmp_path) -> str:
    """An empty central database: a SQLite file, or (when a test PostgreSQL runs) a PostgreSQL database."""
    return fresh_postgres_database(POSTGRES) if request.param == "postgresql" else f"sqlite:///{tmp_path / 'c.db'}"


@pytest.fixture
def api(database):
    """The real central service (in-process, over ASGI) with the synthetic demo team."""
    app = create_app(database)
    create_team(app.state.engine, DEMO_PASSWORD)
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client
    app.state.engine.dispose()


def sign_in(api, username="sw.demo", password=DEMO_PASSWORD, device_id="laptop-1"):
    return api.post("/v1/auth/signin", json={"username": username, "password": password, "device_id": device_id})


def test_a_sign_in_answers_with_the_workers_name_and_login(api):
    answer = SignedIn.model_validate(sign_in(api).json())
    assert (answer.username, answer.display_name, answer.role) == ("sw.demo", "Sam Patel", "social_worker")
    supervisor = SignedIn.model_validate(sign_in(api, "sup.demo", device_id="laptop-2").json())
    assert (supervisor.display_name, supervisor.role) == ("Jo Reed", "supervisor")


def test_an_answer_from_an_older_central_record_without_names_still_reads():
    older = {"access_token": "t", "expires_in": 900, "user_id": "u", "role": "social_worker", "team_id": "a"}
    assert SignedIn.model_validate(older).display_name == ""


def test_an_existing_database_without_display_names_gets_the_column_at_start(database):
    engine = db.make_engine(database)
    with engine.begin() as conn:
        conn.execute(text("ALTER TABLE users DROP COLUMN display_name"))
    engine.dispose()
    app = create_app(database)  # as an upgraded service starts on last release's database
    create_team(app.state.engine, DEMO_PASSWORD)
    with TestClient(app) as client:
        assert sign_in(client).json()["display_name"] == "Sam Patel"
    app.state.engine.dispose()
    check = create_engine(database)
    assert "display_name" in {c["name"] for c in inspect(check).get_columns("users")}
    check.dispose()
