"""Start the desktop app: one QApplication, the Fusion style with the system's palette, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from wvisit import __version__, resources
from wvisit.config import Config
from wvisit.ui.main_window import MainWindow


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("wvisit")
    app.setApplicationVersion(__version__)
    app.setStyle("Fusion")  # same look on every OS; follows the light or dark system palette
    app.setWindowIcon(QIcon(str(resources.folder() / "wvisit.png")))
    return app


def start(config: Config, demo_hint: str = "") -> MainWindow:
    """Show the main window at its unlock screen (benchmarks/bench_ui.py times this from spawn)."""
    from wvisit.ui.attachments_panel import sweep_stale_copies  # here: the unlock window loads no more than it needs

    sweep_stale_copies()
    window = MainWindow(config, Path(config.data_dir), demo_hint)
    window.resize(1100, 760)
    window.show()
    return window


def run(config: Config, demo_hint: str = "") -> int:
    app = make_app()
    window = start(config, demo_hint)  # noqa: F841 - kept alive while the app runs
    return app.exec()
