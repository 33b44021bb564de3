"""The accounts this laptop has met (the worker who signed in, whoever sent a pulled record), kept
sealed beside sync's other state: a person's name is a personal value, so never a plain column."""

from __future__ import annotations

import json

from wvisit.domain.people import People, Person
from wvisit.store.sync_state import PEOPLE, SyncState


class PeopleBook:
    def __init__(self, state: SyncState):
        self._state = state

    def read(self) -> People:
        stored = self._state.get(PEOPLE)
        entries = json.loads(stored) if stored else {}
        return People({login: Person(login, *entry) for login, entry in entries.items()})

    def remember(self, met: list[Person]) -> None:
        """Add or update these accounts; call inside the transaction of what they came with."""
        known = dict(self.read().known)
        changed = [person for person in met if known.get(person.username) != person]
        if not changed:
            return
        known.update({person.username: person for person in changed})
        entries = {login: [p.display_name, p.role] for login, p in known.items()}
        self._state.set(PEOPLE, json.dumps(entries, ensure_ascii=False))
