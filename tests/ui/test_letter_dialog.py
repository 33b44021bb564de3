"""The letter dialog on a child protection case: the worker chooses what goes in (the ecomap and a
disclosure start unticked), is asked who else may read it at home, is warned when what the child
told of harm is in the text, and cannot save it so while someone else may read it. Exports are
offered in the documents folder. Real widgets on a real store; the PDF read back with poppler."""

from __future__ import annotations

import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from tests.conftest import PASSCODE, complete_visit, make_child
from tests.ui.conftest import WAIT, unlock, wait_for_page
from tests.unit.test_case_file_pdf import red_pixels
from wvisit import config, tools
from wvisit.app.session import Session
from wvisit.domain import Expressed, LegalStatus, Sitting, VoiceEntry
from wvisit.store import Store
from wvisit.tools.drawing import Drawing, Stroke
from wvisit.tools.my_people import MyPeople, Person
from wvisit.ui import export_paths
from wvisit.ui.main_window import MainWindow
from wvisit.ui.visit_editor import VisitEditor

TOLD = "Dad hit me with a belt"


def a_protection_visit(data_dir, status=LegalStatus.CP) -> str:
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    child = make_child(session.store, status=status)
    visit = complete_visit(session.store, child)
    session.store.visits.add_voice(VoiceEntry(visit.id, child.id, TOLD, Expressed.SAID, disclosure=True))
    for key, result in [
        ("my_people", MyPeople([Person("Nan", 1), Person("Dad", 3, "stressful")])),
        ("drawing", Drawing([Stroke("#d32f2f", 30, [100, 100, 900, 900])], "my cat")),
    ]:
        tool = tools.get(key)
        session.store.sittings.save(Sitting(visit.id, child.id, key, tool.save(result), tool.summarise(result)))
    session.store.visits.finalise(visit.id)
    session.lock()
    return visit.id


def open_letter(qtbot, open_window, data_dir, status=LegalStatus.CP):
    visit_id = a_protection_visit(data_dir, status)
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None and e.visit.is_final)
    editor.letter_contact = "Call me on 020 7946 0000."
    qtbot.mouseClick(editor.letter_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    return window, editor, editor.dialog


def test_a_disclosure_is_left_out_asked_about_and_warned_of(qtbot, open_window, data_dir, monkeypatch):
    _, _, dialog = open_letter(qtbot, open_window, data_dir)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: ("", ""))  # saved, then "where?" is cancelled
    text = dialog.text.toPlainText()
    assert TOLD not in text and "Nan" not in text  # not chosen for the worker
    assert "\u201cI like my room\u201d" in text and "I will come to see you again on" in text
    assert "Call me on 020 7946 0000." in text and "ask your teacher or another grown-up you trust" in text
    assert dialog.readers.isVisible() and dialog.drawing.isVisible() and not dialog.drawing.isChecked()

    dialog._accept()
    assert dialog.isVisible() and "Say who else may read this letter" in dialog.banner.text()

    dialog.set_chosen(f"\u201c{TOLD}\u201d", True)  # the worker ticks it: the draft follows the ticks
    assert TOLD in dialog.text.toPlainText()
    assert "quotes what the child told you of harm" in dialog.banner.text()
    dialog.readers.setCurrentIndex(dialog.readers.findData("parent"))
    dialog._accept()
    assert dialog.isVisible() and "Not saved" in dialog.banner.text()

    dialog.set_chosen(f"\u201c{TOLD}\u201d", False)
    assert TOLD not in dialog.text.toPlainText()
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_the_workers_own_wording_is_kept_when_ticks_change_and_typed_harm_is_caught(qtbot, open_window, data_dir):
    _, _, dialog = open_letter(qtbot, open_window, data_dir)
    dialog.text.appendPlainText("You told me dad hit me with a belt.")
    assert dialog.restart.isVisible() and "quotes what the child told you of harm" in dialog.banner.text()
    dialog.set_chosen("You put Nan closest to you.", True)
    assert "You put Nan closest to you." not in dialog.text.toPlainText()  # the worker's wording stands
    qtbot.mouseClick(dialog.restart, Qt.MouseButton.LeftButton)
    assert "You put Nan closest to you." in dialog.text.toPlainText() and TOLD not in dialog.text.toPlainText()
    dialog.reject()


def test_the_letter_with_the_childs_drawing_is_saved_in_documents(qtbot, open_window, data_dir, tmp_path, monkeypatch):
    _, editor, dialog = open_letter(qtbot, open_window, data_dir)
    dialog.readers.setCurrentIndex(dialog.readers.findData("child"))
    dialog.drawing.setChecked(True)
    offered = []
    out = tmp_path / "letter.pdf"

    def save_as(_parent, _caption, suggested, _filter):
        offered.append(suggested)
        return str(out), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    dialog._accept()
    qtbot.waitUntil(lambda: "The letter is saved" in editor.banner.text(), timeout=WAIT)
    assert offered[0].startswith(str(export_paths.documents_folder()))
    assert red_pixels(out, tmp_path) > 50  # the child's red drawing, painted from the record
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "OFFICIAL" not in text and "Your drawing" in text and TOLD not in text


def test_the_worker_marks_words_as_a_disclosure(qtbot, open_window, data_dir):
    session = Session.create(data_dir, PASSCODE, "sw.test", config.load({"data_dir": str(data_dir)}))
    visit = complete_visit(session.store, make_child(session.store, status=LegalStatus.CP))
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    editor.add_voice()
    qtbot.waitUntil(lambda: editor.dialog is not None and editor.dialog.isVisible(), timeout=WAIT)
    editor.dialog.words.setPlainText(TOLD)
    qtbot.mouseClick(editor.dialog.disclosure, Qt.MouseButton.LeftButton)
    editor.dialog._accept()
    qtbot.waitUntil(lambda: editor.voice_list.count() == 2, timeout=WAIT)
    assert editor.voice_list.item(1).text().endswith("\u00b7 a disclosure")
    store = Store.open(window.data_dir, window.session.keys, "sw.test")  # a connection of the test's own
    try:
        assert [v.disclosure for v in store.visits.voice_for_visit(visit.id)] == [False, True]
    finally:
        store.close()


def test_the_contact_line_comes_from_the_settings(qtbot, data_dir):
    visit_id = a_protection_visit(data_dir)
    settings = config.load({"data_dir": str(data_dir), "letter_contact": "Call the team on 020 7946 0000."})
    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.letter_contact == "Call the team on 020 7946 0000."


def test_a_disclosure_before_any_plan_is_guarded_too(qtbot, open_window, data_dir, monkeypatch):
    """A child in need who told of harm: the letter asks who may read it and will not be saved with
    the child's words, even shortened, while someone else at home may read it."""
    _, _, dialog = open_letter(qtbot, open_window, data_dir, status=LegalStatus.CIN)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: ("", ""))
    assert dialog.readers.isVisible()
    dialog.readers.setCurrentIndex(dialog.readers.findData("parent"))
    dialog.text.appendPlainText("You said dad hit me with it.")
    dialog._accept()
    assert dialog.isVisible() and "Not saved" in dialog.banner.text()
    dialog.readers.setCurrentIndex(dialog.readers.findData("child"))
    dialog._accept()
    assert dialog.result() == dialog.DialogCode.Accepted
