"""Where an export is offered to be saved: the user's documents folder, as the operating system names it.

A file dialog left to itself opens in the app's working folder, which for a packaged app may be its
install folder (read-only, or somewhere a worker never looks again). Documents is where a worker
expects a case-file PDF or a letter to be, and where their own backup or OneDrive already reaches.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def suggested(name: str) -> str:
    """`name` in the documents folder, as a save dialog's starting path."""
    return str(documents_folder() / name)
