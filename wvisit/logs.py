"""The rotating log file. Log lines name actions, record ids and error kinds, never a personal value.

Why a rule and not a filter: a filter cannot know which words are a child's name. So
nothing personal is ever passed to a logger: callers log ids and exception class names,
and WvisitError sentences, which are written to hold no personal value either.
"""

from __future__ import annotations

import logging
from pathlib import Path

LOG_NAME = "wvisit.log"
MAX_BYTES, BACKUPS = 1_000_000, 5


def setup(log_dir: Path, level: str = "INFO") -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    root = logging.getLogger("wvisit")
    root.setLevel(level)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = RotatingLog(path)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path


class RotatingLog(logging.Handler):
    """The log file, rotated at MAX_BYTES with BACKUPS older files kept, by logging.handlers' RotatingFileHandler,
    which this makes at the first line logged, not at setup: logging.handlers imports socket, pickle and queue
    (~9 ms), and `wvisit` paints its unlock window before it logs anything (docs/PERFORMANCE.md, cold start).
    The file is made at setup, as a file handler makes it, and every line is written to it as it is logged."""

    def __init__(self, path: Path):
        super().__init__()
        self.baseFilename = str(path)
        path.touch()
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:  # logging holds this handler's lock here: one thread makes it
            import logging.handlers

            self._file = logging.handlers.RotatingFileHandler(
                self.baseFilename, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
            )
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()
