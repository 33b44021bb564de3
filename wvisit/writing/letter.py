"""A letter to the child after a visit, written by the worker, from what the child told and made.

A letter goes to a home, and others there may read it. So the worker chooses what goes in, item
by item (`items`): the child's words and what they made are offered, but nothing from the ecomap
(who the child feels close to, or stressed by) and no disclosure (what the child told of harm)
is chosen unless the worker chooses it. On a child protection case the dialog asks who else may
read it at home, and `disclosures_in` finds a disclosure's words in the text, however they got
there, so the worker is warned before it is saved.

The draft says who the worker is (name, role, how to reach them), when they will come again, and
who the child can ask to call them: a child in care asks their carer, a child at home on a plan
asks their teacher or a grown-up they trust (the worry may be at home), and a young person calls
themselves. The Wizard and Fairy names are kept where the child met them. A heading is written
only above something: a letter has no empty "What happens next".

The page is laid out for a child: large type, short lines, their words set apart, and their own
drawing if the worker puts it in (painted from the record's data by the PDF writer).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from html import escape
from typing import Any

from wvisit import tools
from wvisit.domain import Child, LegalStatus, Sitting, Visit, VoiceEntry
from wvisit.domain.voice import is_quoted
from wvisit.errors import InvalidValue
from wvisit.tools.feelings import WORDS as FEELING_WORDS
from wvisit.tools.my_people import RINGS
from wvisit.tools.three_houses import HOUSES, MAGIC_NAMES

QUOTE_OPEN, QUOTE_CLOSE = "\u201c", "\u201d"
YOUNG_PERSON_AGE = 12  # from here the letter says "call me", not "ask a grown-up to call me"
DRAWING = "picture:drawing"  # the <img> source of the child's drawing in the letter's page


class Kind:
    WORDS = "words"  # the child's words quoted in the visit, or typed in a tool
    MADE = "made"  # what the child did with a tool
    ECOMAP = "ecomap"  # who the child feels close to: never chosen for them
    DISCLOSURE = "disclosure"  # what the child told of harm: never chosen for them


@dataclass(frozen=True)
class LetterItem:
    """One thing the letter may say: `line` as the child reads it, `source` for the worker choosing."""

    line: str
    source: str
    kind: str

    @property
    def chosen_at_first(self) -> bool:
        return self.kind not in (Kind.ECOMAP, Kind.DISCLOSURE)


@dataclass(frozen=True)
class Worker:
    name: str
    role: str = "social worker"
    contact: str = ""  # how to reach them: "Call me on 020 7946 0000, Monday to Friday."


@dataclass(frozen=True)
class LetterMaterial:
    """All a letter may be made from, read from the record once; the dialog drafts from it as ticks change."""

    child: Child
    visit: Visit
    worker: Worker
    items: list[LetterItem]
    disclosures: list[str] = field(default_factory=list)  # the words of each disclosure, to find in the text
    drawing: dict[str, Any] | None = None  # the child's drawing (a drawing sitting's result), if they drew
    today: date = field(default_factory=date.today)

    @property
    def child_protection(self) -> bool:
        return self.child.legal_status is LegalStatus.CP


def material(
    child: Child,
    visit: Visit,
    voice: list[VoiceEntry],
    sittings: Sequence[Sitting],
    worker: Worker,
    today: date | None = None,
) -> LetterMaterial:
    """What the letter may say of this visit; refused for a visit not yet finalised."""
    if not visit.is_final:
        raise InvalidValue("Write the letter once the visit record is finalised.")
    used = [s for s in sittings if tools.used(s)]
    items = [_voice_item(entry) for entry in voice]
    heard = [h for h in tools.heard_in(used) if not is_quoted(h, voice)]  # a quoted answer is offered once
    magic = any(s.tool == "three_houses" and s.result.get("magic") for s in used)
    for sitting in used:
        items += _tool_items(sitting, [h for h in heard if h.id.startswith(sitting.id)], magic)
    drawings = [s for s in used if s.tool == "drawing" and tools.get("drawing").load(s.result).strokes]
    return LetterMaterial(
        child,
        visit,
        worker,
        items,
        disclosures=[entry.words.strip() for entry in voice if entry.disclosure],
        drawing=drawings[-1].result if drawings else None,
        today=today or date.today(),
    )


def _voice_item(entry: VoiceEntry) -> LetterItem:
    kind = Kind.DISCLOSURE if entry.disclosure else Kind.WORDS
    source = "A disclosure: what the child told you of harm" if entry.disclosure else f"The child {entry.expressed}"
    return LetterItem(f"{QUOTE_OPEN}{entry.words.strip()}{QUOTE_CLOSE}", source, kind)


def _tool_items(sitting: Sitting, heard: list[VoiceEntry], magic: bool) -> list[LetterItem]:
    """What the child did with one tool, in words for the child ("You told the Worry Wizard: ...")."""
    tool = tools.get(sitting.tool)
    result = tool.load(sitting.result)
    title = tool.title
    if sitting.tool == "three_houses":
        lines = []
        for key, house_title, _, _ in HOUSES:
            words = getattr(result, key).words.strip()
            if words:
                magic_name = MAGIC_NAMES[key].replace("The ", "the ", 1)  # "You told the Worry Wizard"
                where = f"You told {magic_name}" if magic else f"In your {house_title.lower()} you wrote"
                lines.append(LetterItem(f"{where}: {QUOTE_OPEN}{words}{QUOTE_CLOSE}", title, Kind.WORDS))
        return lines
    if sitting.tool == "safety_house":  # who is let in and who kept out, like the ecomap: never chosen for them
        return [LetterItem("You made your safe house with me.", title, Kind.ECOMAP)]
    if sitting.tool == "my_people":
        near = [p.name for p in result.people if p.ring == RINGS[0]]
        line = f"You put {_and(near)} closest to you." if near else "You showed me the people in your life."
        return [LetterItem(line, title, Kind.ECOMAP)]
    if sitting.tool == "scaling" and result.answer is not None:
        line = f"When I asked {QUOTE_OPEN}{result.question}{QUOTE_CLOSE}, you chose {result.answer} out of 10."
        return [LetterItem(line, title, Kind.MADE), *_quotes(heard, title)]
    if sitting.tool == "feelings" and result.chosen:
        faces = _and([FEELING_WORDS.get(key, key).lower() for key in result.chosen])
        return [LetterItem(f"You picked the faces for {faces}.", title, Kind.MADE), *_quotes(heard, title)]
    if sitting.tool == "drawing":
        return [
            LetterItem("You drew a picture for me.", title, Kind.MADE),
            *_quotes(heard, title, "About it you wrote"),
        ]
    if sitting.tool == "three_wishes":
        wishes = [f"{QUOTE_OPEN}{h.words}{QUOTE_CLOSE}" for h in heard]
        return [LetterItem(f"You wished for {_and(wishes)}.", title, Kind.WORDS)] if wishes else []
    return _quotes(heard, title)


def _quotes(heard: list[VoiceEntry], title: str, lead: str = "You wrote") -> list[LetterItem]:
    return [LetterItem(f"{lead}: {QUOTE_OPEN}{h.words}{QUOTE_CLOSE}", title, Kind.WORDS) for h in heard]


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def draft(letter: LetterMaterial, chosen: Sequence[LetterItem]) -> str:
    """The letter's first wording from the items the worker chose, for the worker to change."""
    child, visit, worker = letter.child, letter.visit, letter.worker
    first_name = child.name.split()[0] if child.name.split() else child.name
    when = _day(visit.started_at.astimezone().date()) if visit.started_at else "today"
    lines = [f"Dear {first_name},", "", f"I am {worker.name}, your {worker.role}."]
    lines += [f"Thank you for spending time with me on {when}."]
    words = [item.line for item in chosen if item.kind in (Kind.WORDS, Kind.DISCLOSURE)]
    made = [item.line for item in chosen if item.kind in (Kind.MADE, Kind.ECOMAP)]
    if words:
        lines += ["", "These are some of the things you told me:", *words]
        lines += ["I have written your words down just as you said them, so they are part of your record."]
    if made:
        lines += ["", "Things we did together:", *made]
    if visit.next_visit is not None and visit.next_visit >= letter.today:
        lines += ["", "What happens next:", f"I will come to see you again on {_day(visit.next_visit)}."]
    lines += ["", _how_to_reach(child, letter.today)]
    if worker.contact:
        lines += [worker.contact]
    lines += ["", "From", worker.name, worker.role[0].upper() + worker.role[1:]]
    return "\n".join(lines)


