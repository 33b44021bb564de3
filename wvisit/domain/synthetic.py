"""A synthetic caseload for the demo, the screenshots and the central service's demo team.

Every name is invented. One builder serves the laptop demo and the central demo, so
both show the same children. Each child has a story of their own (STORIES): who is in their
life (a child at home has family, not a foster carer), where the visits happen, what each visit
saw, and a scaling answer at every visit, so the child's page has a trend to chart.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from wvisit.domain.child import Category, Child, ChronologyEvent, KeyPerson, LegalStatus, PlanCategory, PlanItem
from wvisit.domain.contact import Contact, ContactKind
from wvisit.domain.sitting import Sitting
from wvisit.domain.supervision import Reflection, Supervision
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


@dataclass(frozen=True)
class Story:
    """One child's visits, oldest first: who is there, what the worker saw and made of it, and the
    child's answer to the same scaling question each time (what the trend chart on their page shows)."""

    key_people: tuple[KeyPerson, ...]
    present: str  # who was there besides the child and the worker
    seen: tuple[str, str, str]
    analysis: tuple[str, str, str]
    question: str
    answers: tuple[int, int, int]
    said: tuple[str, str, str]  # the child's words about their number
    location: Location = Location.HOME  # where the middle visit was (the others at home)
    voice: tuple[tuple[str, Expressed, str], ...] = ()  # the child's words at each visit (else WORDS)


