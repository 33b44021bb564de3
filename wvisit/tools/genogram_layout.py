"""Where each person of a genogram goes: generations in rows, households side by side.

A genogram is kept as people and relationships only (wvisit/tools/genogram.py); the drawing is worked out
from them each time, so adding a grandparent or correcting a relationship never leaves anyone stranded.

Rows are generations: a parent sits one row above their child, partners and brothers and sisters in the
same row, found by walking the relationships from the child (someone joined to the family only by a
close or conflicted line, a teacher say, sits in the child's row). Columns are handed out household by
household, the child's first: every household has its own band of columns across all rows, so the
outline round a household's people never takes in anyone from another home. People with no household
named come last. Within a band and row people keep the order they were added, partners side by side.

In grid units: a column is 1 wide, a row `ROW` high; no Qt here, wvisit/tools/pictures.py scales it.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from wvisit.tools.genogram import COUPLES, Genogram, Member

ROW = 1.45  # a row's height, in column widths: the symbol, the words under it, room for lines to the next row
BAND_GAP = 0.35  # between two households' bands
MARGIN = 0.2


@dataclass(frozen=True)
class Band:
    """A household's columns (`household` "" for the people with none named) and the rows it has people in."""

    household: str
    left: float
    width: float
    top_row: int
    bottom_row: int


@dataclass(frozen=True)
class Layout:
    places: dict[str, tuple[float, int]]  # a person's id: (the centre of their column, their row)
    bands: list[Band]
    width: float
    rows: int

    @property
    def height(self) -> float:
        return self.rows * ROW + MARGIN


def generations(genogram: Genogram) -> dict[str, int]:
    """Each person's row, 0 the oldest generation shown. Contradictions (someone drawn as both a parent and
    a partner of the same person) cannot stop it: the first relationship reached decides."""
    steps: dict[str, list[tuple[str, int]]] = {person.id: [] for person in genogram.people}
    for link in genogram.relationships:
        if link.first not in steps or link.second not in steps:
            continue
        if link.kind == "parent":
            steps[link.first].append((link.second, 1))
            steps[link.second].append((link.first, -1))
        elif link.kind in COUPLES or link.kind == "siblings":
            steps[link.first].append((link.second, 0))
            steps[link.second].append((link.first, 0))
    level: dict[str, int] = {}
    for start in sorted(genogram.people, key=lambda person: not person.child):
        if start.id in level:
            continue
        level[start.id] = 0
        waiting = deque([start.id])
        while waiting:
            here = waiting.popleft()
            for there, step in steps[here]:
                if there not in level:
                    level[there] = level[here] + step
                    waiting.append(there)
    top = min(level.values(), default=0)
    return {member_id: row - top for member_id, row in level.items()}


def _partners(genogram: Genogram) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {person.id: [] for person in genogram.people}
    for link in genogram.relationships:
        if link.kind in COUPLES and link.first in found and link.second in found:
            found[link.first].append(link.second)
            found[link.second].append(link.first)
    return found


def _in_order(people: list[Member], partners: dict[str, list[str]]) -> list[Member]:
    """The order people were added, each followed by their partners in the same group."""
    here = {person.id: person for person in people}
    ordered: list[Member] = []
    for person in people:
        if person in ordered:
            continue
        ordered.append(person)
        ordered.extend(here[p] for p in partners[person.id] if p in here and here[p] not in ordered)
    return ordered


def lay_out(genogram: Genogram) -> Layout:
    rows = generations(genogram)
    partners = _partners(genogram)
    homes = [*genogram.households(), ""]
    places: dict[str, tuple[float, int]] = {}
    bands: list[Band] = []
    left = MARGIN
    for home in homes:
        members = [person for person in genogram.people if person.household.strip() == home]
        if not members:
            continue
        by_row: dict[int, list[Member]] = {}
        for person in members:
            by_row.setdefault(rows[person.id], []).append(person)
        width = max(len(group) for group in by_row.values())
        for row, group in by_row.items():
            start = left + (width - len(group)) / 2
            for index, person in enumerate(_in_order(group, partners)):
                places[person.id] = (start + index + 0.5, row)
        bands.append(Band(home, left, width, min(by_row), max(by_row)))
        left += width + BAND_GAP
    total_rows = max(rows.values(), default=0) + 1
    return Layout(places, bands, left - BAND_GAP + MARGIN if bands else 2 * MARGIN, total_rows)
