"""Dictating into a visit: the worker speaks (here espeak-ng's WAV, fed through the same capture path as
the microphone), the words appear in the section being edited, marked as dictated, and finalising
waits until the worker has reviewed them. Locking while the model works writes nothing."""

from __future__ import annotations

import wave
from datetime import date

import pytest
from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.speech import MODEL, errors, speak
from tests.ui.conftest import WAIT, needed, type_text, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.domain import Child, Expressed, LegalStatus
from wvisit.ui.capture import WavSource
from wvisit.ui.dictation_bar import MARK_DESCRIPTION, DictationBar
from wvisit.ui.lock_screen import LockScreen
from wvisit.ui.main_window import MainWindow
from wvisit.ui.visit_editor import VisitEditor

SAID = "Ada said she feels safe at home and enjoys going to school."
LONG = (
    "I visited the family home on Tuesday afternoon. Mum was in the kitchen and the children were "
    "watching television. The house was warm and tidy and there was food in the fridge."
)


@pytest.fixture
def settings(data_dir, monkeypatch):
    """The window's settings with the test model as the provisioned speech model."""
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", MODEL)
    return config.load({"data_dir": str(data_dir)})


@pytest.fixture(scope="module")
def wavs(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("speech")
    return {"said": speak(SAID, folder / "said.wav"), "long": speak(LONG, folder / "long.wav")}


def open_visit(qtbot, open_window, data_dir, settings):
    session = Session.create(data_dir, PASSCODE, "sw.test", settings)
    child = session.store.children.add(Child("Ada Example", date(2016, 3, 4), LegalStatus.CIN))
    visit = session.store.visits.new_draft(child.id)
    session.lock()
    window = open_window()
    unlock(qtbot, window)
    window.go("visit", visit.id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    return window, editor, visit.id


def feed(bar: DictationBar, wav, interval_ms: int = 5) -> None:
    """The WAV goes through the bar's capture path in place of the microphone, faster than speech."""
    bar.make_source = lambda: WavSource(wav, interval_ms)


def test_dictated_words_appear_in_the_section_marked_until_reviewed(qtbot, open_window, data_dir, settings, wavs):
    window, editor, visit_id = open_visit(qtbot, open_window, data_dir, settings)
    bar = editor.dictation_bar
    assert bar.button.isEnabled() and "Dictate" in bar.button.text()
    box = editor.fields["what_i_saw"].widget
    box.setPlainText("Seen at home.")
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    feed(bar, wavs["said"])
    levels = []
    bar.recorder.level.connect(levels.append)

    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # a tap: hands-free until the recording ends
    qtbot.waitUntil(lambda: "school" in box.toPlainText(), timeout=WAIT * 3)
    written = box.toPlainText()
    assert written.startswith("Seen at home. ")  # at the cursor, after what was typed
    assert errors(SAID, written.removeprefix("Seen at home. "))[0] <= 2
    assert max(levels) > 0.3  # the meter moved while the worker spoke
    assert bar.recorder.held_bytes == 0  # the audio went to the model and was let go
    assert bar.marked == ["what_i_saw"] and box.accessibleDescription() == MARK_DESCRIPTION
    qtbot.waitUntil(lambda: "saved" in editor.save_mark.text() and not editor._dirty, timeout=WAIT)

    qtbot.mouseClick(editor.finalise_button, Qt.MouseButton.LeftButton)
    assert "Your review of the words dictated into what I saw" in needed(editor)
    review = [b for b in bar.findChildren(type(bar.button)) if b.text().endswith("reviewed")]
    assert len(review) == 1
    qtbot.mouseClick(review[0], Qt.MouseButton.LeftButton)
    assert bar.marked == [] and box.accessibleDescription() == ""
    assert "Your review of the words dictated into what I saw" not in needed(editor)

    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)
    session.lock()
    assert "safe at home" in kept.what_i_saw and kept.dictated == []


def test_a_dictation_not_reviewed_is_kept_with_the_draft(qtbot, open_window, data_dir, settings, wavs):
    window, editor, visit_id = open_visit(qtbot, open_window, data_dir, settings)
    bar = editor.dictation_bar
    box = editor.fields["analysis"].widget
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    feed(bar, wavs["said"])
    qtbot.keyPress(box, Qt.Key.Key_F8)  # held down while the worker speaks
    qtbot.waitUntil(lambda: not bar.recorder.listening, timeout=WAIT)  # the recording has ended
    qtbot.keyRelease(box, Qt.Key.Key_F8)
    qtbot.waitUntil(lambda: "school" in box.toPlainText(), timeout=WAIT * 3)
    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)
    session.lock()
    assert kept.dictated == ["analysis"] and "school" in kept.analysis


def test_the_childs_words_are_dictated_straight_into_a_quote_as_said(qtbot, open_window, data_dir, settings, wavs):
    _, editor, _ = open_visit(qtbot, open_window, data_dir, settings)
    editor.add_voice()
    dialog = editor.dialog
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT)
    dialog.expressed.setCurrentIndex(dialog.expressed.findData(Expressed.DREW))
    bar = dialog.findChild(DictationBar)
    feed(bar, wavs["said"])
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "school" in dialog.words.toPlainText(), timeout=WAIT * 3)
    assert dialog.expressed.currentData() == Expressed.SAID
    assert bar.marked == []  # the worker reads the quote before saving it


