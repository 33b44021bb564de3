"""Read aloud in child mode with a real voice: speech-dispatcher and espeak-ng from Debian, started
privately for the test (its own socket, and libao's silent "null" output: a CI machine has no sound
card). Each test waits on the voice's own state signal (Speaking, then Ready), never on a timer.
Without a voice the Listen buttons are disabled and say why; while the voice has not answered, child
mode is open and in use all the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from tests.speech import JammingServer
from tests.ui.conftest import WAIT
from tests.ui.test_child_mode import hand_over, leave, saved
from wvisit import config, tools
from wvisit.ui import read_aloud
from wvisit.ui.read_aloud import NO_VOICE, NOT_ANSWERING, STARTING, TURNED_OFF, ReadAloud, SpeakButton
from wvisit.ui.speech_server import VOICE_THREAD

SYSTEM_CONFIG = Path("/etc/speech-dispatcher")


@pytest.fixture
def voice(monkeypatch):
    """A private speech-dispatcher speaking through espeak-ng into libao's null output."""
    if shutil.which("speech-dispatcher") is None or not SYSTEM_CONFIG.is_dir():
        pytest.skip("speech-dispatcher is not installed (scripts/setup installs it)")
    folder = Path(tempfile.mkdtemp(prefix="speechd-"))  # short: a socket's path has a length limit
    shutil.copytree(SYSTEM_CONFIG, folder / "conf")
    with (folder / "conf" / "speechd.conf").open("a") as conf:
        conf.write('\nAudioOutputMethod "libao"\n')
    (folder / "home").mkdir()
    (folder / "home" / ".libao").write_text("default_driver=null\n")
    socket = folder / "sock"
    server = subprocess.Popen(
        ["speech-dispatcher", "-s", "-t", "0", "-C", str(folder / "conf"), "-S", str(socket)],
        env={**os.environ, "HOME": str(folder / "home")},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
    try:
        yield socket
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


# A speech server that takes every call and never answers, as speech-dispatcher does when it jams on
# a laptop with no audio server. It lets go (the calls fail) when the test closes its standard input,
# or after two minutes, so that code which waits for it on the window's thread fails the test rather
# than hanging it.
SILENT_SERVER = """
import select, socket, sys
listening = socket.socket(socket.AF_UNIX)
listening.bind(sys.argv[1])
listening.listen(16)
print("listening", flush=True)
select.select([sys.stdin], [], [], 120)
listening.close()
"""


@pytest.fixture
def silent_voice(monkeypatch):
    folder = Path(tempfile.mkdtemp(prefix="speechd-"))
    socket = folder / "sock"
    server = subprocess.Popen(
        [sys.executable, "-c", SILENT_SERVER, str(socket)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert server.stdout is not None and server.stdout.readline() == "listening\n"
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{socket}")
    try:
        yield server
    finally:
        if server.stdin is not None and not server.stdin.closed:
            server.stdin.close()
        server.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def jamming_voice(monkeypatch):
    """A speech server that says the first words it is given, then answers nothing (tests/speech.py)."""
    folder = Path(tempfile.mkdtemp(prefix="speechd-"))
    server = JammingServer(folder / "sock")
    monkeypatch.setenv("SPEECHD_ADDRESS", f"unix_socket:{folder / 'sock'}")
    monkeypatch.setattr(read_aloud, "PATIENCE_MS", 300)  # the buttons say so sooner than on a laptop
    try:
        yield server
    finally:
        server.close()
        shutil.rmtree(folder, ignore_errors=True)


def settings_with(data_dir, read_aloud: str):
    return config.load({"data_dir": str(data_dir), "read_aloud": read_aloud})


@pytest.fixture
def settings(request, data_dir):
    return settings_with(data_dir, getattr(request, "param", "speechd"))


def states_of(reader: ReadAloud) -> list[bool]:
    """What the voice says it is doing, in order: True when it begins to speak, False when it is done."""
    seen: list[bool] = []
    reader.speaking.connect(seen.append)
    return seen


def heard(qtbot, seen: list[bool]) -> None:
    """The voice spoke and finished: it began speaking, then was done."""
    qtbot.waitUntil(lambda: True in seen, timeout=WAIT)
    qtbot.waitUntil(lambda: seen[-1] is False, timeout=WAIT)


def test_the_question_a_choice_and_the_childs_words_are_read_aloud(qtbot, voice, open_window, data_dir):
    qtbot.waitUntil(voice.exists, timeout=WAIT)
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "feelings")
    reader = mode.reader
    qtbot.waitUntil(lambda: reader.ready, timeout=WAIT)
    buttons = mode.findChildren(SpeakButton)
    names = {button.accessibleName() for button in buttons}
    assert {"Read aloud: the title", "Read aloud: the question", "Read aloud: your words"} <= names
    assert all(button.isEnabled() for button in buttons)

    seen = states_of(reader)
    question = next(b for b in buttons if b.accessibleName() == "Read aloud: the question")
    assert "Worried" in question.words() and "Touch the faces" in question.words()
    qtbot.mouseClick(question, Qt.MouseButton.LeftButton)
    heard(qtbot, seen)

    seen.clear()
    qtbot.mouseClick(mode.tool.buttons["scared"], Qt.MouseButton.LeftButton)  # a choice is said as it is picked
    heard(qtbot, seen)

    seen.clear()
    mode.tool.words.setPlainText("I miss my dog")
    words = next(b for b in buttons if b.accessibleName() == "Read aloud: your words")
    assert words.words() == "I miss my dog"
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    heard(qtbot, seen)
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


@pytest.mark.parametrize(("settings", "why"), [("flite", NO_VOICE), ("off", TURNED_OFF)], indirect=["settings"])
def test_without_a_voice_the_listen_buttons_say_why(qtbot, open_window, data_dir, settings, why):
    """ "flite" stands for an engine this laptop does not have; "off" is IT's or the worker's choice."""
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "three_wishes")
    buttons = mode.findChildren(SpeakButton)
    assert len(buttons) >= 5  # the title, the question and each wish
    assert all(not b.isEnabled() and b.toolTip() == why for b in buttons)
    assert "none is installed" in NO_VOICE and "IT" in NO_VOICE
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_child_mode_opens_and_is_used_while_the_voice_does_not_answer(qtbot, silent_voice, open_window, data_dir):
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "feelings")
    buttons = mode.findChildren(SpeakButton)
    assert buttons and all(not b.isEnabled() and b.toolTip() == STARTING for b in buttons)
    assert "starting" in STARTING

    qtbot.mouseClick(mode.tool.buttons["scared"], Qt.MouseButton.LeftButton)  # the child carries on
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result["chosen"] == ["scared"], timeout=WAIT)

    silent_voice.stdin.close()  # the server gives up: the buttons now say there is no voice
    qtbot.waitUntil(lambda: all(b.toolTip() == NO_VOICE for b in buttons), timeout=WAIT)
    assert not any(b.isEnabled() for b in buttons)
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def asking_the_server() -> int:
    """Threads of this process asking the speech server whether it answers."""
    return sum(thread.name == VOICE_THREAD for thread in threading.enumerate())