def _how_to_reach(child: Child, today: date) -> str:
    """Who the child can ask to get in touch, for where they live and how old they are."""
    if child.age(today) >= YOUNG_PERSON_AGE:
        return "If you want to talk to me, you can call me yourself."
    if child.legal_status in (LegalStatus.CLA, LegalStatus.CL):
        return "If you want to talk to me, ask your carer or your teacher to call me."
    if child.legal_status is LegalStatus.CP:
        return "If you want to talk to me, ask your teacher or another grown-up you trust to call me."
    return "If you want to talk to me, ask your mum, dad or the grown-up you live with, or your teacher, to call me."


QUOTED_RUN = 4  # this many of a disclosure's words in a row, in the letter, count as quoting it


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def disclosures_in(text: str, letter: LetterMaterial) -> list[str]:
    """The disclosures whose words are in the letter's text (ticked, pasted or typed), whole or in part:
    a run of QUOTED_RUN of their words, whatever the punctuation and case, is enough - a worker who
    shortens "Dad hit me with a belt" to "dad hit me with it" has still quoted it."""
    flat = f" {' '.join(_words(text))} "

    def quoted(words: list[str]) -> bool:
        run = min(QUOTED_RUN, len(words))
        return any(f" {' '.join(words[n : n + run])} " in flat for n in range(len(words) - run + 1))

    return [told for told in letter.disclosures if _words(told) and quoted(_words(told))]


def _day(day: date) -> str:
    return day.strftime("%A %d %B").replace(" 0", " ")


def letter_html(text: str, written_at: datetime, drawing: bool = False) -> str:
    """The child's letter page; the worker's text, with quoted lines shown as the child's words and,
    with `drawing`, the child's drawing (the image DRAWING, which the PDF writer paints) at the end."""
    blocks = []
    for paragraph in text.split("\n"):
        stripped = paragraph.strip()
        if not stripped:
            continue  # paragraphs are spaced by the page's style
        if stripped.startswith(QUOTE_OPEN):
            blocks.append(f"<p class='words'>{escape(stripped)}</p>")
        else:
            blocks.append(f"<p>{escape(stripped)}</p>")
    if drawing:
        blocks.append(f"<p class='picture'>Your drawing:</p><p><img src='{DRAWING}' width='360'></p>")
    style = (
        "body { font-size: 16pt; } h1 { font-size: 24pt; color: #1f5f8b; }"
        ".words { font-size: 18pt; color: #6a3d9a; margin-left: 24px; } .date { color: #555; font-size: 12pt; }"
    )
    day = written_at.astimezone().strftime("%d %B %Y").lstrip("0")
    return (
        f"<html><head><style>{style}</style></head><body><h1>A letter to you</h1>"
        f"<p class='date'>{escape(day)}</p>{''.join(blocks)}</body></html>"
    )
