"""A genogram, for the worker: the child's family over the generations, as drawn in an assessment.

People are drawn with the usual symbols (a square for a male, a circle for a female, a diamond when
not known; a cross through someone who has died; the child with a double outline). Lines between
people say how they are related: married or civil partners, partners, separated, divorced, a parent
of, brothers or sisters; and, as in systemic practice, close or in conflict. A household (the people
who live together: "Mum's flat", "Nan's house") is drawn as an outline round its people.

It is the worker's record, not the child's work (never handed to the child in child mode, nothing in it
counted as the child's voice). Its people can be added to the child's key people and household
(wvisit/app/genogram.py). Each person has a short id ("p1") that the relationships name, so a name can
be corrected without breaking a line; a relationship naming someone not in the genogram is refused.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wvisit.errors import InvalidValue
from wvisit.tools.base import Tool

SEXES = {"male": "Male (square)", "female": "Female (circle)", "unknown": "Not known (diamond)"}
# kind: how the record reads it, "<first> is ... <second>"; only "parent" has a direction (first is the parent)
KINDS = {
    "married": "married to (or the civil partner of)",
    "partners": "the partner of",
    "separated": "separated from",
    "divorced": "divorced from",
    "parent": "a parent of",
    "siblings": "a brother or sister of",
    "close": "close to",
    "conflict": "in conflict with",
}
COUPLES = ("married", "partners", "separated", "divorced")
OLDEST_BORN, NEWEST_BORN = 1880, 2100
MOST = 60  # people in one genogram; a family's chart on one page stays readable
# The longest each typed field may be, in characters: room for any real name or worker's words, and a
# bound on what a laptop (or anyone speaking to the central service) can store in one genogram.
# Each is (the Member field, as a refusal says it, the most characters).
LONGEST = (("name", "name", 120), ("relationship", "relationship to the child", 80), ("household", "household", 80))
LONGEST_ID = 20  # ids are made by the dialog ("p12"); a longer one is not ours


@dataclass
class Member:
    """One person in the genogram. `relationship` is theirs to the child, in the worker's words ("Mum",
    "half-brother", "Nan (mum's side)"); `household` names the home they live in ("" when not known)."""

    id: str
    name: str
    relationship: str = ""
    sex: str = "unknown"
    born: int | None = None  # the year of birth
    deceased: bool = False
    household: str = ""
    child: bool = False  # the child this genogram is about

    def describe(self) -> str:
        facts = [self.relationship.strip() or ("the child" if self.child else "")]
        if self.born is not None:
            facts.append(f"born {self.born}")
        if self.deceased:
            facts.append("died")
        if self.household.strip():
            facts.append(f"lives in {self.household.strip()}")
        said = ", ".join(fact for fact in facts if fact)
        return f"{self.name.strip()} ({said})" if said else self.name.strip()


@dataclass
class Relationship:
    first: str  # a member's id; for "parent", the parent
    second: str
    kind: str = "married"


@dataclass
class Genogram:
    people: list[Member] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    def person(self, member_id: str) -> Member:
        return next(person for person in self.people if person.id == member_id)

    def the_child(self) -> Member | None:
        return next((person for person in self.people if person.child), None)

    def households(self) -> list[str]:
        """The households named, the child's first, then in the order people were added."""
        named = [p.household.strip() for p in sorted(self.people, key=lambda p: not p.child) if p.household.strip()]
        return list(dict.fromkeys(named))

    def lives_with_the_child(self, person: Member) -> bool:
        child = self.the_child()
        home = child.household.strip() if child is not None else ""
        return bool(home) and person is not child and person.household.strip() == home


def line(genogram: Genogram, relationship: Relationship) -> str:
    """One relationship as the record says it: "Sam Example is a parent of Ada Example"."""
    first, second = genogram.person(relationship.first), genogram.person(relationship.second)
    return f"{first.name.strip()} is {KINDS[relationship.kind]} {second.name.strip()}"


