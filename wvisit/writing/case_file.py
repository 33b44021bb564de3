"""A finalised visit as the documents that leave the laptop: the JSON export and the case-file page.

The JSON follows docs/FORMAT.md (format "wvisit.visit-record", version 1): every field of the
record, in the record form the store and the sync protocol use, so another system reads it
without our code. The case-file page is HTML that wvisit/pdf.py lays out on A4 with Qt's own PDF
writer; it follows the visit template's sections and headings, so the PDF reads like the
editor the worker filled in. Every value is escaped: a note can hold anything a person types.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from html import escape

from wvisit import resources, tools
from wvisit.domain import Addendum, Child, LegalStatus, Oversight, Sitting, Visit, VoiceEntry, from_record, to_record
from wvisit.domain.people import People
from wvisit.domain.voice import is_quoted
from wvisit.errors import InvalidValue
from wvisit.writing.marking import PageMarking, for_child

FORMAT = "wvisit.visit-record"
FORMAT_VERSION = 1
EMPTY = "<p>\u2014</p>"
PICTURE = "picture:"  # an <img> source naming a sitting; the PDF writer paints it from the sitting's data
UNENCRYPTED = "This copy is not encrypted. Keep it only in the child's case file."


def visit_document(
    child: Child,
    visit: Visit,
    voice: list[VoiceEntry],
    addenda: list[Addendum],
    oversight: list[Oversight],
    exported_by: str,
    exported_at: datetime,
    direct_work: Sequence[Sitting] = (),
    people: People | None = None,
) -> dict:
    """The JSON export; refuses a draft, because only a finalised record is the record. Authors stay
    logins in the records; `people` names each ("Sam Patel, social worker") in the document's "people"."""
    people = people or People({})
    logins = {visit.author, exported_by, *(note.author for note in addenda), *(note.author for note in oversight)}
    if not visit.is_final:
        raise InvalidValue("Only a finalised visit record can be exported. Finalise it first.")
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(),
        "exported_by": exported_by,
        "people": [{"login": login, "signature": people.signature(login)} for login in sorted(logins)],
        "child": {
            "id": child.id,
            "name": child.name,
            "date_of_birth": child.date_of_birth.isoformat(),
            "legal_status": child.legal_status.value,
        },
        "visit": to_record(visit),
        "voice": [_without_links(to_record(entry)) for entry in voice],
        "addenda": [_without_links(to_record(note)) for note in addenda],
        "oversight": [_without_links(to_record(note)) for note in oversight],
        "direct_work": [_without_links(to_record(session)) for session in direct_work],
    }


def _who(document: dict, login: str) -> str:
    """A person's name and role as the document names them (an older export has none: the login)."""
    named = {person["login"]: person["signature"] for person in document.get("people", [])}
    return str(named.get(login, login))


def _without_links(record: dict) -> dict:
    """The child and visit ids are said once, at the top; each entry need not repeat them."""
    return {key: value for key, value in record.items() if key not in ("visit_id", "child_id")}


def case_file_html(document: dict, more_sections: Sequence[str] = ()) -> str:
    """The case-file page for one exported visit (the dict from visit_document). `more_sections`: HTML
    of other sections of the child's record to carry (the case supervision record), after management
    oversight and before the export note."""
    child, visit = document["child"], document["visit"]
    facts = [
        ("Child", child["name"]),
        ("Date of birth", _day(child["date_of_birth"])),
        ("Legal status", LegalStatus(child["legal_status"]).label),
        ("Date and time", _moment(visit["started_at"])),
        ("Type of visit", visit["visit_type"].capitalize()),
        ("Where", (visit["location"] or "\u2014").capitalize()),
        ("Worker", _who(document, visit["author"])),
        ("Finalised", _moment(visit["finalised_at"])),
    ]
    parts = [
        f"<h1>Visit record</h1><p class='note'>{escape(UNENCRYPTED)}</p>",
        _table(facts),
    ]
    for section in resources.load_json("visit_template.json")["sections"]:
        if section.get("kind") == "voice":
            voice = document["voice"] + _heard(document)
            parts.append(f"<h2>{escape(section['title'])}</h2>{_voice(voice)}")
        elif section.get("kind") == "tools":
            parts.append(f"<h2>{escape(section['title'])}</h2>{_direct_work(document['direct_work']) or EMPTY}")
        elif section["key"] != "details":
            parts.append(_section(section, visit))
    if document["addenda"]:
        parts.append("<h2>Addenda</h2>")
        for note in document["addenda"]:
            head = f"{_moment(note['written_at'])}, {_who(document, note['author'])}. Why: {note['why']}"
            parts.append(f"<p><b>{escape(head)}</b><br>{_text(note['text'])}</p>")
    if document["oversight"]:
        parts.append("<h2>Management oversight</h2>")
        for note in document["oversight"]:
            head = f"{_moment(note['written_at'])}, {_who(document, note['author'])} \u2014 {note['outcome']}"
            actions = "".join(
                f"<li>{escape(a['action'])} \u2014 {escape(a['owner'])}, by {escape(_day(a['due']))}</li>"
                for a in note["actions"]
            )
            parts.append(
                f"<p><b>{escape(head)}</b><br>Considered: {_text(note['considered'])}<br>"
                f"Decision: {_text(note['decision'])}</p>{f'<ul>{actions}</ul>' if actions else ''}"
            )
    parts.extend(more_sections)
    exported = f"Exported by {_who(document, document['exported_by'])} on {_moment(document['exported_at'])}."
    parts.append(f"<p class='note'>{escape(exported)}</p>")
    return _page("".join(parts))


