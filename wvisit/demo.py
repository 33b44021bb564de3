"""`python -m wvisit.demo`: the app on a synthetic caseload, for newcomers and screenshots.

Every name here is invented. The demo's records live wherever WVISIT_DATA_DIR points
(scripts/run uses ./.demo) and open with DEMO_PASSCODE, shown on the lock screen.
"""

from __future__ import annotations

import os
import sys
from dataclasses import fields, replace
from datetime import date
from pathlib import Path

from wvisit import config, logs
from wvisit.app.session import Session
from wvisit.domain import Visit, VisitStatus, synthetic, to_record
from wvisit.domain.people import Person
from wvisit.store import Store
from wvisit.vault import Vault

DEMO_PASSCODE = "demo-passcode"


def seed(store: Store, today: date) -> None:
    """The synthetic caseload, written through the real store: drafts first, then finalised; and the team
    manager's case supervision of two children, as a sync would bring it (the demo has no supervisor's laptop)."""
    entries = synthetic.caseload(today, store.actor)
    supervised = synthetic.supervision(entries, today, "sup.demo")  # its actions join the plans written below
    for entry in entries:
        store.children.add(entry.child)
        for made in entry.visits:
            draft = replace(made.visit, status=VisitStatus.DRAFT, finalised_at=None)
            store.visits.new_draft(draft.child_id, **_fields(draft))
            for voice in made.voice:
                store.visits.add_voice(replace(voice, visit_id=draft.id))
            for sitting in made.sittings:
                store.sittings.save(sitting)
            store.visits.finalise(draft.id, now=made.visit.finalised_at)
    for contact in synthetic.contacts(entries, today, store.actor):
        store.contacts.add(contact)
    with store.transaction():
        store.apply_pulled([("supervision", r.id, 1, to_record(r)) for r in supervised])
        store.people.remember(
            [Person("sup.demo", "Jo Reed", "supervisor"), Person("sw.demo", "Sam Patel", "social_worker")]
        )


def _fields(visit: Visit) -> dict:
    skip = {"child_id", "author", "status", "finalised_at"}
    return {f.name: getattr(visit, f.name) for f in fields(visit) if f.name not in skip}


def main() -> int:
    """With a central record set up (scripts/run starts one), the caseload arrives by sync: the
    laptop starts empty and signs in as the demo worker. Without one, it is seeded locally."""
    settings = config.load()
    data_dir = Path(settings.data_dir)
    logs.setup(Path(settings.log_dir), settings.log_level)
    if not Vault.exists(data_dir):
        session = Session.create(data_dir, DEMO_PASSCODE, "sw.demo", settings)
        if settings.central_url:
            _sign_in(session, settings)
        else:
            seed(session.store, date.today())
        session.lock()
        print(f"Demo records set up in {data_dir}")
    from wvisit.ui.app import run

    return run(settings, demo_hint=f"Demo only \u2014 the passcode is: {DEMO_PASSCODE}")


def _sign_in(session: Session, settings) -> None:
    from wvisit.sync.client import CentralClient
    from wvisit.sync.engine import SyncEngine

    client = CentralClient(settings.central_url)
    try:
        SyncEngine(session.store, client).sign_in("sw.demo", os.environ.get("WVISIT_DEMO_CENTRAL_PASSWORD", ""))
    finally:
        client.close()


if __name__ == "__main__":
    sys.exit(main())
