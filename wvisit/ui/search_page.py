"""Search every visit's notes, the child's words and addenda (decrypted in memory only)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from wvisit.errors import WvisitError
from wvisit.store import Store
from wvisit.ui import operations
from wvisit.ui.background import Ops
from wvisit.ui.models import nice_date
from wvisit.ui.page import Page
from wvisit.ui.widgets import line_edit, title


@dataclass
class Hit:
    visit_id: str
    line: str


def find(store: Store, query: str) -> tuple[list[Hit], int]:
    """The visits found, and how many records could not be read: into the index, or when a visit
    found was opened (one changed outside wvisit since the index read it)."""
    names = {c.id: c.name for c in store.children.all()}
    found = store.search.search(query)[:200]
    hits, unreadable = [], store.search.unreadable
    for visit_id in found:
        try:
            visit = store.visits.get(visit_id)
        except WvisitError:
            unreadable += 1
            continue
        if visit.is_discarded:
            continue  # started in error: in no list
        when = nice_date(visit.started_at.date()) if visit.started_at else "No date"
        state = "finalised" if visit.is_final else "draft"
        hits.append(Hit(visit_id, f"{when} \u2014 {names.get(visit.child_id, '?')} \u2014 {state}"))
    return hits, unreadable


class SearchPage(Page):
    open_visit = Signal(str)

    def __init__(self, ops: Ops, store: Store):
        super().__init__()
        self._ops, self._store = ops, store
        layout = QVBoxLayout(self)
        layout.addWidget(title("Search all visits"))
        self.query = line_edit("Search", "Words from notes, the child's words or addenda")
        layout.addWidget(self.query)
        self.count = QLabel("")
        self.count.setAccessibleName("Number of visits found")
        layout.addWidget(self.count)
        self.results = QListWidget()
        self.results.setAccessibleName("Visits found")
        self.results.itemActivated.connect(lambda item: self.open_visit.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.results, 1)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search)
        self.query.textChanged.connect(self._debounce.start)
        self.query.returnPressed.connect(self._enter)
        self.setFocusProxy(self.query)

    def refresh(self) -> None:
        if self.query.text().strip():
            self.run_search()

    def run_search(self) -> None:
        query = self.query.text()
        read = operations.query(self, lambda store: find(store, query))
        read.success(lambda found: self._show(query, *found)).run_in_background()

    def _show(self, query: str, hits: list[Hit], unreadable: int) -> None:
        if query != self.query.text():
            return  # a newer search is on its way
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit.line)
            item.setData(Qt.ItemDataRole.UserRole, hit.visit_id)
            self.results.addItem(item)
        found = f"{len(hits)} visit{'s' if len(hits) != 1 else ''} found" if query.strip() else ""
        if unreadable:  # one damaged record must not silently shrink every search
            found += f" ({unreadable} record(s) could not be read and were not searched: please tell IT)"
        self.count.setText(found)

    def _enter(self) -> None:
        self._debounce.stop()
        self.run_search()
        self.results.setFocus()
