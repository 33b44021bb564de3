"""Read aloud: a button beside every question, choice and the child's own words that speaks them.

For a child who does not read yet, the tool's words are said by the laptop's own text-to-speech
voice (Qt's QtTextToSpeech): on Linux speech-dispatcher with espeak-ng, on Windows SAPI/WinRT, on
macOS the system voice. All of them speak on the laptop, so reading aloud works offline and no word
leaves the machine. Qt also ships a "mock" engine for its own tests; it makes no sound, so it is
never chosen.

Child mode opens at once whatever the voice does: the engine is started after the screen is up, and
speech-dispatcher (which on a laptop with no audio server can start and never answer) is first asked
on a thread of its own, once for every window of the process (ui/speech_server.py); until it answers the
buttons say the voice is starting.
When no voice is installed the buttons stay, disabled, with a tooltip that says so plainly (and
what IT can add), so the worker knows why nothing is heard rather than pressing again.
The `read_aloud` setting chooses the engine: "" for the laptop's own, "off" for none, or an engine's
name (as QTextToSpeech.availableEngines() lists them).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QPushButton

from wvisit.ui import speech_server

log = logging.getLogger(__name__)

NO_VOICE = (
    "Reading aloud needs a voice on this laptop, and none is installed. Ask IT to add one "
    "(on Linux: the speech-dispatcher and espeak-ng packages)."
)
TURNED_OFF = "Reading aloud is turned off on this laptop (the read_aloud setting)."
STARTING = "The voice is starting\u2026 Listen works as soon as it is ready."
SPEECH_DISPATCHER = "speechd"  # the Qt engine that talks to speech-dispatcher, which may never answer
NOT_FOR_TESTING = "mock"  # Qt's silent test engine


def speaker_icon(size: int = 40) -> QIcon:
    """A loudspeaker with sound waves, drawn (no emoji font needed): the sign for "listen" a child knows."""
    pixmap = QPixmap(QSize(size, size))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 40
    painter.setPen(QPen(QColor("#263238"), 2 * s))
    painter.setBrush(QColor("#ffb300"))
    body = QPainterPath(QPointF(6 * s, 15 * s))
    for x, y in ((12, 15), (21, 7), (21, 33), (12, 25), (6, 25)):
        body.lineTo(QPointF(x * s, y * s))
    body.closeSubpath()
    painter.drawPath(body)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor("#1565c0"), 3 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for radius in (7, 13):
        painter.drawArc(
            int((20 - radius) * s), int((20 - radius) * s), int(2 * radius * s), int(2 * radius * s), -50 * 16, 100 * 16
        )
    painter.end()
    return QIcon(pixmap)


class ReadAloud(QObject):
    """One text-to-speech voice for a screen; `readiness` tells its buttons whether it can speak, and why not."""

    readiness = Signal(bool, str)  # can speak; the sentence for a disabled button's tooltip

    def __init__(self, engine: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.speech: QTextToSpeech | None = None  # once started
        self.why_not = STARTING
        self._engine = engine
        self._answer = _Answer()  # the speech server's answer, from its thread to this one
        # Queued even when the answer is known at once: the voice is made once the screen is up.
        self._answer.came.connect(self._server_answered, Qt.ConnectionType.QueuedConnection)

    @property
    def ready(self) -> bool:
        return not self.why_not

    def start(self) -> None:
        """Start the voice without waiting for it; buttons follow `readiness`."""
        if self._engine == "off":
            self._settle(TURNED_OFF)
            return
        engines = [name for name in QTextToSpeech.availableEngines() if name != NOT_FOR_TESTING]
        engine = self._engine or (engines[0] if engines else "")
        if engine not in engines:
            self._settle(NO_VOICE)
            return
        self._engine = engine
        if engine == SPEECH_DISPATCHER:
            answer = self._answer  # the question keeps the messenger, not this object, which may close first
            speech_server.ask(lambda why_not: answer.came.emit(why_not))
        else:  # the laptop's own voice (SAPI, WinRT, macOS): made once the screen is up
            QTimer.singleShot(0, self, self._open)

    def _server_answered(self, why_not: str) -> None:
        if why_not:
            log.warning("read aloud: %s", why_not)
            self._settle(NO_VOICE)
        else:
            self._open()

    def _open(self) -> None:
        self.speech = QTextToSpeech(self._engine, self)
        self.speech.stateChanged.connect(self._state_changed)
        self._state_changed(self.speech.state())

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Error:
            self._settle(NO_VOICE)
        elif state != QTextToSpeech.State.Ready or self.ready:
            return  # speaking, paused, or still starting: nothing changes for the buttons
        elif self.speech is None or not self.speech.availableVoices():
            self._settle(NO_VOICE)
        else:
            self._settle("")

    def _settle(self, why_not: str) -> None:
        self.why_not = why_not
        self.readiness.emit(self.ready, why_not)

    def say(self, text: str) -> None:
        """Speak `text` now, cutting off whatever was being said (a child pressing another button wants that)."""
        if self.ready and self.speech is not None and text.strip():
            self.speech.stop()
            self.speech.say(text)

    def stop(self) -> None:
        if self.speech is not None:
            self.speech.stop()

    def button(self, words: Callable[[], str], what: str, big: bool = True) -> SpeakButton:
        """A "Listen" button that says `words()` (read when pressed, so a text box's words are the latest).
        `what` names it for a screen reader: "Read aloud: the question"."""
        return SpeakButton(self, words, what, big)


class _Answer(QObject):
    """Carries the speech server's answer from the thread that asked to the window's thread (queued)."""

    came = Signal(str)  # "" when it answered with a voice; otherwise why not, for the log


class SpeakButton(QPushButton):
    """Follows its voice: enabled when it can speak; disabled, with the plain reason as tooltip, when not."""

    def __init__(self, reader: ReadAloud, words: Callable[[], str], what: str, big: bool = True):
        super().__init__("Listen")
        self.words, self.what = words, what
        self.setIcon(speaker_icon())
        self.setIconSize(QSize(32, 32) if big else QSize(22, 22))
        self.setAccessibleName(f"Read aloud: {what}")
        if big:
            self.setMinimumSize(56, 56)  # a child's finger
        self.follow(reader.ready, reader.why_not)
        reader.readiness.connect(self.follow)  # a bound slot: Qt drops it with the button
        self.clicked.connect(lambda: reader.say(self.words()))

    def follow(self, ready: bool, why_not: str) -> None:
        self.setEnabled(ready)
        self.setToolTip(f"Read aloud: {self.what}" if ready else why_not)
