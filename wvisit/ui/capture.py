"""Dictation's capture: a source of 16 kHz mono PCM (the microphone, or a WAV file) and the recorder
that holds what it hears in memory and hands it to the model.

Why a source interface: a test machine has no microphone, and IT may want to check with a recording.
`MicrophoneSource` (Qt Multimedia's QAudioSource) and `WavSource` give the recorder the same chunks
of the same format, so everything after the source - the level meter, the pauses, the hand-off to
the model, the wipe - is the one path whatever the audio came from.

Audio is never written to disk: chunks go into an in-memory `Utterance` (wvisit/dictation/audio.py)
that is handed to the model and wiped after, or wiped at once when the worker cancels or the laptop
locks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from wvisit.dictation.audio import BYTES_PER_SAMPLE, RATE, Pauses, Utterance, convert, meter, read_wav

CHUNK_MS = 100


class Source(QObject):
    """Audio for dictation, as chunks of 16 kHz mono 16-bit PCM."""

    chunk = Signal(bytes)
    ended = Signal()  # the audio ran out (a file; a microphone never does)
    failed = Signal(str)  # a sentence for the worker: no microphone, or it stopped working

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class MicrophoneSource(Source):
    """The laptop's default microphone, through Qt Multimedia (imported only when dictation is used, so
    the base bundle needs no Qt Multimedia). Asks for 16 kHz mono 16-bit; a device that cannot give it
    is recorded in its own format and converted chunk by chunk."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._audio: Any = None  # a QAudioSource once started (Qt Multimedia is imported only then)
        self._device: Any = None

    def start(self) -> None:
        from PySide6.QtMultimedia import QAudioFormat, QAudioSource, QMediaDevices

        device = QMediaDevices.defaultAudioInput()
        if device.isNull():
            self.failed.emit("No microphone was found on this laptop: plug one in or check its settings.")
            return
        wanted = QAudioFormat()
        wanted.setSampleRate(RATE)
        wanted.setChannelCount(1)
        wanted.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        fmt = wanted if device.isFormatSupported(wanted) else device.preferredFormat()
        self._format = (fmt.sampleRate(), fmt.channelCount(), fmt.bytesPerSample())
        self._audio = QAudioSource(device, fmt, self)
        self._device = self._audio.start()
        if self._device is None:
            self.failed.emit("The microphone could not be opened: another program may be using it.")
            return
        self._device.readyRead.connect(self._read)

    def _read(self) -> None:
        if self._device is None:
            return
        data = bytes(self._device.readAll().data())
        rate, channels, width = self._format
        if (rate, channels, width) != (RATE, 1, BYTES_PER_SAMPLE):
            data = bytes(convert(data, rate, channels, width)) if width in (1, 2, 4) else b""
        if data:
            self.chunk.emit(data)

    def stop(self) -> None:
        if self._audio is not None:
            self._audio.stop()
            self._audio.deleteLater()
        self._audio, self._device = None, None


def prepare_microphone() -> None:
    """Load Qt Multimedia and start its audio back end now, on the UI thread (about 40 ms), before the
    speech model's native libraries load on the worker thread: the two loading at once can deadlock."""
    from PySide6.QtMultimedia import QMediaDevices

    QMediaDevices.audioInputs()


class WavSource(Source):
    """A WAV file (a path or its bytes) played into the recorder in 100 ms chunks, one every
    `interval_ms` (100: as fast as speech; less: faster, for tests), then `ended`."""

    def __init__(self, wav: Path | bytes, interval_ms: int = CHUNK_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._wav, self._pcm = wav, bytearray()
        self._at = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._next)

    def start(self) -> None:
        self._pcm, self._at = read_wav(self._wav), 0
        self._timer.start()

    def _next(self) -> None:
        size = RATE * BYTES_PER_SAMPLE * CHUNK_MS // 1000
        piece = bytes(self._pcm[self._at : self._at + size])
        self._at += size
        if piece:
            self.chunk.emit(piece)
        if self._at >= len(self._pcm):
            self.stop()
            self.ended.emit()

    def stop(self) -> None:
        self._timer.stop()
        self._pcm[:] = bytes(len(self._pcm))
        self._pcm.clear()


class Recorder(QObject):
    """Listens to a source while the worker holds the key (or until they stop hands-free dictation),
    keeping the audio in memory. `heard` hands each stretch of speech to the model: at the end, and in
    hands-free dictation at each pause after a few seconds, so text arrives while they go on."""

    level = Signal(float)  # 0..1, for the meter
    heard = Signal(object)  # bytearray: a stretch of speech for the model (the receiver wipes it)
    stopped = Signal(bool)  # whether anything was heard
    failed = Signal(str)

    def __init__(self, make_source: Callable[[], Source], parent: QObject | None = None):
        super().__init__(parent)
        self.make_source = make_source
        self._source: Source | None = None
        self._utterance = Utterance()
        self._pauses: Pauses | None = None
        self._anything = False

    @property
    def listening(self) -> bool:
        return self._source is not None

    @property
    def utterance(self) -> Utterance:
        """What is being heard, for a holder to wipe should this recorder be deleted while listening."""
        return self._utterance

    @property
    def held_bytes(self) -> int:
        """How much audio this recorder holds right now (0 after every hand-off, cancel or lock)."""
        return len(self._utterance)

    def start(self, hands_free: bool = False) -> None:
        if self._source is not None:
            return
        self._utterance.wipe()
        self._anything = False
        self._pauses = Pauses() if hands_free else None
        self._source = self.make_source()
        self._source.chunk.connect(self._chunk)
        self._source.ended.connect(self.stop)
        self._source.failed.connect(self._failed)
        self._source.start()

    def hands_free(self) -> None:
        """A push-to-talk press that became hands-free dictation: cut at pauses from now on."""
        if self._source is not None and self._pauses is None:
            self._pauses = Pauses()

    def _chunk(self, chunk: bytes) -> None:
        self._utterance.append(chunk)
        self.level.emit(meter(chunk))
        if self._pauses is not None and self._pauses.cut_after(chunk, self._utterance):
            self._hand_over()

    def _hand_over(self) -> None:
        if self._utterance.heard_speech:
            self._anything = True
            self.heard.emit(self._utterance.take())
        else:
            self._utterance.wipe()

    def stop(self) -> None:
        """The key is released (or hands-free dictation stopped): what was heard goes to the model."""
        if self._end_source():
            self._hand_over()
            self.stopped.emit(self._anything)

    def drop(self) -> None:
        """Cancel or lock: stop listening and wipe what was heard; nothing goes to the model."""
        self._end_source()
        self._utterance.wipe()

    def _failed(self, sentence: str) -> None:
        self.drop()
        self.failed.emit(sentence)

    def _end_source(self) -> bool:
        source, self._source = self._source, None
        if source is None:
            return False
        source.stop()
        source.deleteLater()
        self.level.emit(0.0)
        return True