def test_child_mode_opened_again_and_again_asks_a_silent_voice_only_once(qtbot, silent_voice, open_window, data_dir):
    """Each opening used to leave one more thread and socket waiting on the jammed server for good."""
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "feelings")
    for _ in range(3):
        assert asking_the_server() == 1
        leave(qtbot, window, mode)
        qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
        window.start_child_mode(visit_id, "feelings", tools.get("feelings").save(tools.get("feelings").empty()))
        qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)
        mode = window.child_mode
        assert all(b.toolTip() == STARTING for b in mode.findChildren(SpeakButton))
    assert asking_the_server() == 1

    silent_voice.stdin.close()  # the server gives up: the one answer reaches the open child mode
    buttons = mode.findChildren(SpeakButton)
    qtbot.waitUntil(lambda: all(b.toolTip() == NO_VOICE for b in buttons), timeout=WAIT)
    qtbot.waitUntil(lambda: asking_the_server() == 0, timeout=WAIT)
    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)

    window.start_child_mode(visit_id, "feelings", tools.get("feelings").save(tools.get("feelings").empty()))
    qtbot.waitUntil(lambda: window.child_mode is not None and window.child_mode.isVisible(), timeout=WAIT)
    buttons = window.child_mode.findChildren(SpeakButton)
    qtbot.waitUntil(lambda: all(b.toolTip() == NO_VOICE for b in buttons), timeout=WAIT)  # the answer it had
    assert asking_the_server() == 0
    leave(qtbot, window, window.child_mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)