STORIES: dict[str, Story] = {
    "Ada Example": Story(
        (KeyPerson("Jo Example", "foster carer"), KeyPerson("Sam Example", "foster carer"), KeyPerson("Mum", "mum")),
        "foster carer Jo",
        (
            "Ada was quiet at first and stayed close to Jo. Her room is ready but she still sleeps with the light on.",
            "Ada showed me the den she built in the garden with Sam. She laughed at the dog and ate with the family.",
            "Ada opened the door herself and showed me her school certificate for reading.",
        ),
        (
            "Early days in placement. Worried about: night-time fears. Next: keep the same bedtime routine.",
            "Settling: she plays and eats well. Worried about: contact with mum being cancelled twice.",
            "Settled routine and growing trust with Jo and Sam. Next: keep family time with mum going.",
        ),
        "How safe do you feel at home?",
        (4, 6, 8),
        ("I don't know them yet", "Jo reads to me", "Safe, the dog sleeps by my door"),
        voice=(
            ("I want my own lamp, not the big light.", Expressed.SAID, "showing me her bedroom"),
            ("This is my den. Grown-ups have to knock.", Expressed.SAID, "in the garden"),
            ("I like my room, it has stars on the ceiling.", Expressed.SAID, "showing me her bedroom"),
        ),
    ),
    "Ben Sample": Story(
        (KeyPerson("Mum", "mum"), KeyPerson("Lee Sample", "mum's partner"), KeyPerson("Nan", "grandmother")),
        "mum (Lee was out)",
        (
            "Ben was in his room with headphones on. The kitchen door had a new hole in it.",
            "Ben met me at school. He said home is quieter since Lee moved out for a while.",
            "Ben was at home with mum; they were cooking together and joking.",
        ),
        (
            "Risk: shouting at home most nights. Ben hides in his room. Next: strategy discussion with the police.",
            "Safety plan in place: Lee living at his brother's. Worried about: Lee coming back without the plan.",
            "Mum keeping to the plan. Ben more open. Next: core group to review the plan in three weeks.",
        ),
        "How safe do you feel at home?",
        (3, 5, 7),
        ("When they shout I go upstairs", "Better since Lee went to his brother's", "It's calm now"),
        Location.SCHOOL,
        (
            ("When they shout I go upstairs and put my music on.", Expressed.SAID, "in his room"),
            ("Don't tell mum I said about the door.", Expressed.SAID, "seen alone at school"),
            ("Mum makes the best curry.", Expressed.SAID, "while cooking"),
        ),
    ),
    "Cara Testwell": Story(
        (KeyPerson("Mum", "mum"), KeyPerson("Grandad", "grandfather"), KeyPerson("Ms Patel", "nursery key worker")),
        "mum",
        (
            "Curtains closed at midday. Mum was tired; Cara played with blocks on her own.",
            "Cara showed me her painting from nursery. Mum had been to her GP and started medication.",
            "Flat bright and tidy. Cara sang a nursery song and mum joined in.",
        ),
        (
            "Mum's low mood is affecting routines. Next: referral to the perinatal mental health team.",
            "Mum engaging with her GP; grandad helps with the nursery run. Next: keep the family network meeting.",
            "Routines back; nursery report good attendance. Next: plan to step down to early help.",
        ),
        "How happy are you at nursery?",
        (5, 7, 9),
        ("Sometimes", "I like painting", "Ms Patel is my friend"),
        voice=(
            ("Mummy sleeping.", Expressed.SAID, "playing with blocks"),
            ("A house with a big garden and a dog.", Expressed.DREW, "painting from nursery"),
            ("Mummy sings too!", Expressed.SAID, "singing"),
        ),
    ),
    "Dev Placeholder": Story(
        (KeyPerson("Kim Placeholder", "personal adviser"), KeyPerson("Aunt Rosa", "aunt")),
        "no one else",
        (
            "Dev's flat was cold: the heating key had run out. Food in the fridge for a day or two.",
            "Dev had topped up the heating and put up a shelf. He had missed two college days.",
            "Dev showed me his college timetable on the wall and his first payslip from the café.",
        ),
        (
            "Money is tight in the first months. Next: help with the budgeting course and a grant for the heating.",
            "Managing better; college attendance is the worry. Next: talk with his college tutor.",
            "Doing well: job and college. Next: pathway plan review in two months.",
        ),
        "How well are things going for you?",
        (4, 6, 7),
        ("Skint", "Getting there", "College is hard but I like my flat"),
        Location.OTHER,
        (
            ("I didn't want to ring you about the heating, it's embarrassing.", Expressed.SAID, "in his flat"),
            ("I'll go to college Monday, promise.", Expressed.SAID, "over a coffee in town"),
            ("First payslip. Proper money.", Expressed.SAID, "showing me his payslip"),
        ),
    ),
    "Efe Mockford": Story(
        (KeyPerson("Dad", "dad"), KeyPerson("Auntie Grace", "aunt"), KeyPerson("Mr Obi", "class teacher")),
        "dad and Auntie Grace",
        (
            "Empty cans in the recycling. Dad was slow to answer the door. Efe had made his own tea.",
            "Auntie Grace staying this week. Dad said he has been going to the drinking service.",
            "Dad sober and calm; Efe showed me his football trophy.",
        ),
        (
            "Dad's drinking means Efe looks after himself in the evenings. Next: safety plan with Auntie Grace.",
            "Dad engaging with the drinking service. Worried about: weekends. Next: Family Safeguarding meeting.",
            "Weekends planned with Auntie Grace. Next: keep visits weekly while the plan is reviewed.",
        ),
        "How worried are you about things at home?",
        (7, 5, 3),
        ("A lot when dad is drinking", "Less when Auntie Grace is here", "Not much now"),
        voice=(
            ("I can make beans on toast by myself.", Expressed.SAID, "in the kitchen"),
            ("Auntie Grace should live here always.", Expressed.SAID, "seen alone in his room"),
            ("Dad came to my match!", Expressed.SAID, "showing me his trophy"),
        ),
    ),
    "Finn Dummy": Story(
        (KeyPerson("Nan", "kinship carer"), KeyPerson("Mum", "mum"), KeyPerson("Kai", "brother")),
        "his nan",
        (
            "Finn was shy and hid behind Nan. His room has his brother's old bunk bed.",
            "Finn had been to see Kai at the weekend and showed me photos on Nan's phone.",
            "Finn was building a Lego garage and talked to me while he played.",
        ),
        (
            "Finn is safe with Nan, who is tired. Next: respite support for Nan one weekend a month.",
            "Family time with Kai going well. Next: ask Kai's carers about a regular day.",
            "Settled with Nan. Next: special guardianship assessment to start.",
        ),
        "How happy are you living with Nan?",
        (6, 8, 8),
        ("I miss Kai", "I saw Kai", "Nan makes pancakes"),
        voice=(
            ("Me and Kai and Nan.", Expressed.DREW, "a drawing of his family"),
            ("Kai has a PlayStation at his house.", Expressed.SAID, "looking at photos"),
            ("This is the garage for Nan's car.", Expressed.SHOWED, "building Lego"),
        ),
    ),
    "Hana Sampleton": Story(
        (KeyPerson("Dad", "dad"), KeyPerson("Mum", "mum"), KeyPerson("Young carers' group", "support")),
        "dad",
        (
            "Hana was helping dad with his tablets when I arrived. Homework on the table, not started.",
            "Hana had been to the young carers' group and made a friend there.",
            "Carer support worker now comes mornings; Hana was out with friends when I arrived, then came home.",
        ),
        (
            "Hana does most of the caring. Next: carer's assessment for dad and a young carers' referral.",
            "Group helping. Worried about: school mornings. Next: morning care package for dad.",
            "Hana has time of her own now. Next: review with school next term.",
        ),
        "How much time do you get for yourself?",
        (2, 4, 7),
        ("Never", "Tuesday evenings", "Loads more"),
        voice=(
            ("If I don't do his tablets nobody does.", Expressed.SAID, "in the kitchen"),
            ("Everyone at group gets it.", Expressed.SAID, "about the young carers' group"),
            ("I went bowling! On a school night!", Expressed.SAID, "when she came home"),
        ),
    ),
}


