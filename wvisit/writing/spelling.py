"""British English spell checking, offline, through Enchant and the Hunspell en_GB dictionary.

We use a maintained checker and dictionary (pyenchant over libenchant, with the en_GB
Hunspell word list) rather than a word list of our own. The worker's own words ("add to my
dictionary") are given to the checker for this session only: Enchant's personal word list is a
plain file, and a worker's added words are often names, so they are kept sealed in the store
(store/my_words.py) and never written to disk in the clear.

Where the library or the dictionary is missing, `british()` says why and the editor carries on
without underlining: spelling is help, never a reason a visit cannot be recorded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LANGUAGE = "en_GB"
MAX_SUGGESTIONS = 6
# Words in Latin letters only, standing alone: a family's own language in another script (Urdu,
# Arabic, Hebrew) is not English misspelt, and "3rd" or "Y6" are not words to check.
_LATIN = "A-Za-z\u00c0-\u024f"
_WORD = re.compile(rf"(?<![\w'\u2019])[{_LATIN}]+(?:['\u2019][{_LATIN}]+)*(?![\w'\u2019])")


@dataclass(frozen=True)
class Misspelling:
    start: int
    end: int
    word: str


class SpellChecker:
    def __init__(self, dictionary):
        self._dictionary = dictionary
        self._mine: set[str] = set()

    def add_words(self, words: Iterable[str]) -> None:
        """Words the checker accepts from now on, in memory only (see the module docstring)."""
        for word in words:
            self._mine.add(word)
            self._dictionary.add_to_session(word)

    def forget(self) -> None:
        """Take the worker's words back out of Enchant, which shares one session per language
        across the process: at lock they must not outlive the key."""
        for word in self._mine:
            self._dictionary.remove_from_session(word)
        self._mine.clear()

    def knows(self, word: str) -> bool:
        if word in self._mine or word.isupper():  # acronyms are the jargon list's business
            return True
        plain = word.replace("\u2019", "'")
        return self._dictionary.check(plain) or (plain[:1].isupper() and self._dictionary.check(plain.lower()))

    def misspellings(self, text: str) -> list[Misspelling]:
        return [Misspelling(m.start(), m.end(), m.group()) for m in _WORD.finditer(text) if not self.knows(m.group())]

    def suggestions(self, word: str) -> list[str]:
        return self._dictionary.suggest(word.replace("\u2019", "'"))[:MAX_SUGGESTIONS]


def british(private: bool = False) -> tuple[SpellChecker | None, str]:
    """The checker, or None and a sentence for the worker saying why there is no spell check.

    `private`: a dictionary of its own (its own Enchant broker) for another thread, such as dictation's;
    Enchant shares one dictionary per language within a broker, and Hunspell is not safe across threads."""
    try:
        import enchant
    except ImportError:
        return None, "Spell check is not available: the Enchant spelling library is not installed on this laptop."
    try:
        dictionary = enchant.Broker().request_dict(LANGUAGE) if private else enchant.Dict(LANGUAGE)
        return SpellChecker(dictionary), ""
    except enchant.errors.DictNotFoundError:
        return None, "Spell check is not available: the British English dictionary is not installed on this laptop."
