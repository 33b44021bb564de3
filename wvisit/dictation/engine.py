"""The speech model: Whisper, run by faster-whisper (CTranslate2) on this laptop's CPU.

The model is a folder IT provisions (`dictation_model` in the machine config: model.bin,
config.json and the tokenizer, in CTranslate2's format). Nothing is ever downloaded: a folder
that is not a model is refused with a plain sentence, and faster-whisper is told to use local files
only. `Engine.transcribe` is the one path from audio to text: the window's worker thread, the
`wvisit dictate` command and the tests all go through it.

CTranslate2 releases the GIL while it runs the model, so a thread of the app can transcribe while
the window keeps drawing (measured in docs/PERFORMANCE.md). It is given one core fewer than the
laptop has, so typing and autosave keep one.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from wvisit.dictation.audio import to_float
from wvisit.errors import WvisitError
from wvisit.writing.british_spelling import to_british
from wvisit.writing.spelling import SpellChecker

log = logging.getLogger(__name__)

MODEL_FILES = ("model.bin", "config.json")
NOT_SET_UP = "Dictation is not set up on this laptop: ask IT to provide a speech model (dictation_model)."
NOT_INSTALLED = "Dictation is not installed in this copy of wvisit (the dictation extra): ask IT."

# Whisper's published CTranslate2 model sizes (float16), to name a folder's model for IT.
_SIZES_MB = (("tiny", 100), ("base", 200), ("small", 600), ("medium", 1800), ("large", 10_000))


class DictationUnavailable(WvisitError):
    sentence = NOT_SET_UP


@dataclass(frozen=True)
class Segment:
    """A stretch of speech and its text, `start` and `end` in seconds from the start of the audio."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Availability:
    """Whether dictation can run here, which model it would use, or why not (a sentence for the worker)."""

    ready: bool
    model: str = ""
    why: str = ""


def model_folder(setting: str) -> Path:
    """The provisioned model's folder, checked; DictationUnavailable when there is none or it is not a model."""
    if not setting.strip():
        raise DictationUnavailable(NOT_SET_UP)
    folder = Path(setting).expanduser()
    missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
    tokenizer = (folder / "tokenizer.json").is_file() or any(folder.glob("vocabulary.*"))
    if missing or not tokenizer:
        raise DictationUnavailable(
            f"Dictation is not set up on this laptop: {folder} is not a Whisper model folder "
            "(it needs model.bin, config.json and tokenizer.json, in CTranslate2's format). Ask IT."
        )
    return folder


def model_name(folder: Path) -> str:
    """ "Whisper tiny.en (75 MB)": the size band of its model.bin and whether it is English only."""
    size_mb = (folder / "model.bin").stat().st_size / 1e6
    band = next(name for name, limit in _SIZES_MB if size_mb < limit)
    vocabulary = next(iter(sorted(folder.glob("vocabulary.*"))), None)
    english = vocabulary is not None and sum(1 for _ in vocabulary.open(encoding="utf-8")) < 51865
    return f"Whisper {band}{'.en' if english else ''} ({size_mb:.0f} MB)"


def availability(setting: str) -> Availability:
    """Whether dictation can run with this `dictation_model` setting, without loading the model."""
    try:
        folder = model_folder(setting)
    except DictationUnavailable as error:
        return Availability(False, why=str(error))
    if importlib.util.find_spec("faster_whisper") is None:
        return Availability(False, why=NOT_INSTALLED)
    return Availability(True, model=f"{model_name(folder)} in {folder}")


def threads() -> int:
    """One core fewer than the laptop has (at least one, at most four): the window keeps a core."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class Engine:
    """A loaded model (about 0.5 s for tiny.en). Load once and keep: transcriptions share it."""

    def __init__(self, folder: Path, cpu_threads: int | None = None):
        try:
            from faster_whisper import WhisperModel
        except ImportError:
            raise DictationUnavailable(NOT_INSTALLED) from None
        logging.getLogger("faster_whisper").setLevel(logging.WARNING)  # its debug lines are no business of the log
        self.folder = folder
        self.name = model_name(folder)
        try:
            self._model = WhisperModel(
                str(folder),
                device="cpu",
                compute_type="int8",
                cpu_threads=cpu_threads or threads(),
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as error:
            log.warning("dictation model did not load: %s", type(error).__name__)
            raise DictationUnavailable(
                f"Dictation is not set up on this laptop: the speech model in {folder} did not load. Ask IT."
            ) from None

    @classmethod
    def load(cls, setting: str) -> Engine:
        return cls(model_folder(setting))

    def transcribe(
        self,
        pcm: bytearray,
        cancelled: Callable[[], bool] = lambda: False,
        spelling: SpellChecker | None = None,
    ) -> Iterator[Segment]:
        """The text of 16 kHz mono 16-bit `pcm`, segment by segment as the model finishes each,
        in British spelling (with `spelling`, the British dictionary). The audio is wiped (zeros)
        when this ends - finished, cancelled or closed - and the caller's `pcm` with it.

        `cancelled` is asked between segments: the lock, or the worker pressing stop."""
        samples = to_float(pcm)
        try:
            if not len(samples) or cancelled():
                return
            found, _info = self._model.transcribe(
                samples,
                language="en",
                beam_size=5,
                vad_filter=False,  # pauses are found in capture (audio.Pauses); no second model to ship
                condition_on_previous_text=False,  # a misheard sentence does not steer the next
            )
            try:
                for segment in found:
                    if cancelled():
                        return
                    text = " ".join(segment.text.split())
                    if text:
                        yield Segment(round(segment.start, 2), round(segment.end, 2), to_british(text, spelling))
            finally:
                found.close()
        finally:
            samples.fill(0.0)
            pcm[:] = bytes(len(pcm))
            pcm.clear()