def check(genogram: Genogram) -> None:
    """Everyone has a name and a unique id, a known symbol and a plausible year of birth; one person at
    most is the child; every relationship joins two different people of this genogram, once."""
    if len(genogram.people) > MOST:
        raise InvalidValue(f"A genogram holds at most {MOST} people.")
    ids = [person.id for person in genogram.people]
    if any(not member_id.strip() for member_id in ids) or len(set(ids)) != len(ids):
        raise InvalidValue("Each person in the genogram needs an id of their own.")
    for number, person in enumerate(genogram.people, start=1):
        if not person.name.strip():
            raise InvalidValue(f"Person {number} in the genogram needs a name.")
        if len(person.id) > LONGEST_ID:
            raise InvalidValue(f"Person {number} in the genogram has an id longer than {LONGEST_ID} characters.")
        for field_name, said, most in LONGEST:
            if len(getattr(person, field_name)) > most:
                raise InvalidValue(f"Person {number} in the genogram has a {said} longer than {most} characters.")
        if person.sex not in SEXES:
            raise InvalidValue(f"Person {number} in the genogram is male, female or not known.")
        if person.born is not None and not OLDEST_BORN <= person.born <= NEWEST_BORN:
            raise InvalidValue(f"Person {number} in the genogram has a year of birth that cannot be right.")
    if sum(person.child for person in genogram.people) > 1:
        raise InvalidValue("Only one person in the genogram is the child.")
    check_relationships(genogram)


def check_relationships(genogram: Genogram) -> None:
    """Every relationship joins two different people of this genogram, once."""
    ids = {person.id for person in genogram.people}
    seen: set[tuple[str, str, str]] = set()
    for number, link in enumerate(genogram.relationships, start=1):
        problem = _problem(link, ids, seen)
        if problem:
            raise InvalidValue(f"Relationship {number} {problem}.")
        seen.add(_key(link))


def refusal(genogram: Genogram, link: Relationship) -> str | None:
    """Why `link` cannot be added to this genogram, said of it ("this relationship is already in the
    genogram"), or None: the screen asks this as each is added, before everyone has a name."""
    ids = {person.id for person in genogram.people}
    return _problem(link, ids, {_key(held) for held in genogram.relationships})


def _key(link: Relationship) -> tuple[str, str, str]:
    """A relationship as duplicates are judged: only "parent" has a direction."""
    first, second = (link.first, link.second) if link.kind == "parent" else sorted((link.first, link.second))
    return first, second, link.kind


def _problem(link: Relationship, ids: set[str], seen: set[tuple[str, str, str]]) -> str | None:
    """What is wrong with `link` among people `ids` and the relationships `seen` before it, as the end of a
    sentence that starts with the relationship; None if nothing."""
    if link.kind not in KINDS:
        return "is not a kind of relationship the genogram knows"
    if link.first not in ids or link.second not in ids:
        return "names someone who is not in the genogram"
    if link.first == link.second:
        return "joins a person to themselves"
    first, second, kind = _key(link)
    if (first, second, kind) in seen:
        return "is already in the genogram"
    if kind == "parent" and (second, first, "parent") in seen:
        return "makes two people each other's parent"
    return None


def summarise(genogram: Genogram) -> str:
    """The record's text: each person, then the households, then the relationships (a child's parents
    together on one line)."""
    if not genogram.people:
        return "No one in the genogram yet"
    lines = [person.describe() for person in genogram.people]
    for home in genogram.households():
        names = [p.name.strip() for p in genogram.people if p.household.strip() == home]
        lines.append(f"Living in {home}: {', '.join(names)}")
    parents: dict[str, list[str]] = {}  # a child's parents, one line for both: "Ada is the child of Sam and Lee"
    for link in genogram.relationships:
        if link.kind == "parent":
            parents.setdefault(link.second, []).append(genogram.person(link.first).name.strip())
        else:
            lines.append(line(genogram, link))
    for child, theirs in parents.items():
        lines.append(f"{genogram.person(child).name.strip()} is the child of {' and '.join(theirs)}")
    return "\n".join(lines)


def headline(genogram: Genogram) -> str:
    """The genogram in one line, for a list of the record's work: "9 people, 2 households"."""
    people, homes = len(genogram.people), len(genogram.households())
    return f"{people} {'person' if people == 1 else 'people'}, {homes} household{'' if homes == 1 else 's'}"


TOOL = Tool(
    key="genogram",
    title="Genogram",
    child_title="Genogram",
    about="For the worker: the child's family, relationships and households, drawn as a genogram.",
    result_type=Genogram,
    summarise=summarise,
    rules=check,
    used=lambda genogram: any(not person.child for person in genogram.people),
    pictured=True,
    for_worker=True,
    headline=headline,
)
