"""The worker's genogram: carried from visit to visit, and feeding the child's key people and household.

A family's genogram is drawn once and then kept up to date, so the genogram of a visit starts from the
newest one of the child's other visits (a new sitting that carries on from it: the earlier one stays as
its visit recorded it). Its people can then join the child's record (wvisit/tools/genogram.py says what
a genogram holds).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date

from wvisit import tools
from wvisit.domain import Child, KeyPerson, Sitting
from wvisit.store import Store
from wvisit.tools.genogram import Genogram, Member


def genogram_for_visit(store: Store, visit_id: str) -> Sitting:
    """The genogram to open on this visit: the one already started on it; else a new sitting carrying on
    from the newest genogram with someone in it on the child's other visits (not one discarded as
    started in error); else a new genogram with only the child in it."""
    visit = store.visits.get(visit_id)
    here = [s for s in store.sittings.for_visit(visit_id) if s.tool == "genogram"]
    if here:
        return here[-1]
    kept = {v.id for v in store.visits.for_child(visit.child_id)}
    earlier = [
        s
        for s in store.sittings.for_child(visit.child_id)
        if s.tool == "genogram" and s.visit_id in kept and s.visit_id != visit_id and tools.used(s)
    ]
    if earlier:
        newest = max(earlier, key=lambda s: s.started_at)
        return Sitting(visit_id, visit.child_id, "genogram", dict(newest.result), newest.summary, continues=newest.id)
    child = store.children.get(visit.child_id)
    start = Genogram([Member("p1", child.name, "The child", born=child.date_of_birth.year, child=True)])
    return Sitting(visit_id, visit.child_id, "genogram", tools.get("genogram").save(start))


def same_name(name: str) -> str:
    """A name as duplicates are judged: letters only as written, ignoring case, accents' encoding and spacing."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold()


@dataclass
class Joined:
    """Who joined the child's record from the genogram, and who was there already, by name (the worker
    sees whom the app took for someone on the record, a mum with the same name as a carer say)."""

    key_people: list[str] = field(default_factory=list)
    household: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)


def _join(people: list[KeyPerson], joining: list[Member]) -> tuple[list[str], list[str]]:
    """Add each of `joining` to `people` unless someone of the same name is there; fill in a relationship
    left blank there. Returns the names added and the names already there."""
    held = {same_name(person.name): person for person in people}
    added: list[str] = []
    already: list[str] = []
    for member in joining:
        name, relationship = " ".join(member.name.split()), member.relationship.strip()
        found = held.get(same_name(name))
        if found is not None:
            already.append(name)
            if not found.relationship.strip() and relationship:
                found.relationship = relationship
            continue
        held[same_name(name)] = KeyPerson(name, relationship)
        people.append(held[same_name(name)])
        added.append(name)
    return added, already


def add_to_child_record(store: Store, child_id: str, genogram: Genogram, today: date) -> Joined:
    """Add the genogram's people to the child's key people, and those who live with the child to the
    household members, in one change to the newest version of the child.

    Who joins: everyone in the genogram but the child and anyone who has died (key people are the people
    in the child's life now). Each comes with their relationship to the child as the genogram words it.

    How duplicates are judged: by name alone, ignoring upper and lower case, extra spaces and how an
    accent was typed ("sam  example" is "Sam Example"); the relationship is not compared, so "Sam
    Example - Mum" on the record and "Sam Example", "Mother" in the genogram are one person, who is not
    added again (a blank relationship on the record is filled in from the genogram, a written one is
    left as the worker wrote it). Two different people with the same name count as one: name them apart
    ("Sam Example (Nan)") to add both. Nothing is ever removed from the record."""
    tool = tools.get("genogram")
    tool.validate(tool.save(genogram))
    living = [person for person in genogram.people if not person.child and not person.deceased]
    at_home = [person for person in living if genogram.lives_with_the_child(person)]
    joined = Joined()

    def change(child: Child) -> None:
        joined.key_people, joined.already = _join(child.key_people, living)
        joined.household, _ = _join(child.household, at_home)

    store.children.amend(child_id, change, today)
    return joined
