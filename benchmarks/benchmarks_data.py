"""Synthetic data for the benchmarks: children and ~4 KB visits, written through the real store."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from wvisit.domain import Child, LegalStatus, Visit, VisitStatus, to_record
from wvisit.store import Store
from wvisit.store.kinds import plain_columns

NOTE = ("Ada showed me her room and talked about school. " * 90)[:4096]


def varied_notes(seed: int = 1, vocabulary: int = 30_000) -> Callable[[int], str]:
    """~4 KB notes drawn from a vocabulary of `vocabulary` made-up words with a Zipf-like spread, as
    real notes use many words a few times each: the repeated NOTE above has ten distinct words, which
    flatters anything that stores each visit's distinct words."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(vocabulary)]
    weights = [1 / (rank + 1) for rank in range(vocabulary)]
    return lambda n: " ".join(rng.choices(words, weights, k=700))[:4096]


def fill_store(
    store: Store, children: int, visits: int, note: Callable[[int], str] = lambda n: NOTE, author: str = "sw.bench"
) -> list[str]:
    """Children, then finalised visits spread over them, in one transaction of real sealed writes;
    visit n's note is `note(n)` followed by "visit{n}". `author` is the account a sync pushes them as
    (the central record refuses a visit naming another author)."""
    statuses = list(LegalStatus)
    made = [
        store.children.add(Child(f"Child {n} Example", date(2012, 1, 1), statuses[n % len(statuses)]))
        for n in range(children)
    ]
    start = datetime(2021, 1, 1, 10, tzinfo=UTC)
    # 3 h apart, or closer where 3 h would reach the future, which the central record refuses (30,000 would)
    step = min(timedelta(hours=3), (datetime.now(UTC) - timedelta(days=2) - start) / max(visits, 1))
    table = store.tables["visits"]
    with store.transaction():
        for n in range(visits):
            child = made[n % children]
            visited = start + step * n
            visit = Visit(
                child_id=child.id,
                author=author,
                started_at=visited,
                what_i_saw=f"{note(n)} visit{n}",
                status=VisitStatus.FINAL,
                finalised_at=visited + timedelta(hours=1),  # a finalised visit says when (domain check)
            )
            record = to_record(visit)
            table.write(visit.id, record, plain_columns("visit", record), "created")
    return [c.id for c in made]
