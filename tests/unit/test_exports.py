"""Exports of a finalised visit: JSON as docs/FORMAT.md says, the case-file PDF and the child's letter.

The PDFs are checked the way a person would: rendered to PNG (poppler's pdftoppm) and read back
by OCR (tesseract), so text that is in the file but not visibly on the page would fail; the full
text, including right-to-left words, is also pulled out with pdftotext.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from tests.conftest import complete_visit, make_child
from wvisit import tools
from wvisit.app import exports
from wvisit.domain import Expressed, Outcome, Oversight, PlanItem, Sitting, VoiceEntry
from wvisit.domain.people import Person
from wvisit.domain.supervision import Reflection, Supervision
from wvisit.errors import ExportFailed, InvalidValue
from wvisit.pdf import write_pdf
from wvisit.tools.scaling import Scaling
from wvisit.writing import letter

DOCS = Path(__file__).resolve().parents[2] / "docs" / "FORMAT.md"
HEBREW = "\u05e9\u05dc\u05d5\u05dd"


def red_square_png() -> str:
    """A child's 'drawing' the PDF must carry: 120 x 120 pixels of red, as base64 PNG."""
    image = QImage(120, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("#d32f2f"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return base64.b64encode(bytes(buffer.data())).decode("ascii")


@pytest.fixture
def finalised(store, qapp):
    child = make_child(store)
    visit = complete_visit(store, child, what_i_saw="Ada showed me the garden she is growing with her carer.")
    store.visits.add_voice(
        VoiceEntry(
            visit_id=visit.id,
            child_id=child.id,
            words=f"My dog is called Biscuit {HEBREW}",
            expressed=Expressed.DREW,
            context="while drawing her house",
        )
    )
    scale = tools.get("scaling")
    store.sittings.save(
        Sitting(
            visit.id,
            child.id,
            "scaling",
            scale.save(Scaling("How safe do you feel?", 9)),
            scale.summary(scale.save(Scaling("How safe do you feel?", 9))),
            red_square_png(),
        )
    )
    store.visits.finalise(visit.id)
    store.visits.add_addendum(visit.id, "School name was wrong", "Ada goes to Hill Primary.")
    store.oversight.add(
        Oversight(
            visit.id,
            child.id,
            "tm.test",
            "The record and the plan.",
            "Carry on.",
            Outcome.SIGNED_OFF,
            [PlanItem("Review the plan", "Jo Example", date(2027, 1, 8))],
        )
    )
    held = date.today() - timedelta(days=1)
    supervised = Supervision(
        child.id,
        "tm.test",
        held,
        "Jo Reed, Sam Patel",
        Reflection(lived_experience="Ada says the garden is hers.", worries="Contact with dad is irregular."),
        "Keep the plan; ask dad for a contact calendar.",
        held + timedelta(weeks=6),
        [PlanItem("Ask dad for a contact calendar", "Sam Patel", held + timedelta(days=14))],
    )
    store.supervision.add(supervised)  # the child's case supervision travels with the visit's export
    return visit.id


def pdf_text(path: Path) -> str:
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(unicodedata.normalize("NFKC", text).split())  # NFKC: the "ff" ligature back to letters


def ocr_first_page(path: Path, tmp_path: Path) -> str:
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    (page,) = tmp_path.glob("page*.png")
    # --psm 6: the page is one column of text; tesseract's own layout guess splits the centred marking
    # above the title into a column of its own and cuts the title's first letters off with it
    text = subprocess.run(
        ["tesseract", str(page), "-", "-l", "eng", "--psm", "6"], capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def paths(value, prefix: str = "") -> set[str]:
    """Every field path of a JSON value, written as docs/FORMAT.md writes them (`voice[].words`)."""
    found = set()
    if isinstance(value, dict):
        for key, inner in value.items():
            path = f"{prefix}.{key}" if prefix else key
            found |= {path} | paths(inner, path)
    elif isinstance(value, list):
        for item in value:
            found |= paths(item, f"{prefix}[]")
    return found


def test_json_export_holds_the_whole_record_and_every_field_is_documented(store, finalised, tmp_path):
    out = tmp_path / "visit.json"
    with store.transaction():  # as a sign-in or a pull tells the laptop who the accounts are
        store.people.remember([Person("sw.test", "Sam Patel", "social_worker")])
    exports.export_visit(store, finalised, "json", out, write_pdf)
    document = json.loads(out.read_text("utf-8"))
    assert {"login": "sw.test", "signature": "Sam Patel, social worker"} in document["people"]
    assert document["format"] == "wvisit.visit-record" and document["format_version"] == 1
    assert document["child"]["name"] == "Ada Example" and document["visit"]["id"] == finalised
    assert [v["words"] for v in document["voice"]] == ["I like my room", f"My dog is called Biscuit {HEBREW}"]
    assert document["addenda"][0]["text"] == "Ada goes to Hill Primary."
    assert document["oversight"][0]["actions"][0]["due"] == "2027-01-08"
    # The export's part of FORMAT.md; the sections after it describe records on the central record.
    export_part = DOCS.read_text("utf-8").split("## The child's record on the central record")[0]
    documented = set(re.findall(r"^\| `([^`]+)` \|", export_part, re.MULTILINE))
    fields = {p for p in paths(document) if not p.startswith("direct_work[].result.")}  # per tool, in prose
    assert fields - documented == set(), "fields missing from docs/FORMAT.md"
    assert documented - fields == set(), "docs/FORMAT.md describes fields the export lacks"


def test_case_file_pdf_shows_the_record_on_the_page(store, finalised, tmp_path, qapp):
    out = tmp_path / "visit.pdf"
    with store.transaction():
        store.people.remember(
            [Person("sw.test", "Sam Patel", "social_worker"), Person("tm.test", "Jo Reed", "supervisor")]
        )
    exports.export_visit(store, finalised, "pdf", out, write_pdf)
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(pdf_text(out).split())
    assert "sw.test" not in text and "tm.test" not in text  # names, never logins
    for expected in (
        "Sam Patel, social worker",
        "Jo Reed, supervisor",
        "Visit record",
        "Ada Example",
        "Child in need",
        "the garden she is growing",
        "My dog is called Biscuit",
        HEBREW,
        "Hill Primary",
        "signed off",
        "Review the plan",
        "9 out of 10",
    ):
        assert expected in text, expected
    seen = ocr_first_page(out, tmp_path)
    assert "Visit record" in seen and "Ada Example" in seen and "Biscuit" in seen
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert listed.splitlines()[2:] == []  # a scaling answer is words; a grabbed screen is never the record


def test_letter_to_the_child_starts_from_their_words(store, finalised, tmp_path, qapp):
    with store.transaction():
        store.people.remember([Person("sw.test", "Sam Patel", "social_worker")])
    made = exports.prepare_letter(store, finalised, contact="Call me on 020 7946 0000.")
    draft = letter.draft(made, [item for item in made.items if item.chosen_at_first])
    assert draft.startswith("Dear Ada,") and "\u201cMy dog is called Biscuit" in draft
    assert "Things we did together:\nWhen I asked \u201cHow safe do you feel?\u201d, you chose 9 out of 10." in draft
    assert "I am Sam Patel, your social worker." in draft and "Call me on 020 7946 0000." in draft
    assert "I will come to see you again on" in draft
    out = tmp_path / "letter.pdf"
    exports.write_letter(draft, out, write_pdf)
    seen = ocr_first_page(out, tmp_path)
    assert "A letter to you" in seen and "Dear Ada" in seen and "come to see you again" in seen


def test_every_export_is_audited_without_the_childs_name_or_the_file_name(store, finalised, tmp_path, qapp):
    out = tmp_path / "Ada Example visit.pdf"
    exports.export_visit(store, finalised, "pdf", out, write_pdf)
    exports.export_visit(store, finalised, "json", tmp_path / "v.json", write_pdf)
    exports.record_export(store, finalised, "letter")
    entries = [e for e in store.audit.entries() if e.action.startswith("exported")]
    assert [(e.action, e.record_id) for e in entries] == [
        ("exported pdf", finalised),
        ("exported json", finalised),
        ("exported letter", finalised),
    ]
    audit_text = " ".join(str(e) for e in store.audit.entries())
    assert "Ada" not in audit_text and "visit.pdf" not in audit_text
    assert store.audit.first_broken_link() is None


def test_a_draft_is_not_exported(store, qapp, tmp_path):
    draft = complete_visit(store, make_child(store))
    with pytest.raises(InvalidValue, match="finalised"):
        exports.export_visit(store, draft.id, "json", tmp_path / "draft.json", write_pdf)
    assert not (tmp_path / "draft.json").exists()


@pytest.mark.parametrize("fmt", ["pdf", "json"])
def test_an_export_that_cannot_be_written_says_so_and_leaves_nothing(store, finalised, tmp_path, qapp, fmt):
    missing = tmp_path / "no such folder" / f"visit.{fmt}"
    with pytest.raises(ExportFailed) as raised:
        exports.export_visit(store, finalised, fmt, missing, write_pdf)
    assert "Ada" not in str(raised.value) and "no such folder" not in str(raised.value)
    assert not any(e.action == f"exported {fmt}" for e in store.audit.entries())


def test_a_full_disk_leaves_no_half_written_file(store, finalised, tmp_path, qapp):
    target = tmp_path / "visit.json"
    partial = tmp_path / ".visit.json.partial"
    partial.symlink_to("/dev/full")  # every write to it fails as on a full disk
    with pytest.raises(ExportFailed, match="could not be saved"):
        exports.export_visit(store, finalised, "json", target, write_pdf)
    assert not target.exists()
