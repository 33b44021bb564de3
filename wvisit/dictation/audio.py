"""Audio for dictation: 16 kHz mono 16-bit PCM, held in memory only.

Why this shape: the speech model hears 16 kHz mono, so capture asks the microphone for exactly
that (and converts when a device cannot give it), and a WAV file given to `wvisit dictate` or a
test is converted the same way; from then on the microphone and a file are the same bytes.

Audio of a visit is personal: it is never written to disk. An `Utterance` keeps it in one
bytearray, and `wipe()` overwrites it with zeros before letting it go, after transcription, on
cancel and at lock.
"""

from __future__ import annotations

import io
import math
import wave
from array import array
from pathlib import Path
from typing import TYPE_CHECKING

from wvisit.errors import InvalidValue

if TYPE_CHECKING:
    import numpy as np

RATE = 16_000
BYTES_PER_SAMPLE = 2  # signed 16-bit little-endian
SILENCE_DB = -45.0  # below this a chunk is silence (a quiet car, a laptop fan)
MIN_SPEECH_SECONDS = 0.25  # less speech than this in an utterance: nothing was said


class Utterance:
    """What one press of the microphone heard, in memory: 16 kHz mono 16-bit PCM."""

    def __init__(self) -> None:
        self._pcm = bytearray()
        self.speech_seconds = 0.0  # how much of it was louder than silence

    def append(self, chunk: bytes) -> None:
        self._pcm += chunk
        if decibels(chunk) > SILENCE_DB:
            self.speech_seconds += len(chunk) / (RATE * BYTES_PER_SAMPLE)

    @property
    def seconds(self) -> float:
        return len(self._pcm) / (RATE * BYTES_PER_SAMPLE)

    @property
    def heard_speech(self) -> bool:
        return self.speech_seconds >= MIN_SPEECH_SECONDS

    def __len__(self) -> int:
        return len(self._pcm)

    def take(self) -> bytearray:
        """The audio so far, handed over (the transcriber wipes it when done); this utterance starts again."""
        pcm, self._pcm = self._pcm, bytearray()
        self.speech_seconds = 0.0
        return pcm

    def wipe(self) -> None:
        """Overwrite the audio with zeros and let it go (after transcription, on cancel, at lock)."""
        self._pcm[:] = bytes(len(self._pcm))
        self._pcm.clear()
        self.speech_seconds = 0.0


def decibels(chunk: bytes) -> float:
    """The chunk's loudness in dB below full scale (0 is the loudest; -90 is silence)."""
    samples = array("h")
    samples.frombytes(chunk[: len(chunk) - len(chunk) % BYTES_PER_SAMPLE])
    if not samples:
        return -90.0
    mean_square = sum(s * s for s in samples) / len(samples)
    return max(-90.0, 10 * math.log10(mean_square / 32768**2)) if mean_square else -90.0


def meter(chunk: bytes) -> float:
    """0..1 for a level meter: -60 dB and below is empty, full scale is full."""
    return min(1.0, max(0.0, (decibels(chunk) + 60.0) / 60.0))


def to_float(pcm: bytes | bytearray) -> np.ndarray:
    """16-bit PCM as the float32 samples in -1..1 the speech model takes."""
    import numpy as np

    return np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0


def convert(pcm: bytes, rate: int, channels: int, width: int) -> bytearray:
    """Any PCM (8-, 16- or 32-bit, any rate, any channels) as 16 kHz mono 16-bit: channels are
    averaged and the rate changed by linear interpolation (speech needs no better)."""
    import numpy as np

    if width == 1:
        samples = (np.frombuffer(pcm, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    elif width == 2:
        samples = np.frombuffer(pcm, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 4:
        samples = np.frombuffer(pcm, dtype="<i4").astype(np.float32) / 2147483648.0
    else:
        raise InvalidValue("This WAV file's sample size is not one wvisit reads (8, 16 or 32 bit).")
    frames = len(samples) // channels
    mono = samples[: frames * channels].reshape(frames, channels).mean(axis=1)
    if rate != RATE and frames:
        count = int(frames * RATE / rate)
        mono = np.interp(np.arange(count) * (rate / RATE), np.arange(frames), mono).astype(np.float32)
    converted = (np.clip(mono, -1.0, 1.0) * 32767.0).astype("<i2")
    pcm16 = bytearray(converted.tobytes())
    converted.fill(0)
    mono.fill(0.0)
    return pcm16


def read_wav(source: Path | bytes) -> bytearray:
    """A WAV file (a path or its bytes) as 16 kHz mono 16-bit PCM, in memory."""
    try:
        with wave.open(io.BytesIO(source) if isinstance(source, bytes) else str(source), "rb") as wav:
            pcm = wav.readframes(wav.getnframes())
            return convert(pcm, wav.getframerate(), wav.getnchannels(), wav.getsampwidth())
    except FileNotFoundError:
        raise InvalidValue(f"There is no file {source if isinstance(source, Path) else ''}.") from None
    except (wave.Error, EOFError):
        raise InvalidValue("That is not a WAV file of plain PCM audio (record or save it as WAV).") from None


class Pauses:
    """Where a long, hands-free dictation can be cut for the model while the worker goes on: after
    at least `min_seconds` of audio, the first `pause_seconds` of silence. So text arrives sentence
    by sentence instead of all at the end."""

    def __init__(self, min_seconds: float = 4.0, pause_seconds: float = 0.7):
        self.min_seconds, self.pause_seconds = min_seconds, pause_seconds
        self._quiet = 0.0

    def cut_after(self, chunk: bytes, utterance: Utterance) -> bool:
        """Whether the utterance (with `chunk` already in it) should go to the model now."""
        seconds = len(chunk) / (RATE * BYTES_PER_SAMPLE)
        self._quiet = self._quiet + seconds if decibels(chunk) <= SILENCE_DB else 0.0
        if utterance.seconds >= self.min_seconds and self._quiet >= self.pause_seconds and utterance.heard_speech:
            self._quiet = 0.0
            return True
        return False
