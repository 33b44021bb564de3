"""The child's case supervision records in an exported visit record: in its JSON ("supervision", see
docs/FORMAT.md) and as a section of the case-file PDF, after management oversight.

A visit exported for the case file carries the child's supervision records held up to the day of the
export, newest first, so the file shows how the case was being supervised around the visit.
"""

from __future__ import annotations

from datetime import date
from html import escape

from wvisit.domain import from_record, to_record
from wvisit.domain.people import People
from wvisit.domain.supervision import Supervision
from wvisit.writing.case_file import _day, _text, _who, _without_links


def add_to(document: dict, records: list[Supervision], people: People, today: date) -> dict:
    """`document` (from case_file.visit_document) with the child's supervision records held by `today`,
    and their authors named in its "people"."""
    held = [record for record in records if record.held_on <= today]
    named = {person["login"] for person in document["people"]}
    extra = sorted({record.author for record in held} - named)
    return {
        **document,
        "people": document["people"] + [{"login": login, "signature": people.signature(login)} for login in extra],
        "supervision": [_without_links(to_record(record)) for record in held],
    }


def supervision_html(document: dict) -> str:
    """The "Case supervision" section of the case-file page ("" when the document carries none)."""
    records = document.get("supervision") or []
    if not records:
        return ""
    parts = ["<h2>Case supervision</h2>"]
    for record in records:
        made = from_record(Supervision, {**record, "child_id": ""})
        head = f"{_day(record['held_on'])}, signed by {_who(document, record['author'])}"
        discussed = "".join(f"<br>{escape(heading)}: {_text(text)}" for heading, text in made.discussed())
        actions = "".join(
            f"<li>{escape(a['action'])} \u2014 {escape(a['owner'])}, by {escape(_day(a['due']))}</li>"
            for a in record["actions"]
        )
        parts.append(
            f"<p><b>{escape(head)}</b><br>Attended: {_text(record['attendees'])}{discussed}"
            f"<br>Decisions: {_text(record['decisions'])}</p>{f'<ul>{actions}</ul>' if actions else ''}"
            f"<p>Next supervision by {escape(_day(record['next_due']))}.</p>"
        )
    return "".join(parts)
