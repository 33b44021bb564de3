"""Exports of a finalised visit: the case-file PDF, the JSON (docs/FORMAT.md), the letter to the child.

An export is the one way a record leaves the vault in the clear, so each is written in full
beside its final name and moved into place only when complete (a full disk leaves nothing
that looks like a record), and each is in the audit log: which visit, which kind of export,
who, when; never the file's name, which may hold a child's name.

Reading the record (`prepare_*`) is store work for the background thread. Writing a PDF needs
a renderer (`RenderPdf`, Qt's text layout in wvisit/pdf.py), which the caller passes in: this
layer has no Qt, and it runs where the caller is (the UI thread, or the CLI).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from wvisit.domain.people import ROLE_NAMES
from wvisit.errors import ExportFailed
from wvisit.store import Store
from wvisit.writing import case_file, letter, supervision_record
from wvisit.writing.marking import PageMarking

LETTER_FONT_PT = 16


class RenderPdf(Protocol):
    """Lay `html` out as an A4 PDF at `path`; `images` maps an <img> source to a base64 PNG, `pictures` to a
    sitting's (tool, result) painted from the data; `marking` is what every page carries (wvisit/pdf.py)."""

    def __call__(
        self,
        html: str,
        path: Path,
        title: str,
        font_pt: float = ...,
        images: dict[str, str] | None = ...,
        pictures: dict[str, tuple[str, dict[str, Any]]] | None = ...,
        marking: PageMarking | None = ...,
    ) -> None: ...


def prepare_document(store: Store, visit_id: str) -> dict[str, Any]:
    record = store.visits.open(visit_id)
    people = store.people.read()
    document = case_file.visit_document(
        store.children.get(record.visit.child_id),
        record.visit,
        record.voice,
        record.addenda,
        store.oversight.for_visit(visit_id),
        exported_by=store.actor,
        exported_at=datetime.now(UTC),
        direct_work=store.sittings.for_visit(visit_id),
        people=people,
    )
    supervised = store.supervision.for_child(record.visit.child_id)
    return supervision_record.add_to(document, supervised, people, datetime.now(UTC).date())


def prepare_letter(store: Store, visit_id: str, contact: str = "") -> letter.LetterMaterial:
    """What a letter to the child may say: their words and what they made, the visit, and the worker as the
    people book knows them (a name and role, never a login), with `contact` (IT's letter_contact setting)."""
    record = store.visits.open(visit_id)
    child, made = store.children.get(record.visit.child_id), store.sittings.for_visit(visit_id)
    person = store.people.read().of(store.actor)
    worker = letter.Worker(person.name, ROLE_NAMES.get(person.role) or "social worker", contact.strip())
    return letter.material(child, record.visit, record.voice, made, worker)


def write_document(document: dict[str, Any], fmt: str, path: Path, render: RenderPdf) -> None:
    if fmt == "json":
        text = json.dumps(document, ensure_ascii=False, indent=2)
        _into_place(path, lambda partial: _write_text(partial, text))
    else:
        html = case_file.case_file_html(document, [supervision_record.supervision_html(document)])
        pictures = case_file.pictures(document)
        marking = case_file.marking(document)
        _into_place(path, lambda partial: render(html, partial, "Visit record", pictures=pictures, marking=marking))


def write_letter(text: str, path: Path, render: RenderPdf, drawing: dict[str, Any] | None = None) -> None:
    """The letter as the worker left it; with `drawing` (a drawing sitting's result), the child's drawing too."""
    html = letter.letter_html(text, datetime.now(UTC), drawing is not None)
    pictures = {letter.DRAWING: ("drawing", drawing)} if drawing is not None else None
    _into_place(path, lambda partial: render(html, partial, "A letter to you", LETTER_FONT_PT, pictures=pictures))


def record_export(store: Store, visit_id: str, what: str) -> None:
    with store.transaction():
        store.audit.append(f"exported {what}", "visit", visit_id)


def export_visit(store: Store, visit_id: str, fmt: str, path: Path, render: RenderPdf) -> None:
    """The whole export in one call, for the CLI."""
    write_document(prepare_document(store, visit_id), fmt, path, render)
    record_export(store, visit_id, fmt)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


def _into_place(path: Path, write: Callable[[Path], None]) -> None:
    partial = path.with_name(f".{path.name}.partial")
    try:
        write(partial)
        if not partial.exists() or partial.stat().st_size == 0:
            raise ExportFailed("The export could not be written. Check there is space on the disk.")
        os.replace(partial, path)
    except OSError as error:
        raise ExportFailed(f"The export could not be saved there ({error.strerror or 'disk error'}).") from None
    finally:
        partial.unlink(missing_ok=True)