def story(name: str, status: LegalStatus) -> Story:
    """The child's story, or a plain one fitting their legal status: a child at home gets family, a child
    in care a carer, a care leaver a personal adviser."""
    if name in STORIES:
        return STORIES[name]
    people = {
        LegalStatus.CLA: (KeyPerson("Jo Example", "foster carer"),),
        LegalStatus.CL: (KeyPerson("Kim Placeholder", "personal adviser"),),
    }.get(status, (KeyPerson("Mum", "mum"),))
    return Story(
        (*people, KeyPerson("Pat Example", "teacher")),
        people[0].relationship,
        ("Warm, tidy home.", "Relaxed and chatty.", "Showed me a school certificate."),
        ("Getting to know them.", "Settling.", "Working well: settled routine."),
        "How are things going?",
        (5, 6, 7),
        ("OK", "Better", "Good"),
    )


# Where each child lives and since when their status (a plan's start) and a child in care's placement run,
# in days before today; a child protection plan's category, next meetings (days ahead) and household.
ADDRESSES = {
    "Ada Example": "12 Example Road, London SW18 1AA (foster carers' home)",
    "Ben Sample": "Flat 3, 7 Sample Street, London SW17 2BB",
    "Cara Testwell": "44 Testwell Court, London SW11 3CC",
    "Dev Placeholder": "Flat 9, Placeholder House, London SW15 4DD",
    "Efe Mockford": "21 Mockford Gardens, London SW19 5EE",
    "Finn Dummy": "8 Dummy Lane, London SW12 6FF (his nan's home)",
}
STATUS_SINCE = {"Ada Example": 170, "Ben Sample": 75, "Cara Testwell": 200, "Efe Mockford": 50, "Finn Dummy": 400}
PLACEMENT_SINCE = {"Ada Example": 170, "Finn Dummy": 400}
PROTECTION: dict[str, tuple[PlanCategory, int, int, tuple[KeyPerson, ...]]] = {
    "Ben Sample": (
        PlanCategory.EMOTIONAL,
        4,  # next core group: this week, so My tasks lists it
        60,
        (KeyPerson("Mum", "mum"), KeyPerson("Maya Sample", "sister, 6")),
    ),
    "Efe Mockford": (
        PlanCategory.NEGLECT,
        12,
        40,
        (KeyPerson("Dad", "dad"), KeyPerson("Mum", "mum"), KeyPerson("Tobi Mockford", "brother, 2")),
    ),
}
# Significant events beyond the review meeting: days ago, category, what happened, source, impact on the child.
EVENTS: dict[str, list[tuple[int, Category, str, str, str]]] = {
    "Ada Example": [
        (170, Category.MOVE, "Moved to foster carers Jo and Sam Example", "Placement plan", "Upset at first; settling"),
        (120, Category.EDUCATION, "Started at Hill Primary", "School admissions", "Proud of her new uniform"),
    ],
    "Ben Sample": [
        (
            80,
            Category.POLICE,
            "Police called to the home after neighbours heard shouting",
            "Police notification",
            "Ben hid in his room and did not sleep",
        ),
        (
            75,
            Category.MEETING,
            "Initial child protection conference: plan made (emotional abuse)",
            "Conference minutes",
            "Ben's views were read out by his worker",
        ),
    ],
    "Efe Mockford": [
        (
            50,
            Category.MEETING,
            "Initial child protection conference: plan made (neglect)",
            "Conference minutes",
            "Efe asked that his dad gets help",
        ),
        (30, Category.EDUCATION, "School attendance letter: 82% this term", "School", "Missing maths, which he likes"),
    ],
    "Finn Dummy": [
        (30, Category.HEALTH, "Asthma review: new inhaler", "GP letter", "Fewer night-time coughs, sleeping better"),
    ],
}
# Contacts beside the visits: days ago, hour, kind, who with, summary, chronology category (None: not on it).
CONTACTS: dict[str, list[tuple[int, int, ContactKind, str, str, Category | None]]] = {
    "Ben Sample": [
        (
            6,
            10,
            ContactKind.PHONE,
            "Ms Bell, class teacher",
            "Ben was quiet and tearful in class; he asked for the "
            "learning mentor. School will keep an eye and ring if it happens again.",
            Category.EDUCATION,
        ),
        (
            20,
            14,
            ContactKind.MEETING,
            "Core group",
            "Plan reviewed: safety plan holding, Lee still at his brother's. Mum to attend parenting course.",
            Category.MEETING,
        ),
    ],
    "Efe Mockford": [
        (
            9,
            9,
            ContactKind.PHONE,
            "Mum",
            "Efe came home at midnight; he had been at Tunde's. Mum had rung the police non-emergency line.",
            Category.INCIDENT,
        ),
        (3, 11, ContactKind.PROFESSIONAL, "Dad's alcohol worker", "Dad has kept his appointments this month.", None),
    ],
    "Ada Example": [
        (
            2,
            16,
            ContactKind.PHONE,
            "Jo Example, foster carer",
            "Family time with mum went well; Ada slept through.",
            None,
        ),
    ],
}


