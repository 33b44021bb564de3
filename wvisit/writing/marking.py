"""What every page of a document that leaves the laptop carries: its security marking and whose it is.

Under the Government Security Classifications a child's case record is OFFICIAL-SENSITIVE, and a
printed page is often seen on its own (on a desk, in a tray, stapled into the wrong file): so each
page says the marking, the child's name and record id, and "page x of y", so a missing page shows.
wvisit/pdf.py paints these on every page; this module only says what they are, without Qt.
"""

from __future__ import annotations

from dataclasses import dataclass

OFFICIAL_SENSITIVE = "OFFICIAL-SENSITIVE"


@dataclass(frozen=True)
class PageMarking:
    classification: str = OFFICIAL_SENSITIVE
    about: str = ""  # whose record: "Ada Example, record 5c1e..."

    def footer(self, page: int, pages: int) -> str:
        """The line at the foot of page `page` (from 1) of `pages`."""
        where = f"page {page} of {pages}"
        return f"{self.about} \u00b7 {where}" if self.about else where


def for_child(name: str, record_id: str) -> PageMarking:
    return PageMarking(about=f"{name}, record {record_id}")
