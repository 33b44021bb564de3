"""All about me: what the child likes, what they do not like, who is important to them, and what they
want their worker to know. A first-visit tool (getting to know you), and one a child fills in again as
things change; every answer is in the child's own words and counts as their voice."""

from __future__ import annotations

from dataclasses import dataclass

from wvisit.domain import Expressed
from wvisit.tools.base import Heard, Tool, quoted

QUESTIONS = (
    ("likes", "Things I like", "What do you like?", "I like\u2026"),
    ("dislikes", "Things I don't like", "What don't you like?", "I don't like\u2026"),
    ("important", "People who are important to me", "Who is important to you?", "Who matters to you"),
    ("tell_worker", "What I want my worker to know", "What do you want me to know?", "I want you to know\u2026"),
)  # field, the record's name for the answer, the child's question, the box's hint


@dataclass
class AllAboutMe:
    likes: str = ""
    dislikes: str = ""
    important: str = ""
    tell_worker: str = ""


def summarise(me: AllAboutMe) -> str:
    lines = [f"{name}: {quoted(getattr(me, key))}" for key, name, _, _ in QUESTIONS if getattr(me, key).strip()]
    return "\n".join(lines) or "Did not fill in All about me this time"


def heard(me: AllAboutMe) -> list[Heard]:
    return [
        Heard(getattr(me, key).strip(), Expressed.WROTE, name)
        for key, name, _, _ in QUESTIONS
        if getattr(me, key).strip()
    ]


TOOL = Tool(
    key="all_about_me",
    title="All about me",
    child_title="All about me",
    about="What the child likes and does not like, who is important to them, what they want their worker to know.",
    result_type=AllAboutMe,
    summarise=summarise,
    heard=heard,
    used=lambda me: any(getattr(me, key).strip() for key, *_ in QUESTIONS),
)
