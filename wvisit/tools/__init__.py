"""Direct-work tools as data: one module per tool, each a `Tool` in the registry below.

A tool says what its result looks like (a dataclass, stored in record form inside a
Sitting), how the record sums it up in the child's own words, and, where it has one,
the number a chart follows across visits (a scaling answer). The widgets the child uses
live in wvisit/ui/tools/; nothing here knows about Qt.
"""

from __future__ import annotations

from wvisit.domain import Sitting, VoiceEntry
from wvisit.domain.voice import tool_context
from wvisit.tools import (
    all_about_me,
    body_map,
    drawing,
    feelings,
    genogram,
    my_people,
    safety_house,
    scaling,
    three_houses,
    three_wishes,
    words_and_pictures,
)
from wvisit.tools.base import Tool

REGISTRY: dict[str, Tool] = {
    tool.key: tool
    for tool in (
        three_houses.TOOL,
        scaling.TOOL,
        feelings.TOOL,
        my_people.TOOL,
        drawing.TOOL,
        three_wishes.TOOL,
        safety_house.TOOL,
        all_about_me.TOOL,
        words_and_pictures.TOOL,
        body_map.TOOL,
        genogram.TOOL,
    )
}


def get(key: str) -> Tool:
    return REGISTRY[key]


def heard_in(sittings: list[Sitting]) -> list[VoiceEntry]:
    """The child's own words in these sittings, as voice entries of their visit with the tool as context
    ("from Three Houses, house of worries"): they count as the child's voice when finalising, and one
    click quotes one into the visit. Not stored: made afresh from the sittings, which are the record."""
    heard: list[VoiceEntry] = []
    for sitting in sittings:
        tool = REGISTRY.get(sitting.tool)
        if tool is None:
            continue
        for number, said in enumerate(tool.heard(tool.load(sitting.result))):
            heard.append(
                VoiceEntry(
                    visit_id=sitting.visit_id,
                    child_id=sitting.child_id,
                    words=said.words,
                    expressed=said.expressed,
                    context=tool_context(tool.title, said.part),
                    id=f"{sitting.id}:{number}",
                    recorded_at=sitting.started_at,
                )
            )
    return heard


def used(sitting: Sitting) -> bool:
    """Whether the child did anything with the tool: one opened and left unused is left out of documents."""
    tool = REGISTRY.get(sitting.tool)
    return tool is not None and tool.used(tool.load(sitting.result))


__all__ = ["REGISTRY", "Tool", "get", "heard_in", "used"]
