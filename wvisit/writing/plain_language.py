"""Find social-care jargon in a worker's text and offer the plainer words from the council's list.

The list is data (resources/jargon.json, or the council's own file): the council changes words
without a release. Matching is by whole words, longest term first, so "supervised contact" is
one finding and not "contact" inside it. A term written in capitals ("LAC", "DA") matches only in
capitals, because "lac" or "da" in ordinary text is not the acronym.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wvisit.errors import InvalidValue


@dataclass(frozen=True)
class Term:
    term: str
    plainer: tuple[str, ...]


@dataclass(frozen=True)
class Finding:
    start: int
    end: int
    text: str  # as written, so a replacement can keep its capital letter
    term: Term

    def replacement(self, choice: int = 0) -> str:
        """The plainer words, capitalised when the written term began a sentence with a capital."""
        words = self.term.plainer[choice]
        if self.text[:1].isupper() and not self.term.term.isupper() and words[:1].islower():
            return words[:1].upper() + words[1:]
        return words


class JargonList:
    def __init__(self, terms: list[Term]):
        self.terms = terms
        by_length = sorted(terms, key=lambda t: len(t.term), reverse=True)
        self._lookup = {_key(t.term): t for t in terms}
        pieces = [_pattern(t.term) for t in by_length]
        self._regex = re.compile("|".join(pieces)) if pieces else None

    @classmethod
    def from_data(cls, data: dict) -> JargonList:
        """Refuse a list IT cannot have meant: each entry needs a term and at least one plainer wording."""
        terms = []
        for number, entry in enumerate(data.get("terms", []), start=1):
            term, plainer = entry.get("term", ""), entry.get("plainer", [])
            if (
                not isinstance(term, str)
                or not term.strip()
                or not plainer
                or not all(isinstance(p, str) and p.strip() for p in plainer)
            ):
                raise InvalidValue(f"Entry {number} of the jargon list needs a term and its plainer words.")
            terms.append(Term(term.strip(), tuple(p.strip() for p in plainer)))
        return cls(terms)

    def find(self, text: str) -> list[Finding]:
        if self._regex is None:
            return []
        return [
            Finding(m.start(), m.end(), m.group(), self._lookup[_key(m.group())]) for m in self._regex.finditer(text)
        ]


def _key(term: str) -> str:
    return term if term.isupper() else " ".join(term.lower().split())


def _pattern(term: str) -> str:
    words = r"\s+".join(re.escape(word) for word in term.split())
    flags = "" if term.isupper() else "(?i:"
    body = f"{flags}{words})" if flags else words
    return rf"(?<![\w-]){body}(?![\w-])"
