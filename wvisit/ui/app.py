"""Start the desktop app: one QApplication, the Fusion style with the system's palette, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication

from wvisit import __version__, resources
from wvisit.config import Config
from wvisit.ui.main_window import STORE_LANE_MODULES, UI_THREAD_MODULES, MainWindow, import_ahead


def make_app() -> QApplication:
    """Fusion: the same look on every OS, following the light or dark system palette. Named on Qt's
    own command line when the app is made here: setStyle from Python costs the start ~6 ms more."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([*sys.argv[:1], "-style", "Fusion"])
    else:
        app.setStyle("Fusion")
    app.setApplicationName("wvisit")
    app.setApplicationVersion(__version__)
    app.setWindowIcon(QIcon(str(resources.folder() / "wvisit.png")))
    return app


def start(config: Config, demo_hint: str = "") -> MainWindow:
    """Show the main window at its unlock screen (benchmarks/bench_ui.py times this from spawn).

    The rest of the start waits until the window is painted, while the worker types the passcode:
    importing the store and the records' logic on the store lane and the first screens on the UI
    thread, then deleting decrypted copies a crash left behind, on the store lane. An unlock queues
    behind both.
    """
    window = MainWindow(config, Path(config.data_dir), demo_hint)
    window.resize(1100, 760)
    window.first_painted.connect(lambda: _rest_of_start(window))
    _quit_by_closing(window)
    window.show()
    return window


def _quit_by_closing(window: MainWindow) -> None:
    """Ctrl+Q closes the window as its close button does:
    what is typed is saved (and waited for), a sync waiting on the central record is cut short (not
    waited out to its timeout), the key is forgotten."""
    quit_action = QAction("Quit", window)
    quit_action.setShortcuts([QKeySequence("Ctrl+Q")])
    quit_action.triggered.connect(window.close)
    window.addAction(quit_action)


def _rest_of_start(window: MainWindow) -> None:
    window.ops.run(window, lambda: import_ahead(STORE_LANE_MODULES))
    import_ahead(UI_THREAD_MODULES)
    from wvisit.ui.attachments_panel import sweep_stale_copies

    window.ops.run(window, sweep_stale_copies)


def run(config: Config, demo_hint: str = "") -> int:
    app = make_app()
    window = start(config, demo_hint)
    app.aboutToQuit.connect(window.close)  # a quit asked by the system goes the way Ctrl+Q does
    code = app.exec()
    window.ops.wait()  # the rest of the start may still be importing (closed at once): it ends first
    return code
