"""Contacts beside the visits (a phone call, a meeting, a professional contact): written by the
child's social worker, synced like an addendum, never changed after."""

from __future__ import annotations

from dataclasses import replace

from wvisit.domain import from_record, to_record
from wvisit.domain.contact import Contact
from wvisit.domain.kinds import KINDS
from wvisit.errors import InvalidValue
from wvisit.store.context import StoreContext


class ContactRepository:
    def __init__(self, context: StoreContext):
        self._context = context
        self._table = context.sealed_table("contacts", "contact")

    def add(self, contact: Contact) -> Contact:
        """Store a new contact, signed by this laptop's account (the central record refuses any other
        author); the registry's check is the one the central record makes when it arrives."""
        contact = replace(contact, author=self._context.actor)
        record = to_record(contact)
        KINDS["contact"].validate(record)
        if self._context.conn.execute("SELECT 1 FROM children WHERE id = ?", (contact.child_id,)).fetchone() is None:
            raise InvalidValue("A contact is recorded for a child on this laptop's caseload.")
        if self._table.versions([contact.id]):
            raise InvalidValue("This contact is already recorded; a contact is not changed once written.")
        with self._context.transaction():
            self._table.write(contact.id, record, {}, "created")
        return contact

    def for_child(self, child_id: str) -> list[Contact]:
        """The child's contacts, oldest first."""
        found = [from_record(Contact, p) for _, p in self._table.read_where("WHERE child_id = ?", (child_id,))]
        return sorted(found, key=lambda c: c.at)

    def all(self) -> list[Contact]:
        found = [from_record(Contact, payload) for _, payload in self._table.read_where()]
        return sorted(found, key=lambda c: c.at)
