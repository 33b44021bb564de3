"""Search (Ctrl+F): children by name, and every visit's notes, agreed actions, the child's words and
addenda (decrypted in memory only). Children whose name matches come first: a worker typing "Ada"
wants Ada's page."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout

from wvisit.domain import Child
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


def find_children(store: Store, query: str) -> list[Child]:
    """The children whose name has a word starting with each word typed ("ada ex" finds Ada Example),
    in caseload order; nothing for an empty query."""
    typed = query.casefold().split()
    if not typed:
        return []
    found = []
    for child in store.children.all():
        words = child.name.casefold().split()
        if all(any(word.startswith(part) for word in words) for part in typed):
            found.append(child)
    return found


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


CHILD = "child"  # what a result row opens, kept with it (Qt.ItemDataRole.UserRole + 1)
VISIT = "visit"


class SearchPage(Page):
    open_visit = Signal(str)
    open_child = Signal(str)

    def __init__(self, ops: Ops, store: Store):
        super().__init__()
        self._ops, self._store = ops, store
        layout = QVBoxLayout(self)
        layout.addWidget(title("Search children and visits"))
        self.query = line_edit("Search", "A child's name, or words from notes, the child's words or addenda")
        layout.addWidget(self.query)
        self.count = QLabel("")
        self.count.setAccessibleName("How many children and visits were found")
        layout.addWidget(self.count)
        self.results = QListWidget()
        self.results.setAccessibleName("Children and visits found")
        self.results.itemActivated.connect(self._open)
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
        read = operations.query(self, lambda store: (find_children(store, query), *find(store, query)))
        read.success(lambda found: self._show(query, *found)).run_in_background()

    def _show(self, query: str, children: list[Child], hits: list[Hit], unreadable: int) -> None:
        if query != self.query.text():
            return  # a newer search is on its way
        self.results.clear()
        for child in children:
            self._add(f"{child.name} \u2014 {child.legal_status.label} \u2014 open their page", child.id, CHILD)
        for hit in hits:
            self._add(hit.line, hit.visit_id, VISIT)
        found = f"{len(hits)} visit{'s' if len(hits) != 1 else ''} found" if query.strip() else ""
        if children:
            found = f"{len(children)} child{'ren' if len(children) != 1 else ''}, {found}"
        if unreadable:  # one damaged record must not silently shrink every search
            found += f" ({unreadable} record(s) could not be read and were not searched: please tell IT)"
        self.count.setText(found)

    def _add(self, line: str, record_id: str, opens: str) -> None:
        item = QListWidgetItem(line)
        item.setData(Qt.ItemDataRole.UserRole, record_id)
        item.setData(Qt.ItemDataRole.UserRole + 1, opens)
        self.results.addItem(item)

    def _open(self, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if item.data(Qt.ItemDataRole.UserRole + 1) == CHILD:
            self.open_child.emit(record_id)
        else:
            self.open_visit.emit(record_id)

    def _enter(self) -> None:
        self._debounce.stop()
        self.run_search()
        self.results.setFocus()
