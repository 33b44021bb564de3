"""The window's dictation: one speech model and one worker thread that turns heard audio into text.

Why a thread and not a process: CTranslate2 runs the model with the GIL released, so the window
keeps drawing, typing and autosaving while it works (the longest stall of the UI thread is measured
in docs/PERFORMANCE.md), and a thread shares the loaded model instead of loading it again.

Each stretch of speech is a job: its segments come back to the UI thread one by one as the model
finishes them, to the widget that asked (dropped if that widget has gone). The model is loaded on
the first job, or when the worker starts speaking (`warm`), and then kept: it holds nothing personal.
The audio is: locking cancels every job, wipes audio still waiting, and lets no text arrive after.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from wvisit.dictation.engine import Availability, DictationUnavailable, Engine, Segment, availability
from wvisit.ui.capture import prepare_microphone
from wvisit.ui.lifecycle import SessionState

log = logging.getLogger(__name__)

_ENGINES: dict[str, Engine] = {}  # loaded models by setting, shared by every window of the process
_LOADING = threading.Lock()


def shared_engine(setting: str) -> Engine:
    """The model for `setting`, loaded once per process (about half a second for tiny.en)."""
    with _LOADING:
        if setting not in _ENGINES:
            _ENGINES[setting] = Engine.load(setting)
        return _ENGINES[setting]


def wipe(audio: bytearray) -> None:
    """Zeros over the audio, then let it go. If the worker thread is copying it at this instant
    (numpy holds it), the worker wipes it as soon as it is done."""
    try:
        audio[:] = bytes(len(audio))
        audio.clear()
    except BufferError:
        pass


@dataclass(eq=False)
class Job:
    """One stretch of speech on its way to text. `audio` is wiped by the engine when done or cancelled."""

    owner: QObject
    audio: bytearray
    on_segment: Callable[[Segment], None]
    on_done: Callable[[str], None]  # "" when it finished; otherwise a sentence saying why not
    cancelled: threading.Event = field(default_factory=threading.Event)


class _Relay(QObject):
    segment = Signal(object, object)  # job, Segment
    done = Signal(object, str)  # job, "" or why it did not finish


class _Transcribe(QRunnable):
    def __init__(self, dictation: Dictation, job: Job):
        super().__init__()
        self._dictation, self._job = dictation, job

    def run(self) -> None:
        job, relay = self._job, self._dictation.relay
        why = ""
        try:
            if job.cancelled.is_set():
                return
            engine = shared_engine(self._dictation.setting)
            for segment in engine.transcribe(job.audio, job.cancelled.is_set, self._dictation.spelling()):
                relay.segment.emit(job, segment)
        except DictationUnavailable as error:
            why = str(error)
        except Exception as error:  # the worker is told; nothing personal reaches the log
            log.error("dictation failed: %s", type(error).__name__)
            why = "Dictation stopped unexpectedly. What you typed is safe; try again."
        finally:
            wipe(job.audio)  # wiped already unless the model never started
            relay.done.emit(job, why)


class Dictation(QObject):
    """Follows the session (ui/lifecycle.py): locking cancels every job and tells the bars to drop
    what they are hearing (`stop_listening`)."""

    stop_listening = Signal()

    def __init__(self, setting: str, parent: QObject | None = None):
        super().__init__(parent)
        self.setting = setting
        self.availability: Availability = availability(setting)
        self.relay = _Relay()
        self.relay.segment.connect(self._segment)
        self.relay.done.connect(self._done)
        self._lane = QThreadPool(self)
        self._lane.setMaxThreadCount(1)
        self._jobs: list[Job] = []
        self._checker = None
        self._checker_loaded = False
        if self.ready:
            prepare_microphone()

    @property
    def ready(self) -> bool:
        return self.availability.ready

    @property
    def busy(self) -> bool:
        return bool(self._jobs)

    def spelling(self):
        """The British dictionary for dictated text, on the worker thread: its own, apart from the editor's."""
        if not self._checker_loaded:
            from wvisit.writing.spelling import british

            self._checker, self._checker_loaded = british(private=True)[0], True
        return self._checker

    def warm(self) -> None:
        """Load the model now, while the worker speaks, so the text is not kept waiting for it."""
        if self.ready and self.setting not in _ENGINES:
            self._lane.start(_Warm(self))

    def transcribe(
        self,
        owner: QObject,
        audio: bytearray,
        on_segment: Callable[[Segment], None],
        on_done: Callable[[str], None],
    ) -> Job:
        job = Job(owner, audio, on_segment, on_done)
        self._jobs.append(job)
        self._lane.start(_Transcribe(self, job))
        return job

    def cancel(self, owner: QObject | None = None) -> None:
        """Cancel the jobs of `owner` (all with None): no more text from them, and their audio goes."""
        for job in self._jobs:
            if owner is None or job.owner is owner:
                job.cancelled.set()
                wipe(job.audio)

    def follow(self, state: SessionState) -> None:
        if state.closing or state is SessionState.ENDED:
            self.stop_listening.emit()
            self.cancel()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the worker thread is idle (tests, quitting); whether it is."""
        return self._lane.waitForDone(msecs)

    def _segment(self, job: Job, segment: Segment) -> None:
        if not job.cancelled.is_set() and shiboken6.isValid(job.owner):
            job.on_segment(segment)

    def _done(self, job: Job, why: str) -> None:
        self._jobs = [j for j in self._jobs if j is not job]
        if not job.cancelled.is_set() and shiboken6.isValid(job.owner):
            job.on_done(why)


class _Warm(QRunnable):
    def __init__(self, dictation: Dictation):
        super().__init__()
        self._dictation = dictation

    def run(self) -> None:
        try:
            shared_engine(self._dictation.setting)
            self._dictation.spelling()
        except DictationUnavailable:
            pass  # the first job says why, to the widget that asked
