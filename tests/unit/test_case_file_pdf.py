"""The case-file PDF as a manager or a court reads it: every page marked OFFICIAL-SENSITIVE with the
child's name, record id and "page x of y"; what the child drew painted from the record's data (no
palette, no buttons); a tool opened but unused left out; addenda and management oversight in it.
Read back with poppler (pdftotext, pdfimages) as another program would."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from tests.conftest import complete_visit, make_child
from wvisit import tools
from wvisit.app import exports
from wvisit.domain import Expressed, Outcome, Oversight, Sitting, VoiceEntry
from wvisit.pdf import write_pdf
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.scaling import Scaling
from wvisit.tools.three_houses import House, ThreeHouses
from wvisit.writing import marking


def pages_text(path: Path) -> list[str]:
    """The text of each page, as pdftotext reads it (pages are split by form feeds)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def red_pixels(pdf: Path, folder: Path) -> int:
    """How much of the child's red (#d32f2f) is on the rendered pages, as a reader would see them."""
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "page")], check=True)
    count = 0
    for page in folder.glob("page*.png"):
        image = QImage(str(page))
        for y in range(image.height()):
            for x in range(image.width()):
                colour = QColor(image.pixel(x, y))
                count += colour.red() > 180 and colour.green() < 90 and colour.blue() < 90
    return count


def sit(store, visit, key: str, result) -> None:
    tool = tools.get(key)
    store.sittings.save(Sitting(visit.id, visit.child_id, key, tool.save(result), tool.summarise(result)))


@pytest.fixture
def long_record(store, qapp):
    """A finalised visit long enough for several pages, with a drawing, houses, an unused tool, an
    addendum and management oversight."""
    child = make_child(store)
    visit = complete_visit(store, child, what_i_saw="Ada played in the garden with her brother. " * 120)
    sit(store, visit, "drawing", Drawing([Stroke("#d32f2f", 40, [100, 500, 900, 500])], "my cat"))
    sit(store, visit, "three_houses", ThreeHouses(worries=House("spelling tests"), dreams=House("a pony"), magic=True))
    sit(store, visit, "scaling", Scaling("How happy are you at school?"))  # opened, never answered
    store.visits.add_voice(VoiceEntry(visit.id, child.id, "Dad hit me", Expressed.SAID, disclosure=True))
    store.visits.finalise(visit.id)
    store.visits.add_addendum(visit.id, "Brother's name", "Her brother is Sam Example.")
    store.oversight.add(
        Oversight(visit.id, child.id, "tm.test", "The garden work.", "Carry on with play.", Outcome.SIGNED_OFF, [])
    )
    return child, visit


def test_every_page_carries_the_marking_the_childs_name_record_id_and_page_of(store, long_record, tmp_path):
    child, visit = long_record
    out = tmp_path / "visit.pdf"
    exports.export_visit(store, visit.id, "pdf", out, write_pdf)
    pages = pages_text(out)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert page.count("OFFICIAL-SENSITIVE") == 2, number  # at the top and at the foot
        assert f"Ada Example, record {child.id}" in page, number
        assert f"page {number} of {len(pages)}" in page, number
    whole = " ".join(pages)
    assert "\u201cDad hit me\u201d The child said this. A disclosure." in whole
    assert "Her brother is Sam Example." in whole and "Management oversight" in whole and "Carry on with play" in whole


def test_a_record_id_on_the_page_reads_back_letter_for_letter(tmp_path, qapp):
    """Ids are copied from the case file into searches: "ff" and "fi" must not become one ligature glyph."""
    out = tmp_path / "ids.pdf"
    record_id = "0ffe1fa2-ff10-4fi0-a1ff-00000000ffff"
    write_pdf("<p>Text</p>", out, "Visit record", marking=marking.for_child("Ada Example", record_id))
    (page,) = pages_text(out)
    assert f"Ada Example, record {record_id}" in page


def test_pictures_are_painted_from_the_data_and_an_unused_tool_is_left_out(store, long_record, tmp_path):
    _, visit = long_record
    out = tmp_path / "visit.pdf"
    exports.export_visit(store, visit.id, "pdf", out, write_pdf)
    whole = " ".join(pages_text(out))
    for palette in ("Rubber", "Thin", "Medium", "Thick", "Undo"):
        assert not re.search(rf"\b{palette}\b", whole)  # no child-mode buttons in the case file
    assert "How happy are you at school?" not in whole  # the scaling question was never answered
    assert "spelling tests" in whole and "my cat" in whole
    assert "The child wrote this, from Three Houses, house of worries." in whole  # their voice, with the tool
    assert "The Worry Wizard" in whole and "The Dream Fairy" in whole  # the houses' picture, drawn as it was framed
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert listed.splitlines()[2:] == []  # painted as lines and text into the PDF, not pasted in as images
    assert red_pixels(out, tmp_path) > 50  # the child's red line


def test_a_drawing_opened_but_unused_is_not_in_the_case_file(store, qapp, tmp_path):
    child = make_child(store)
    visit = complete_visit(store, child)
    sit(store, visit, "drawing", Drawing())  # opened, nothing drawn
    store.visits.finalise(visit.id)
    out = tmp_path / "visit.pdf"
    exports.export_visit(store, visit.id, "pdf", out, write_pdf)
    whole = " ".join(pages_text(out))
    assert "OFFICIAL-SENSITIVE" in whole
    assert "Drawing" not in whole and "Did not draw" not in whole
    listed = subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True, check=True).stdout
    assert listed.splitlines()[2:] == []