def test_a_voice_that_jams_after_answering_never_holds_up_child_mode(qtbot, jamming_voice, open_window, data_dir):
    """Listen used to call the voice on the window's thread: a server that jammed after its first words
    froze child mode until it gave up."""
    window, mode, _, visit_id = hand_over(qtbot, open_window, data_dir, "feelings")
    reader = mode.reader
    qtbot.waitUntil(lambda: reader.ready, timeout=WAIT)
    buttons = mode.findChildren(SpeakButton)
    question = next(b for b in buttons if b.accessibleName() == "Read aloud: the question")
    seen = states_of(reader)
    qtbot.mouseClick(question, Qt.MouseButton.LeftButton)
    heard(qtbot, seen)
    qtbot.waitUntil(lambda: jamming_voice.said() == [question.words()], timeout=WAIT)  # its report may come after

    qtbot.mouseClick(question, Qt.MouseButton.LeftButton)  # the server now holds its answer
    qtbot.waitUntil(jamming_voice.holding, timeout=WAIT)
    qtbot.waitUntil(lambda: all(b.toolTip() == NOT_ANSWERING and not b.isEnabled() for b in buttons), timeout=WAIT)
    assert "not answering" in NOT_ANSWERING
    assert all(b.accessibleDescription() == NOT_ANSWERING for b in buttons)  # a screen reader says so too
    timer = QTimer()  # the window's thread is free: its timers fire, and the child carries on
    timer.setSingleShot(True)
    with qtbot.waitSignal(timer.timeout, timeout=WAIT):
        timer.start(0)
    qtbot.mouseClick(mode.tool.buttons["scared"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: saved(window, visit_id)[0].result["chosen"] == ["scared"], timeout=WAIT)
    assert jamming_voice.holding()  # all of that while the server still held its answer

    jamming_voice.answer()  # it answers again: so does Listen
    qtbot.waitUntil(lambda: all(b.isEnabled() and b.toolTip().startswith("Read aloud") for b in buttons), timeout=WAIT)
    assert all(b.accessibleDescription() == "" for b in buttons)
    seen.clear()
    mode.tool.words.setPlainText("I miss my dog")
    words = next(b for b in buttons if b.accessibleName() == "Read aloud: your words")
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    heard(qtbot, seen)
    qtbot.waitUntil(lambda: jamming_voice.said()[-1] == "I miss my dog", timeout=WAIT)

    leave(qtbot, window, mode)
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
    qtbot.waitUntil(lambda: asking_the_server() == 0, timeout=WAIT)  # the connection closed, its thread gone


def test_leaving_child_mode_while_the_voice_is_jammed_does_not_wait_for_it(qtbot, jamming_voice, open_window, data_dir):
    """Closing the voice (and cutting off its words) used to wait for the server on the window's thread."""
    window, mode, _, _ = hand_over(qtbot, open_window, data_dir, "feelings")
    reader = mode.reader
    qtbot.waitUntil(lambda: reader.ready, timeout=WAIT)
    seen = states_of(reader)
    qtbot.mouseClick(mode.tool.buttons["happy"], Qt.MouseButton.LeftButton)  # a choice is said as it is picked
    heard(qtbot, seen)
    qtbot.mouseClick(mode.tool.buttons["scared"], Qt.MouseButton.LeftButton)  # the server now holds its answer
    qtbot.waitUntil(jamming_voice.holding, timeout=WAIT)

    leave(qtbot, window, mode)  # the worker's passcode: child mode cuts off its voice and closes
    qtbot.waitUntil(lambda: window.child_mode is None, timeout=WAIT)
    assert jamming_voice.holding() and asking_the_server() == 1  # closed while the server still held its answer

    jamming_voice.answer()
    qtbot.waitUntil(lambda: asking_the_server() == 0, timeout=WAIT)  # then the connection was closed, and its thread
