"""Lists typed as plain text, one item a line, read into domain objects (and written back).

The dialogs and the command line share them, so "Mum - mother" or "Review school - Sam - 14/12/2026"
means the same everywhere. A line that does not fit is refused by its number, never quoted: what
a worker types may be a person's name, and an error message carries no personal value.
"""

from __future__ import annotations

from datetime import datetime

from wvisit.domain.child import KeyPerson, PlanItem
from wvisit.errors import InvalidValue

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


def parse_actions(text: str) -> list[PlanItem]:
    """Actions typed one a line as "what - who - dd/mm/yyyy"; a line that does not fit is refused."""
    actions = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(SEPARATOR)]
        try:
            when = datetime.strptime(parts[2], "%d/%m/%Y").date()
        except (IndexError, ValueError):
            raise InvalidValue(f"Write each action as: what - who - dd/mm/yyyy (line {number} does not fit).") from None
        actions.append(PlanItem(action=parts[0], owner=parts[1], due=when))
    return actions
