"""Writing help in the visit editor: plainer words in one click, British spelling, reading age, exports."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QMenu

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, type_text, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.ui.visit_editor import VisitEditor
from wvisit.ui.writing_aid import ReadingAge


def a_child(data_dir, finalised: bool = False) -> tuple[str, str]:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store)
    visit = complete_visit(session.store, child)
    if finalised:
        session.store.visits.finalise(visit.id)
    session.lock()
    return child.id, visit.id


def underlines(box) -> list[tuple[str, QTextCharFormat.UnderlineStyle]]:
    """The underlined words of the box's first paragraph, as the highlighter drew them."""
    block = box.document().firstBlock()
    return [(block.text()[r.start : r.start + r.length], r.format.underlineStyle()) for r in block.layout().formats()]


def open_editor(qtbot, open_window, data_dir, finalised=False):
    _, visit_id = a_child(data_dir, finalised)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    return window, editor


def test_jargon_is_underlined_and_replaced_in_one_click_and_one_undo(qtbot, open_window, data_dir):
    _, editor = open_editor(qtbot, open_window, data_dir)
    box = editor.fields["what_i_saw"].widget
    box.clear()
    type_text(qtbot, box, "Contact with mum went well. After contact Ada was happy.")
    assert ("Contact", QTextCharFormat.UnderlineStyle.DotLine) in underlines(box)
    buttons = lambda: [b for b in editor.findChildren(type(editor.pdf_button)) if "\u2192 Family time" in b.text()]
    qtbot.waitUntil(lambda: len(buttons()) == 1 and buttons()[0].isVisible(), timeout=WAIT)
    qtbot.mouseClick(buttons()[0], Qt.MouseButton.LeftButton)
    assert box.toPlainText() == "Family time with mum went well. After family time Ada was happy."
    box.undo()
    assert box.toPlainText() == "Contact with mum went well. After contact Ada was happy."
    qtbot.waitUntil(lambda: editor.save_mark.text().startswith("Draft \u00b7 saved"), timeout=WAIT)


def test_misspellings_get_suggestions_and_my_dictionary_outlives_a_lock(qtbot, open_window, data_dir):
    window, editor = open_editor(qtbot, open_window, data_dir)
    box = editor.fields["analysis"].widget
    box.clear()
    type_text(qtbot, box, "Ada enjoys Ashbrook familly days.")
    wavy = QTextCharFormat.UnderlineStyle.WaveUnderline
    assert ("familly", wavy) in underlines(box) and ("Ashbrook", wavy) in underlines(box)
    highlighter = window.writing._highlighters[[h.box for h in window.writing._highlighters].index(box)]

    def menu_at(word: str) -> list[str]:
        menu = QMenu()
        cursor = QTextCursor(box.document())
        cursor.setPosition(box.toPlainText().index(word) + 2)
        highlighter.fill_menu(menu, cursor)
        return menu

    menu = menu_at("familly")
    next(a for a in menu.actions() if a.text() == "family").trigger()
    assert box.toPlainText() == "Ada enjoys Ashbrook family days."
    menu = menu_at("Ashbrook")
    next(a for a in menu.actions() if a.text() == "Add \u201cAshbrook\u201d to my dictionary").trigger()
    assert underlines(box) == []

    window.lock()
    unlock(qtbot, window)
    window.go("visit", editor.visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    box = editor.fields["analysis"].widget
    qtbot.waitUntil(lambda: underlines(box) == [], timeout=WAIT)  # Ashbrook came back from the sealed store
    assert "Ashbrook" in box.toPlainText()


def test_each_section_shows_its_reading_age(qtbot, open_window, data_dir):
    _, editor = open_editor(qtbot, open_window, data_dir)
    box = editor.fields["analysis"].widget
    box.clear()
    type_text(qtbot, box, "The subject child presented as withdrawn and disclosed concerns regarding arrangements.")
    labels = editor.findChildren(ReadingAge)
    label = next(each for each in labels if box in each._boxes)

    def age() -> int:
        return int(label.text().split("about ")[1].split()[0]) if "Reading age about" in label.text() else 0

    qtbot.waitUntil(lambda: age() > 0, timeout=WAIT)
    hard = age()
    box.clear()
    type_text(qtbot, box, "Ada is happy at home. She likes her room. She plays with her dog.")
    qtbot.waitUntil(lambda: 0 < age() < hard, timeout=WAIT)


def test_a_finalised_visit_exports_pdf_json_and_a_letter(qtbot, open_window, data_dir, tmp_path):
    window, editor = open_editor(qtbot, open_window, data_dir, finalised=True)
    assert editor.pdf_button.isVisible() and editor.letter_button.isVisible()
    assert underlines(editor.fields["what_i_saw"].widget) == []  # a finalised record is not marked up
    editor.export_to("pdf", tmp_path / "visit.pdf")
    qtbot.waitUntil(lambda: "The PDF is saved" in editor.banner.text(), timeout=WAIT)
    editor.export_to("json", tmp_path / "visit.json")
    qtbot.waitUntil(lambda: "The JSON file is saved" in editor.banner.text(), timeout=WAIT)
    editor.write_letter()
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    letter = editor.dialog.text.toPlainText()
    assert letter.startswith("Dear Ada,") and "\u201cI like my room\u201d" in letter
    editor.dialog.reject()  # Save would ask where, in a file dialog; the test names the file itself
    editor.save_letter(letter, tmp_path / "letter.pdf")
    qtbot.waitUntil(lambda: "The letter is saved" in editor.banner.text(), timeout=WAIT)
    assert all((tmp_path / name).stat().st_size > 500 for name in ("visit.pdf", "visit.json", "letter.pdf"))
    actions = [e.action for e in window.session.store.audit.entries() if e.action.startswith("exported")]
    assert actions == ["exported pdf", "exported json", "exported letter"]