def _used(sittings: list[dict]) -> list[dict]:
    """The sittings the child did something in: a tool opened and left unused is no part of the record."""
    known = [s for s in sittings if s["tool"] in tools.REGISTRY]
    return [s for s in known if tools.get(s["tool"]).used(tools.get(s["tool"]).load(s["result"]))]


def _direct_work(sittings: list[dict]) -> str:
    work = []
    for sitting in _used(sittings):
        tool = tools.get(sitting["tool"])
        work.append(f"<h3>{escape(tool.title)}</h3><p>{_text(sitting['summary'])}</p>")
        if tool.pictured:
            width = PICTURE_WIDTH.get(sitting["tool"], 300)
            work.append(f"<p><img src='{PICTURE}{sitting['id']}' width='{width}'></p>")
    return "".join(work)


TEXT_WIDTH = 657  # layout pixels across the page's text
# layout pixels; the genogram takes the whole text width, and its own shape (wvisit/tools/pictures.py), as
# its words shrink with the picture
PICTURE_WIDTH = {"three_houses": 620, "drawing": 330, "my_people": 400, "genogram": TEXT_WIDTH}


def pictures(document: dict) -> dict[str, tuple[str, dict]]:
    """The pictures case_file_html refers to: {source: (tool, result)}, for the PDF writer to paint."""
    return {
        f"{PICTURE}{s['id']}": (s["tool"], s["result"])
        for s in _used(document["direct_work"])
        if tools.get(s["tool"]).pictured
    }


def marking(document: dict) -> PageMarking:
    """What every page of the case file carries: OFFICIAL-SENSITIVE, the child's name and record id."""
    return for_child(document["child"]["name"], document["child"]["id"])


def _section(section: dict, visit: dict) -> str:
    rows = []
    for spec in section.get("fields", []):
        value = visit.get(spec["name"])
        if spec["kind"] == "yesno":
            if value is None:
                continue
            answer = "Yes" if value else "No"
            reason = visit.get(spec.get("reason", ""), "") if value is False else ""
            rows.append(f"<p><b>{escape(spec['label'])}</b> {answer}{'. ' + _text(reason) if reason else ''}</p>")
        elif spec["kind"] == "date":
            reason = visit.get(spec.get("reason", ""), "")  # why later than the visit-frequency policy allows
            later = f"<br>{escape(spec['reason_label'])} {_text(reason)}" if reason else ""
            rows.append(f"<p><b>{escape(spec['label'])}:</b> {escape(_day(value))}{later}</p>")
        elif spec["kind"] == "actions":  # rows of what, who, by when
            items = "".join(
                f"<li>{_text(a['action'])} \u2014 {escape(a['owner'])}, by {escape(_day(a['due']))}</li>"
                for a in value or []
            )
            if items:
                rows.append(f"<h3>{escape(spec['label'])}</h3><ul>{items}</ul>")
        elif value:
            label = f"<h3>{escape(spec['label'])}</h3>" if len(section["fields"]) > 1 else ""
            rows.append(f"{label}<p>{_text(value)}</p>")
    return f"<h2>{escape(section['title'])}</h2>{''.join(rows) or EMPTY}"


def _heard(document: dict) -> list[dict]:
    """The child's words in the visit's direct work not already quoted: their voice too, with the tool named."""
    links = {"visit_id": document["visit"]["id"], "child_id": document["child"]["id"]}
    sittings = [from_record(Sitting, {**s, **links}) for s in document["direct_work"] if s["tool"] in tools.REGISTRY]
    quoted = [from_record(VoiceEntry, {**v, **links}) for v in document["voice"]]
    return [to_record(h) for h in tools.heard_in(sittings) if not is_quoted(h, quoted)]


def _voice(entries: list[dict]) -> str:
    if not entries:
        return EMPTY
    parts = []
    for entry in entries:
        how, context = f"The child {escape(entry['expressed'])} this", entry["context"]
        if context.startswith("from "):  # words from direct work: "..., from Three Houses, house of worries."
            how += f", {_text(context)}."
        else:
            how += f": {_text(context)}" if context else "."
        if entry.get("disclosure"):
            how += " <b>A disclosure.</b>"
        parts.append(f"<blockquote>\u201c{_text(entry['words'])}\u201d</blockquote><p class='how'>{how}</p>")
    return "".join(parts)


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='facts' cellspacing='0' cellpadding='4'>{cells}</table>"


def _page(body: str) -> str:
    style = (
        "h1 { font-size: 18pt; } h2 { font-size: 13pt; margin-top: 14px; border-bottom: 1px solid #888; }"
        "h3 { font-size: 11pt; } th { text-align: left; color: #333; } .note { color: #555; font-size: 9pt; }"
        "blockquote { font-size: 12pt; margin-left: 16px; } .how { color: #444; margin-left: 16px; }"
    )
    return f"<html><head><style>{style}</style></head><body>{body}</body></html>"


def _text(value: str) -> str:
    return escape(value).replace("\n", "<br>")


def _day(value: str | None) -> str:
    return date.fromisoformat(value).strftime("%d %B %Y").lstrip("0") if value else "\u2014"


def _moment(value: str | None) -> str:
    if not value:
        return "\u2014"
    return datetime.fromisoformat(value).astimezone().strftime("%d %B %Y, %H:%M").lstrip("0")
