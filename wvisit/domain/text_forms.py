"""Key people typed as plain text, one a line, read into domain objects (and written back).

The dialogs and the command line share them, so "Mum - mother" means the same everywhere.
(Actions have their own boxes - what, who, by when - in the screens: ui/action_rows.py.)
"""

from __future__ import annotations

from wvisit.domain.child import KeyPerson

SEPARATOR = " - "


def people_to_text(people: list[KeyPerson]) -> str:
    return "\n".join(f"{p.name}{SEPARATOR}{p.relationship}" if p.relationship else p.name for p in people)


def text_to_people(text: str) -> list[KeyPerson]:
    """Key people typed one a line as "name - relationship" (the relationship may be left out)."""
    people = []
    for line in text.splitlines():
        name, _, relationship = line.partition(SEPARATOR)
        if name.strip():
            people.append(KeyPerson(name.strip(), relationship.strip()))
    return people
