"""The people whose names the records carry, as the central record knows their accounts.

A record names its author by login ("sw.example"), which is what the central record checks; a
person reads a name and a role ("Sam Patel, social worker"). `People` turns one into the other,
and falls back to the login for an account this laptop has not met yet, so a name is never lost.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

ROLE_NAMES = {"social_worker": "social worker", "supervisor": "supervisor", "admin": "administrator"}


@dataclass(frozen=True)
class Person:
    username: str
    display_name: str = ""
    role: str = ""

    @property
    def name(self) -> str:
        return self.display_name or self.username

    @property
    def signature(self) -> str:
        """Name and role, as a record is signed: "Sam Patel, social worker"."""
        role = ROLE_NAMES.get(self.role, "")
        return f"{self.name}, {role}" if role else self.name


@dataclass(frozen=True)
class People:
    known: Mapping[str, Person]

    def name(self, username: str) -> str:
        return self.of(username).name

    def signature(self, username: str) -> str:
        return self.of(username).signature

    def of(self, username: str) -> Person:
        return self.known.get(username) or Person(username)
