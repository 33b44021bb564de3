"""`python -m wvisit.demo`: the app on a synthetic caseload, for newcomers and screenshots.

Every name here is invented. The demo's records live wherever WVISIT_DATA_DIR points
(scripts/run uses ./.demo) and open with DEMO_PASSCODE, shown on the lock screen.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from wvisit import config, logs
from wvisit.domain import Child, ChronologyEvent, Expressed, KeyPerson, LegalStatus, Location, PlanItem, VoiceEntry
from wvisit.session import Session
from wvisit.store import Store
from wvisit.vault import Vault

DEMO_PASSCODE = "demo-passcode"

CHILDREN = [
    ("Ada Example", date(2016, 3, 4), LegalStatus.CLA, 20, "Lives with foster carers Jo and Sam Example since June."),
    (
        "Ben Sample",
        date(2012, 9, 18),
        LegalStatus.CP,
        16,
        "Plan since September: worries about domestic abuse at home.",
    ),
    ("Cara Testwell", date(2019, 1, 30), LegalStatus.CIN, 12, "Support for mum's mental health; nursery going well."),
    ("Dev Placeholder", date(2008, 5, 2), LegalStatus.CL, 30, "Care leaver, own flat since August; college course."),
    ("Efe Mockford", date(2014, 11, 11), LegalStatus.CP, 4, "Plan since October: parental drinking."),
    ("Finn Dummy", date(2017, 7, 7), LegalStatus.CLA, 70, "With kinship carer, his nan, since last year."),
    ("Gita Fictional", date(2011, 2, 14), LegalStatus.CIN, None, "New to the team this week."),
]

WORDS = [
    ("I like my room, it has stars on the ceiling.", Expressed.SAID, "showing me her bedroom"),
    ("When they shout I go upstairs and put my music on.", Expressed.SAID, "while drawing his house of worries"),
    ("A house with a big garden and a dog.", Expressed.DREW, "house of dreams"),
    ("7 out of 10 \u2014 college is hard but I like my flat.", Expressed.SAID, "scaling: how are things?"),
]


def seed(store: Store, today: date) -> None:
    for n, (name, dob, status, days_ago, summary) in enumerate(CHILDREN):
        child = store.children.add(
            Child(
                name=name,
                date_of_birth=dob,
                legal_status=status,
                summary=summary,
                key_people=[KeyPerson("Jo Example", "foster carer"), KeyPerson("Pat Example", "teacher")],
                language_notes="English; likes to draw rather than talk at first.",
                plan=[
                    PlanItem("Family time with mum every other Saturday", "Social worker", today + timedelta(days=14))
                ],
                events=[ChronologyEvent(today - timedelta(days=90 + n), "Review meeting")],
            )
        )
        if days_ago is None:
            continue
        for k, visit_days_ago in enumerate((days_ago + 42, days_ago)):
            visited = datetime.combine(today - timedelta(days=visit_days_ago), time(15, 30), UTC)
            visit = store.visits.new_draft(
                child.id,
                started_at=visited,
                location=Location.HOME,
                present=f"{name.split()[0]}, carer, me",
                child_seen=True,
                seen_alone=True,
                bedroom_seen=True,
                what_i_saw="Warm, tidy home. Relaxed with their carer; showed me a school certificate.",
                analysis="Working well: settled routine. Worried about: nothing new. Next: keep family time going.",
                next_visit=today + timedelta(days=14),
            )
            words, how, context = WORDS[(n + k) % len(WORDS)]
            store.visits.add_voice(VoiceEntry(visit.id, child.id, words, how, context, recorded_at=visited))
            store.visits.finalise(visit.id)


def main() -> int:
    settings = config.load()
    data_dir = Path(settings.data_dir)
    logs.setup(Path(settings.log_dir), settings.log_level)
    if not Vault.exists(data_dir):
        session = Session.create(data_dir, DEMO_PASSCODE, "sw.demo", settings)
        seed(session.store, date.today())
        session.lock()
        print(f"Demo caseload created in {data_dir}")
    from wvisit.ui.app import run

    return run(settings, demo_hint=f"Demo only \u2014 the passcode is: {DEMO_PASSCODE}")


if __name__ == "__main__":
    sys.exit(main())
