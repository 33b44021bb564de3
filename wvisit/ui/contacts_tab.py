"""The contacts tab of the child's page: phone calls, meetings and professional contacts beside the
visits, newest first, and the button that records one."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QPushButton, QVBoxLayout, QWidget

from wvisit.domain.contact import Contact
from wvisit.domain.people import People
from wvisit.ui.models import nice_date

DASH = "\u2014"
CONTACT_SHORTCUT = "Ctrl+Shift+K"


class ContactsTab(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.listing = QListWidget()
        self.listing.setAccessibleName("Contacts beside the visits")
        self.listing.setWordWrap(True)
        self.add_button = QPushButton("&Record a contact\u2026")
        self.add_button.setAccessibleName("Record a contact: a phone call, a meeting or a professional contact")
        self.add_button.setToolTip(f"Record a phone call, a meeting or a professional contact ({CONTACT_SHORTCUT})")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.listing, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addStretch()
        layout.addLayout(row)
        self.setFocusProxy(self.listing)

    def show_contacts(self, contacts: list[Contact], people: People) -> None:
        self.listing.clear()
        self.listing.addItems([contact_text(c, people) for c in reversed(contacts)])
        if not contacts:
            self.listing.addItem(f"No contacts yet. Press {CONTACT_SHORTCUT} to record a phone call or a meeting.")


def contact_text(contact: Contact, people: People) -> str:
    """A contact as the tab lists it: when, what kind, who with; the summary; who recorded it."""
    local = contact.at.astimezone()
    where = f" {DASH} on the chronology as {contact.chronology.label.lower()}" if contact.chronology else ""
    return (
        f"{nice_date(local.date())} {local:%H:%M} {DASH} {contact.kind.label} with {contact.with_whom}\n"
        f"{contact.summary}\n    Recorded by {people.signature(contact.author)}{where}"
    )