def test_locking_while_the_model_works_wipes_the_audio_and_writes_nothing(qtbot, open_window, data_dir, settings, wavs):
    window, editor, visit_id = open_visit(qtbot, open_window, data_dir, settings)
    dictation, bar = window.dictation, editor.dictation_bar
    box = editor.fields["what_i_saw"].widget
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    jobs = []
    original = dictation.transcribe
    dictation.transcribe = lambda *args: jobs.append(original(*args)) or jobs[-1]
    feed(bar, wavs["long"], interval_ms=1)
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dictation.busy, timeout=WAIT)  # the audio is with the model

    window.lock()
    assert isinstance(window.page, LockScreen)
    assert bar.recorder.held_bytes == 0
    assert all(job.cancelled.is_set() for job in jobs)
    assert dictation.wait(WAIT)
    assert jobs and all(len(job.audio) == 0 for job in jobs)  # wiped, not just let go

    unlock(qtbot, window)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    assert editor.fields["what_i_saw"].read() == "" and editor.dictation_bar.marked == []
    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)
    session.lock()
    assert kept.what_i_saw == "" and kept.dictated == []


def test_typing_and_autosave_go_on_while_the_model_works(qtbot, open_window, data_dir, settings, wavs):
    window, editor, visit_id = open_visit(qtbot, open_window, data_dir, settings)
    dictation, bar = window.dictation, editor.dictation_bar
    spoken_into, typed_into = editor.fields["what_i_saw"].widget, editor.fields["analysis"].widget
    spoken_into.setFocus()
    qtbot.waitUntil(spoken_into.hasFocus, timeout=WAIT)
    feed(bar, wavs["long"], interval_ms=1)
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dictation.busy, timeout=WAIT)
    typed_into.setFocus()
    type_text(qtbot, typed_into, "Typed meanwhile.")
    assert dictation.busy  # the keys went in while the model worked
    qtbot.waitUntil(lambda: "fridge" in spoken_into.toPlainText(), timeout=WAIT * 3)
    assert typed_into.toPlainText() == "Typed meanwhile."
    qtbot.waitUntil(lambda: "saved" in editor.save_mark.text() and not editor._dirty, timeout=WAIT)
    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)
    session.lock()
    assert kept.analysis == "Typed meanwhile." and "fridge" in kept.what_i_saw


def test_escape_while_listening_cancels_and_writes_nothing(qtbot, open_window, data_dir, settings, wavs):
    _, editor, _ = open_visit(qtbot, open_window, data_dir, settings)
    bar = editor.dictation_bar
    box = editor.fields["what_i_saw"].widget
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    feed(bar, wavs["long"], interval_ms=100)  # as fast as speech: still listening when Escape comes
    qtbot.keyPress(box, Qt.Key.Key_F8)
    qtbot.keyRelease(box, Qt.Key.Key_F8)  # a tap: hands-free
    qtbot.waitUntil(lambda: bar.recorder.held_bytes > 0, timeout=WAIT)
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert not bar.recorder.listening and bar.recorder.held_bytes == 0
    assert "Cancelled" in bar.status.text() and not editor.window().dictation.busy
    assert box.toPlainText() == "" and bar.marked == []


def test_hands_free_dictation_goes_to_the_model_at_each_pause(qtbot, open_window, data_dir, settings, wavs, tmp_path):
    first, second = wave_pcm(wavs["long"]), wave_pcm(wavs["said"])
    with wave.open(str(tmp_path / "pause.wav"), "wb") as out:  # a sentence, a second and a half's pause, another
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(22050)
        out.writeframes(first + bytes(2 * 22050 * 3 // 2) + second)
    _, editor, _ = open_visit(qtbot, open_window, data_dir, settings)
    bar = editor.dictation_bar
    box = editor.fields["what_i_saw"].widget
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    stretches = []
    bar.recorder.heard.connect(lambda audio: stretches.append(len(audio)))
    feed(bar, tmp_path / "pause.wav")
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)  # a tap: hands-free
    qtbot.waitUntil(lambda: "fridge" in box.toPlainText() and "school" in box.toPlainText(), timeout=WAIT * 3)
    assert len(stretches) == 2  # cut at the pause, not all at the end
    assert box.toPlainText().index("fridge") < box.toPlainText().index("school")


def wave_pcm(path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == 22050 and wav.getnchannels() == 1
        return wav.readframes(wav.getnframes())


def test_a_laptop_without_a_microphone_says_so_and_holds_no_audio(qtbot, open_window, data_dir, settings):
    _, editor, _ = open_visit(qtbot, open_window, data_dir, settings)
    bar = editor.dictation_bar  # the real microphone source: this machine has no audio input
    editor.fields["what_i_saw"].widget.setFocus()
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No microphone was found" in bar.status.text(), timeout=WAIT)
    assert not bar.recorder.listening and bar.recorder.held_bytes == 0
    assert "Dictate" in bar.button.text() and bar.marked == []


def test_without_a_model_the_microphone_says_dictation_is_not_set_up(qtbot, open_window, data_dir, monkeypatch):
    monkeypatch.delenv("WVISIT_DICTATION_MODEL", raising=False)
    settings = config.load({"data_dir": str(data_dir)})

    def window_without_a_model():
        window = MainWindow(settings, data_dir)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    _, editor, _ = open_visit(qtbot, window_without_a_model, data_dir, settings)
    bar = editor.dictation_bar
    assert not bar.button.isEnabled() and "not set up" in bar.button.text()
    assert "not set up on this laptop" in bar.status.text()
    assert "not set up on this laptop" in bar.button.accessibleDescription()
