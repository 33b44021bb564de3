"""Scaling questions: 0 to 10, the question chosen or written by the worker; trends matter."""

from __future__ import annotations

from dataclasses import dataclass

from wvisit.domain import Expressed
from wvisit.errors import InvalidValue
from wvisit.tools.base import Heard, Tool, quoted

QUESTIONS = (
    "How safe do you feel at home?",
    "How happy are you at school?",
    "How worried are you about things at home?",
    "How well are things going with your family?",
)
LOW, HIGH = 0, 10


@dataclass
class Scaling:
    question: str = QUESTIONS[0]
    answer: int | None = None
    words: str = ""

    def answered(self, answer: int) -> Scaling:
        scale = Scaling(self.question, answer, self.words)
        check(scale)
        return scale


def check(scale: Scaling) -> None:
    """A question was asked, and the answer, if the child chose one, is on the scale."""
    if not scale.question.strip():
        raise InvalidValue("A scaling question needs its question.")
    if scale.answer is not None and not LOW <= scale.answer <= HIGH:
        raise InvalidValue(f"A scaling answer is a number from {LOW} to {HIGH}.")


def summarise(scale: Scaling) -> str:
    answer = f"{scale.answer} out of 10" if scale.answer is not None else "did not choose a number"
    said = f"; said {quoted(scale.words)}" if scale.words.strip() else ""
    return f"{quoted(scale.question)}: {answer}{said}"


TOOL = Tool(
    key="scaling",
    title="Scaling question",
    child_title="Pick a number",
    about="0 to 10 with faces; the answers across visits are drawn as a chart on the child's page.",
    result_type=Scaling,
    summarise=summarise,
    measure=lambda scale: None if scale.answer is None else float(scale.answer),
    rules=check,
    heard=lambda s: [Heard(s.words.strip(), Expressed.WROTE, f"asked {quoted(s.question)}")] if s.words.strip() else [],
    used=lambda s: s.answer is not None or bool(s.words.strip()),
)
