"""What every direct-work tool provides; see wvisit/tools/__init__.py for the registry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wvisit.domain import Expressed, from_record, to_record
from wvisit.domain.shapes import read


@dataclass(frozen=True)
class Heard:
    """Words the child gave in a tool, with where in the tool ("House of worries") and how (wrote, said)."""

    words: str
    expressed: Expressed
    part: str = ""


def nothing_heard(_result: Any) -> list[Heard]:
    return []


@dataclass(frozen=True)
class Tool:
    key: str
    title: str  # for the worker: "Three Houses"
    child_title: str  # for the child, on the child-mode screen: "Your three houses"
    about: str  # for the worker choosing a tool
    result_type: type
    summarise: Callable[[Any], str]  # the record's line: the child's words and what they did
    measure: Callable[[Any], float | None] = lambda result: None  # the number charted across visits
    rules: Callable[[Any], None] = lambda result: None  # refuses (InvalidValue) a result no child could make
    heard: Callable[[Any], list[Heard]] = nothing_heard  # the child's own words in the result: their voice
    used: Callable[[Any], bool] = lambda result: result != type(result)()  # the child did something with it
    pictured: bool = False  # what the child made is a picture (wvisit/tools/pictures.py draws it from the data)
    for_worker: bool = False  # the worker's own record (the body map): never handed to the child in child mode
    headline: Callable[[Any], str] | None = None  # one line for a list ("9 people, 2 households"); None: the summary

    def empty(self) -> Any:
        return self.result_type()

    def load(self, record: dict) -> Any:
        return from_record(self.result_type, record) if record else self.empty()

    def save(self, result: Any) -> dict:
        return to_record(result)

    def summary(self, record: dict) -> str:
        return self.summarise(self.load(record))

    def validate(self, record: Any) -> None:
        """Refuse (InvalidValue, a plain sentence) a result not of this tool's shape or against its rules:
        the store saves only what this says, and the central record accepts only what this says."""
        self.rules(read(self.result_type, record, f"{self.title} result"))


def quoted(words: str) -> str:
    """The child's words as the record shows them: in quotes, exactly as given."""
    return f"\u201c{words.strip()}\u201d"
