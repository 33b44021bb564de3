"""A synthetic caseload for the demo, the screenshots and the central service's demo team.

Every name is invented. One builder serves the laptop demo and the central demo, so
both show the same children.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from wvisit.domain.child import Child, ChronologyEvent, KeyPerson, LegalStatus, PlanItem
from wvisit.domain.visit import Location, Visit, VisitStatus
from wvisit.domain.voice import Expressed, VoiceEntry

# name, date of birth, legal status, days since the last visit (None: never visited), summary
ChildRow = tuple[str, date, LegalStatus, int | None, str]
CHILDREN: list[ChildRow] = [
    ("Ada Example", date(2016, 3, 4), LegalStatus.CLA, 20, "Lives with foster carers Jo and Sam Example since June."),
    ("Ben Sample", date(2012, 9, 18), LegalStatus.CP, 16, "Plan since September: worries about abuse at home."),
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


@dataclass
class SyntheticVisit:
    visit: Visit
    voice: list[VoiceEntry]


@dataclass
class SyntheticChild:
    child: Child
    visits: list[SyntheticVisit] = field(default_factory=list)


def caseload(today: date, author: str, names: list[ChildRow] | None = None) -> list[SyntheticChild]:
    """Children with two finalised visits each (one never visited), dated back from `today`."""
    made = []
    for n, (name, dob, status, days_ago, summary) in enumerate(names or CHILDREN):
        child = Child(
            name=name,
            date_of_birth=dob,
            legal_status=status,
            summary=summary,
            key_people=[KeyPerson("Jo Example", "foster carer"), KeyPerson("Pat Example", "teacher")],
            language_notes="English; likes to draw rather than talk at first.",
            plan=[PlanItem("Family time with mum every other Saturday", "Social worker", today + timedelta(days=14))],
            events=[ChronologyEvent(today - timedelta(days=90 + n), "Review meeting")],
        )
        entry = SyntheticChild(child)
        made.append(entry)
        if days_ago is None:
            continue
        for k, visit_days_ago in enumerate((days_ago + 42, days_ago)):
            visited = datetime.combine(today - timedelta(days=visit_days_ago), time(15, 30), UTC)
            visit = Visit(
                child_id=child.id,
                author=author,
                started_at=visited,
                location=Location.HOME,
                present=f"{name.split()[0]}, carer, me",
                child_seen=True,
                seen_alone=True,
                bedroom_seen=True,
                what_i_saw="Warm, tidy home. Relaxed with their carer; showed me a school certificate.",
                analysis="Working well: settled routine. Worried about: nothing new. Next: keep family time going.",
                next_visit=today + timedelta(days=14),
                status=VisitStatus.FINAL,
                finalised_at=visited + timedelta(hours=2),
            )
            words, how, context = WORDS[(n + k) % len(WORDS)]
            voice = VoiceEntry(visit.id, child.id, words, how, context, recorded_at=visited)
            entry.visits.append(SyntheticVisit(visit, [voice]))
    return made
