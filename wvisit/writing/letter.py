"""A letter to the child after a visit, written by the worker, from what the child told them.

The draft starts from the child's own words in the visit's voice entries, so the child sees
they were heard; the worker then rewrites it freely. The page is laid out for a child: large
type, short lines, their words set apart. Lines the worker keeps in curly quotes are shown as
the child's words.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from wvisit.domain import Child, Visit, VoiceEntry
from wvisit.errors import InvalidValue

QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"


def draft(child: Child, visit: Visit, voice: list[VoiceEntry], worker: str, made: Sequence[str] = ()) -> str:
    """The letter's first wording, for the worker to change; `made` sums up the direct work they did."""
    if not visit.is_final:
        raise InvalidValue("Write the letter once the visit record is finalised.")
    first_name = child.name.split()[0] if child.name.split() else child.name
    when = visit.started_at.astimezone().strftime("%A %d %B").replace(" 0", " ") if visit.started_at else "today"
    lines = [f"Dear {first_name},", "", f"Thank you for spending time with me on {when}."]
    if voice:
        lines += ["", "These are some of the things you told me:"]
        lines += [f"{QUOTE_OPEN}{entry.words.strip()}{QUOTE_CLOSE}" for entry in voice]
        lines += ["", "I have written your words down just as you said them, so they are part of your record."]
    if made:
        lines += ["", "Things we did together:"]
        lines += [line for summary in made for line in summary.splitlines()]
    lines += ["", "What happens next: ", "", "If you want to talk to me, ask your carer or your teacher to call me."]
    lines += ["", "From", worker]
    return "\n".join(lines)


def letter_html(text: str, written_at: datetime) -> str:
    """The child's letter page; the worker's text, with quoted lines shown as the child's words."""
    blocks = []
    for paragraph in text.split("\n"):
        stripped = paragraph.strip()
        if not stripped:
            continue  # paragraphs are spaced by the page's style
        if stripped.startswith(QUOTE_OPEN):
            blocks.append(f"<p class='words'>{escape(stripped)}</p>")
        else:
            blocks.append(f"<p>{escape(stripped)}</p>")
    style = (
        "body { font-size: 16pt; } h1 { font-size: 24pt; color: #1f5f8b; }"
        ".words { font-size: 18pt; color: #6a3d9a; margin-left: 24px; } .date { color: #555; font-size: 12pt; }"
    )
    day = written_at.astimezone().strftime("%d %B %Y").lstrip("0")
    return (
        f"<html><head><style>{style}</style></head><body><h1>A letter to you</h1>"
        f"<p class='date'>{escape(day)}</p>{''.join(blocks)}</body></html>"
    )