def details(child: Child, today: date) -> None:
    """The child's address, the dates their status and placement run from, a plan's details and the
    categorised events of their chronology (beside the review meeting every demo child has)."""
    name = child.name
    child.address = ADDRESSES.get(name, "")
    child.status_since = today - timedelta(days=STATUS_SINCE[name]) if name in STATUS_SINCE else None
    child.placement_start = today - timedelta(days=PLACEMENT_SINCE[name]) if name in PLACEMENT_SINCE else None
    if name in PROTECTION:
        plan_category, core_group, conference, household = PROTECTION[name]
        child.plan_category = plan_category
        child.next_core_group = today + timedelta(days=core_group)
        child.next_conference = today + timedelta(days=conference)
        child.household = list(household)
    for days_ago, category, what, source, impact in EVENTS.get(name, []):
        child.events.append(ChronologyEvent(today - timedelta(days=days_ago), what, None, category, source, impact))
    child.events.sort(key=lambda event: event.on)


def contacts(made: list[SyntheticChild], today: date, author: str) -> list[Contact]:
    """The worker's phone calls, meetings and professional contacts for the CONTACTS children in `made`."""
    found = []
    for entry in made:
        for days_ago, hour, kind, with_whom, summary, category in CONTACTS.get(entry.child.name, []):
            at = datetime.combine(today - timedelta(days=days_ago), time(hour, 0), UTC)
            found.append(Contact(entry.child.id, author, kind, at, with_whom, summary, category, written_at=at))
    return found


@dataclass
class SyntheticVisit:
    visit: Visit
    voice: list[VoiceEntry]
    sittings: list[Sitting] = field(default_factory=list)  # direct work (a scaling answer at every visit)


@dataclass
class SyntheticChild:
    child: Child
    visits: list[SyntheticVisit] = field(default_factory=list)


