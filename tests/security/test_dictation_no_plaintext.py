"""Dictation leaves nothing on disk: after a sentence is dictated into a visit, neither its words nor its
audio are in the data folder, the temp folder or the logs; only the sealed record holds the words."""

from __future__ import annotations

import tempfile
from datetime import date

from PySide6.QtCore import Qt

from tests.conftest import PASSCODE
from tests.security.test_no_plaintext import assert_no_sentinel, every_file_under
from tests.speech import MODEL, speak
from tests.ui.conftest import WAIT, unlock, wait_for_page
from wvisit import config
from wvisit.app.session import Session
from wvisit.dictation.audio import decibels, read_wav
from wvisit.domain import Child, LegalStatus
from wvisit.ui.capture import WavSource
from wvisit.ui.main_window import MainWindow
from wvisit.ui.visit_editor import VisitEditor

SPOKEN = "Ada told me about a purple elephant and a yellow submarine."
SENTINELS = ["elephant", "submarine"]


def loudest_slice(pcm: bytearray, size: int = 64) -> bytes:
    """A stretch of the audio as the app held it (16 kHz PCM) from its loudest part: found on disk, the
    audio was written there."""
    step = 3200  # 0.1 s
    best = max(range(0, len(pcm) - step, step), key=lambda at: decibels(bytes(pcm[at : at + step])))
    return bytes(pcm[best : best + size])


def test_dictated_words_and_audio_reach_the_disk_only_sealed(qtbot, data_dir, tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("WVISIT_DICTATION_MODEL", MODEL)
    wav = speak(SPOKEN, tmp_path / "spoken.wav")  # the test's input, outside every folder scanned
    audio = loudest_slice(read_wav(wav))
    settings = config.load({"data_dir": str(data_dir)})
    session = Session.create(data_dir, PASSCODE, "sw.test", settings)
    child = session.store.children.add(Child("Ada Example", date(2016, 3, 4), LegalStatus.CIN))
    visit_id = session.store.visits.new_draft(child.id).id
    session.lock()

    window = MainWindow(settings, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    unlock(qtbot, window)
    window.go("visit", visit_id)
    editor = wait_for_page(qtbot, window, VisitEditor, lambda e: e.visit is not None)
    box = editor.fields["what_i_saw"].widget
    box.setFocus()
    qtbot.waitUntil(box.hasFocus, timeout=WAIT)
    editor.dictation_bar.make_source = lambda: WavSource(wav, 5)
    qtbot.mouseClick(editor.dictation_bar.button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(word in box.toPlainText() for word in SENTINELS), timeout=WAIT * 3)
    qtbot.waitUntil(lambda: "saved" in editor.save_mark.text() and not editor._dirty, timeout=WAIT)
    assert (data_dir / "wvisit.db-wal").exists()  # scanned while open, as a thief would copy it
    files = every_file_under(data_dir, temp, tmp_path / "logs")
    assert_no_sentinel(files, SENTINELS)
    for path in files:
        assert audio not in path.read_bytes(), f"dictated audio found in {path.name}"

    window.lock()
    session = Session.unlock(data_dir, PASSCODE)
    kept = session.store.visits.get(visit_id)
    session.lock()
    assert all(word in kept.what_i_saw for word in SENTINELS) and kept.dictated == ["what_i_saw"]
