"""How easy a piece of writing is to read: Flesch reading ease and the reading age it suggests.

Flesch reading ease = 206.835 - 1.015 x (words per sentence) - 84.6 x (syllables per word).
Syllables are counted from groups of vowels, less a silent final "e": a rule of thumb that is
right for most English words and never far off, which is all a guide for the writer needs
(the figure is shown rounded, as advice, never as a gate). The reading age follows the
Flesch-Kincaid grade, plus five years for the age at which a child starts each school year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:['\u2019][A-Za-z]+)?")
_SENTENCE_END = re.compile(r"[.!?]+(?:\s|$)|\n\s*\n")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
_VERDICTS = ((70, "easy to read"), (60, "plain English"), (40, "fairly hard"), (0, "hard to read"))


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int

    @property
    def reading_ease(self) -> float:
        """0-100: 60-70 is plain English; under 30 is hard going for most adults."""
        if not self.words:
            return 100.0
        score = 206.835 - 1.015 * (self.words / self.sentences) - 84.6 * (self.syllables / self.words)
        return max(0.0, min(100.0, score))

    @property
    def reading_age(self) -> int:
        if not self.words:
            return 0
        grade = 0.39 * (self.words / self.sentences) + 11.8 * (self.syllables / self.words) - 15.59
        return max(5, round(grade) + 5)

    def describe(self) -> str:
        """A sentence for the editor: the figure a worker can act on, and what it means."""
        if self.words < 10:
            return ""
        ease = self.reading_ease
        verdict = next(words for floor, words in _VERDICTS if ease >= floor)
        return f"Reading age about {self.reading_age} \u00b7 reading ease {ease:.0f} ({verdict})"


def measure(text: str) -> Readability:
    words = _WORD.findall(text)
    sentences = max(1, len([part for part in _SENTENCE_END.split(text) if _WORD.search(part)]))
    return Readability(len(words), sentences, sum(syllables(word) for word in words))


def syllables(word: str) -> int:
    word = word.lower().replace("\u2019", "'").split("'")[0]
    count = len(_VOWEL_GROUP.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)
