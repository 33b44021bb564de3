"""Direct-work tools as data: one module per tool, each a `Tool` in the registry below.

A tool says what its result looks like (a dataclass, stored in record form inside a
Sitting), how the record sums it up in the child's own words, and, where it has one,
the number a chart follows across visits (a scaling answer). The widgets the child uses
live in wvisit/ui/tools/; nothing here knows about Qt.
"""

from __future__ import annotations

from wvisit.tools import drawing, feelings, my_people, scaling, three_houses, three_wishes
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
    )
}


def get(key: str) -> Tool:
    return REGISTRY[key]


__all__ = ["REGISTRY", "Tool", "get"]
