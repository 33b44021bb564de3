"""A tool's numbers over time: each scaling question's answers, visit by visit, for the child's page chart."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from wvisit.domain import Sitting
from wvisit.tools import REGISTRY


def trends(sessions: list[Sitting]) -> dict[str, list[tuple[date, float]]]:
    """{series name: [(day, value), ...] oldest first}; a scaling question is one series."""
    series: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for session in sorted(sessions, key=lambda s: s.started_at):
        tool = REGISTRY.get(session.tool)
        if tool is None:
            continue
        result = tool.load(session.result)
        value = tool.measure(result)
        if value is not None:
            name = getattr(result, "question", tool.title)
            series[name].append((session.started_at.date(), value))
    return dict(series)
