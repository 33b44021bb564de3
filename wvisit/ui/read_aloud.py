"""Read aloud: a button beside every question, choice and the child's own words that speaks them.

For a child who does not read yet, the tool's words are said by the laptop's own text-to-speech
voice (Qt's QtTextToSpeech): on Linux speech-dispatcher with espeak-ng, on Windows SAPI/WinRT, on
macOS the system voice. All of them speak on the laptop, so reading aloud works offline and no word
leaves the machine. Qt also ships a "mock" engine for its own tests; it makes no sound, so it is
never chosen.

Child mode opens at once whatever the voice does, and no press of Listen can hold it up: on Linux
speech-dispatcher (which on a laptop with no audio server can start and never answer, or answer a few
times and then jam) is only ever called from a thread of its own (ui/speech_server.py); the window hands
it the words and never waits. Until it first answers the buttons say the voice is starting; when it
keeps the window's words waiting longer than PATIENCE_MS they say it is not answering, and Listen works
again as soon as it answers.
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
NOT_ANSWERING = "The voice is not answering. Listen works again as soon as it answers."
PATIENCE_MS = 3000  # how long the voice may keep words waiting before the buttons say it is not answering
STARTING_PATIENCE_MS = 15_000  # the first answer may take longer: the server may be being started
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
    speaking = Signal(bool)  # the voice began to speak (True), or finished or was cut off (False)

    def __init__(self, engine: str = "", parent: QObject | None = None):
        super().__init__(parent)
        self.speech: QTextToSpeech | None = None  # the laptop's own voice through Qt, once started
        self.voice: speech_server.Voice | None = None  # or speech-dispatcher, called from its own thread
        self.why_not = STARTING
        self._engine = engine
        self._news = _News()  # what the voice's thread tells, passed on to this one
        self._news.came.connect(self._heard, Qt.ConnectionType.QueuedConnection)
        self._awaited = 0  # the voice's ticket being watched for an answer
        self._latest = 0  # the newest ticket handed to the voice
        self._watch = QTimer(self)
        self._watch.setSingleShot(True)
        self._watch.timeout.connect(self._check_answered)

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
            news = self._news  # the voice keeps the messenger, not this object, which may be gone first
            listener: speech_server.Listener = lambda event, detail: news.came.emit(event, detail)
            self.voice = voice = speech_server.voice()
            self.destroyed.connect(lambda: voice.leave(listener))
            self._watch_for(voice.join(listener), STARTING_PATIENCE_MS)
        else:  # the laptop's own voice (SAPI, WinRT, macOS): made once the screen is up
            QTimer.singleShot(0, self, self._open)

    def _heard(self, event: str, detail: str) -> None:
        if event == speech_server.SPEAKING or event == speech_server.SPOKEN:
            self.speaking.emit(event == speech_server.SPEAKING)
        elif event == speech_server.NO_VOICE:
            log.warning("read aloud: %s", detail)
            self._settle(NO_VOICE)
        elif self.why_not in (STARTING, NOT_ANSWERING):  # it answered: Listen works (again)
            self._settle("")

    def _watch_for(self, ticket: int, patience_ms: int) -> None:
        """Say the voice is not answering if `ticket` is still waiting after `patience_ms`."""
        self._latest = ticket
        if not self._watch.isActive() or (self.voice is not None and self.voice.answered(self._awaited)):
            self._awaited = ticket
            self._watch.start(patience_ms)

    def _check_answered(self) -> None:
        if self.voice is None:
            return
        if not self.voice.answered(self._awaited):
            if self.why_not in ("", STARTING):
                log.warning("read aloud: %s", speech_server.NOT_ANSWERING)
                self._settle(NOT_ANSWERING)
            self._watch.start(PATIENCE_MS)  # and keep watching: its answer clears it (see _heard)
        elif not self.voice.answered(self._latest):  # words given since: their own patience
            self._awaited = self._latest
            self._watch.start(PATIENCE_MS)

    def _open(self) -> None:
        self.speech = QTextToSpeech(self._engine, self)
        self.speech.stateChanged.connect(self._state_changed)
        self._state_changed(self.speech.state())

    def _state_changed(self, state: QTextToSpeech.State) -> None:
        if state == QTextToSpeech.State.Speaking:
            self.speaking.emit(True)
        elif state == QTextToSpeech.State.Ready:
            self.speaking.emit(False)
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
        """Speak `text` now, cutting off whatever was being said (a child pressing another button wants that).
        Never waits for the voice: with speech-dispatcher the words go to its own thread."""
        if not self.ready or not text.strip():
            return
        if self.voice is not None:
            self._watch_for(self.voice.say(text), PATIENCE_MS)
        elif self.speech is not None:
            self.speech.stop()
            self.speech.say(text)

    def stop(self) -> None:
        if self.voice is not None:
            if self.ready:  # a voice not answering is not given more to wait on
                self._watch_for(self.voice.stop(), PATIENCE_MS)
        elif self.speech is not None:
            self.speech.stop()

    def button(self, words: Callable[[], str], what: str, big: bool = True) -> SpeakButton:
        """A "Listen" button that says `words()` (read when pressed, so a text box's words are the latest).
        `what` names it for a screen reader: "Read aloud: the question"."""
        return SpeakButton(self, words, what, big)


class _News(QObject):
    """Carries what the speech server's thread tells to the window's thread (queued)."""

    came = Signal(str, str)  # what happened (speech_server.READY...), and a detail for the log


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
        self.setAccessibleDescription(why_not)  # a screen reader says why a disabled button does nothing
