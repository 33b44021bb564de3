"""A synthetic team for the demo and the tests: a supervisor, two workers, an admin, allocated children.

The first worker's caseload is the synthetic caseload (wvisit.domain.synthetic), already
on the central record with its finalised visits, so a fresh laptop sees it arrive on
its first sync. Passwords are random unless given, and printed once as JSON.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Engine

from wvisit.central import db, records, security
from wvisit.central.records import User
from wvisit.domain import LegalStatus, synthetic, to_record
from wvisit.sync.protocol import PushOp

ACCOUNTS = [  # synthetic people: no real name
    ("sw.demo", "social_worker", "team-a", "Sam Patel"),
    ("sw.other", "social_worker", "team-a", "Alex Morgan"),
    ("sup.demo", "supervisor", "team-a", "Jo Reed"),
    ("sup.elsewhere", "supervisor", "team-b", "Priya Shah"),
    ("admin.demo", "admin", "team-a", "IT Admin"),
]

OTHER_CASELOAD = [
    ("Hana Sampleton", date(2013, 4, 9), LegalStatus.CIN, 10, "Young carer for her dad."),
]


def create_team(engine: Engine, password: str | None = None) -> dict[str, dict]:
    """Create the accounts and caseloads once; returns {username: {password, role, team, id, display_name}}."""
    made: dict[str, dict] = {}
    with engine.begin() as conn:
        if conn.execute(select(db.users).where(db.users.c.username == "sw.demo")).first() is not None:
            raise ValueError("the demo team already exists in this database")
        for team in ("team-a", "team-b"):
            conn.execute(db.teams.insert().values(id=team, name=f"Demo {team}"))
        for username, role, team, name in ACCOUNTS:
            secret = password or secrets.token_urlsafe(12)
            user_id = str(uuid.uuid4())
            conn.execute(
                db.users.insert().values(
                    id=user_id,
                    username=username,
                    display_name=name,
                    password_hash=security.hash_password(secret),
                    role=role,
                    team_id=team,
                )
            )
            made[username] = {"password": secret, "role": role, "team": team, "id": user_id, "display_name": name}
        supervised = []
        for username, names in (("sw.demo", None), ("sw.other", OTHER_CASELOAD)):
            author = User(id=made[username]["id"], role="social_worker", team_id="team-a", device_id="demo-import")
            ops = []
            entries = synthetic.caseload(date.today(), username, names)
            if username == "sw.demo":  # before the children are written: its actions join their plans
                supervised = synthetic.supervision(entries, date.today(), "sup.demo")
            for entry in entries:
                ops.append(_op("child", entry.child.id, entry.child.id, to_record(entry.child)))
                for made_visit in entry.visits:
                    visit = made_visit.visit
                    ops.append(_op("visit", visit.id, visit.child_id, to_record(visit)))
                    ops += [_op("voice", v.id, v.child_id, to_record(v)) for v in made_visit.voice]
                    ops += [_op("tool", s.id, s.child_id, to_record(s)) for s in made_visit.sittings]
            ops += [
                _op("contact", c.id, c.child_id, to_record(c))
                for c in synthetic.contacts(entries, date.today(), username)
            ]
            if any(result.status != "applied" for result in records.apply_ops(conn, author, ops)):
                raise RuntimeError("the demo caseload was not applied")
        supervisor = User(id=made["sup.demo"]["id"], role="supervisor", team_id="team-a", device_id="demo-import")
        ops = [_op("supervision", r.id, r.child_id, to_record(r)) for r in supervised]
        if any(result.status != "applied" for result in records.apply_ops(conn, supervisor, ops)):
            raise RuntimeError("the demo case supervision was not applied")
    return made


def _op(kind: str, record_id: str, child_id: str, body: dict) -> PushOp:
    return PushOp(op_id=str(uuid.uuid4()), kind=kind, record_id=record_id, version=1, child_id=child_id, body=body)
