"""The caseload at a glance: each child with last visit, next visit due and drafts in progress."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from wvisit.domain import Child
from wvisit.domain.policy import Due, Policy

if TYPE_CHECKING:
    from wvisit.store import Store  # a read model over the public Store, as any caller sees it


@dataclass(frozen=True)
class CaseloadRow:
    child: Child
    last_visit: date | None
    due: Due
    drafts: int


def caseload(store: Store, policy: Policy, today: date) -> list[CaseloadRow]:
    last = store.children.last_visits()
    drafts = store.visits.drafts_per_child()
    return [
        CaseloadRow(
            child=child,
            last_visit=last.get(child.id),
            due=Due.of(policy, child, last.get(child.id), today),
            drafts=drafts.get(child.id, 0),
        )
        for child in store.children.all()
    ]
