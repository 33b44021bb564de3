"""Start the desktop app: one QApplication, the Fusion style with the system's palette, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wvisit import __version__, resources
from wvisit.config import Config
from wvisit.ui.main_window import MainWindow, load_for_unlock


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("wvisit")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # same look on every OS; follows the light or dark system palette
    app.setWindowIcon(QIcon(str(resources.folder() / "wvisit.png")))
    return app


def start(config: Config, demo_hint: str = "") -> MainWindow:
    """Show the main window at its unlock screen (benchmarks/bench_ui.py times this from spawn).

    The rest of the start waits until the window is painted, then runs on the store lane while the
    worker types the passcode: deleting decrypted copies a crash left behind, and importing what
    unlocking needs (main_window.load_for_unlock). An unlock pressed sooner queues behind it.
    """
    window = MainWindow(config, Path(config.data_dir), demo_hint)
    window.resize(1100, 760)
    _AfterFirstPaint(window)
    window.show()
    return window


class _AfterFirstPaint(QObject):
    """Starts the rest of the start once the window has painted itself: work on the store lane
    started sooner would share the processor (and Python's lock) with that first paint."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint:
            self._window.removeEventFilter(self)
            QTimer.singleShot(0, self._start)  # once this paint is done
        return False

    def _start(self) -> None:
        self._window.ops.run(self._window, _rest_of_start)


def _rest_of_start() -> None:
    from wvisit.ui.attachments_panel import sweep_stale_copies

    sweep_stale_copies()
    load_for_unlock()


def run(config: Config, demo_hint: str = "") -> int:
    app = make_app()
    window = start(config, demo_hint)  # noqa: F841 - kept alive while the app runs
    return app.exec()