def caseload(today: date, author: str, names: list[ChildRow] | None = None) -> list[SyntheticChild]:
    """Children with three finalised visits each (one never visited), dated back from `today`, each
    following the child's own story."""
    from wvisit import tools  # here, not at the top: wvisit.tools imports the domain (as kinds.py does)

    scaling = tools.get("scaling")
    made = []
    for n, (name, dob, status, days_ago, summary) in enumerate(names or CHILDREN):
        told = story(name, status)
        child = Child(
            name=name,
            date_of_birth=dob,
            legal_status=status,
            summary=summary,
            key_people=list(told.key_people),
            language_notes="English; likes to draw rather than talk at first.",
            plan=[PlanItem("Family time with mum every other Saturday", "Social worker", today + timedelta(days=14))],
            events=[ChronologyEvent(today - timedelta(days=90 + n), "Review meeting", category=Category.MEETING)],
        )
        details(child, today)
        entry = SyntheticChild(child)
        made.append(entry)
        if days_ago is None:
            continue
        for k, visit_days_ago in enumerate((days_ago + 84, days_ago + 42, days_ago)):
            visited = datetime.combine(today - timedelta(days=visit_days_ago), time(15, 30 - 15 * (k % 2)), UTC)
            alone = k != 0 or status != LegalStatus.CIN  # a first visit may not manage it
            bedroom = k != 1 or told.location == Location.HOME
            visit = Visit(
                child_id=child.id,
                author=author,
                started_at=visited,
                location=told.location if k == 1 else Location.HOME,
                present=f"{name.split()[0]}, {told.present}, me",
                child_seen=True,
                seen_alone=alone,
                not_seen_alone_reason="" if alone else "A first visit: stayed close to mum; I will ask next time.",
                bedroom_seen=bedroom,
                bedroom_not_seen_reason="" if bedroom else "We met away from home this time; bedroom seen last visit.",
                what_i_saw=told.seen[k],
                analysis=told.analysis[k],
                next_visit=today + timedelta(days=14),
                status=VisitStatus.FINAL,
                finalised_at=visited + timedelta(hours=2),
            )
            words, how, context = told.voice[k] if told.voice else WORDS[(n + k) % len(WORDS)]
            voice = VoiceEntry(visit.id, child.id, words, how, context, recorded_at=visited)
            answer = scaling.result_type(told.question, told.answers[k], told.said[k])
            sitting = Sitting(
                visit.id,
                child.id,
                "scaling",
                scaling.save(answer),
                scaling.summarise(answer),
                started_at=visited + timedelta(minutes=20),
            )
            entry.visits.append(SyntheticVisit(visit, [voice], [sitting]))
    return made


# Case supervision held three weeks ago for two children of the caseload: their Wandsworth 5 show it up to date.
SUPERVISED: dict[str, tuple[Reflection, str]] = {
    "Cara Testwell": (
        Reflection(
            hypotheses="Mum's low mood may be why mornings are chaotic; Cara copes by being very good at nursery.",
            working_well="Nursery attendance is high; grandma helps on Tuesdays.",
            worries="Mum missed two GP appointments; Cara is quiet when asked about home.",
            lived_experience="Cara gets herself dressed and waits by the door for nursery; she says mum sleeps a lot.",
            parental_mental_health="Mum is on the waiting list for talking therapy; GP to review medication.",
        ),
        "Stay at child in need; ask the GP for an update; revisit at the next review.",
    ),
    "Efe Mockford": (
        Reflection(
            hypotheses="Dad's drinking rises when work is short; Efe keeps the peace by staying out.",
            working_well="Dad has started at the alcohol service and kept three appointments.",
            worries="Efe was out late twice this month; an incident at the weekend.",
            lived_experience="Efe says he goes to his friend's when dad has been drinking and feels safer there.",
            domestic_abuse="No police call-outs since the plan began; mum says shouting continues.",
            parental_substance_misuse="Dad's key worker reports he is engaging; random tests not yet agreed.",
        ),
        "Keep the child protection plan; joint visit with the alcohol worker before the core group.",
    ),
}


def supervision(made: list[SyntheticChild], today: date, supervisor: str) -> list[Supervision]:
    """One supervision meeting, three weeks before `today`, covering the SUPERVISED children in `made`; each
    record's actions join that child's plan, as recording supervision in the app does (so make the records
    before the children are written)."""
    held = today - timedelta(days=21)
    meeting = str(uuid.uuid5(uuid.NAMESPACE_URL, f"wvisit-demo-supervision-{held.isoformat()}"))
    records = [
        Supervision(
            child_id=entry.child.id,
            author=supervisor,
            held_on=held,
            attendees="Jo Reed (team manager), Sam Patel (social worker)",
            discussion=SUPERVISED[entry.child.name][0],
            decisions=SUPERVISED[entry.child.name][1],
            next_due=held + timedelta(days=42),
            actions=[PlanItem("Talk the plan through with the family", "Sam Patel", today + timedelta(days=7))],
            meeting=meeting,
            written_at=datetime.combine(held, time(16, 0), UTC),
        )
        for entry in made
        if entry.child.name in SUPERVISED
    ]
    plans = {entry.child.id: entry.child.plan for entry in made}
    for record in records:
        plans[record.child_id].extend(record.actions)
    return records
