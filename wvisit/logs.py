"""The rotating log file. Log lines name actions, record ids and error kinds, never a personal value.

Why a rule and not a filter: a filter cannot know which words are a child's name. So
nothing personal is ever passed to a logger: callers log ids and exception class names,
and WvisitError sentences, which are written to hold no personal value either.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "wvisit.log"


def setup(log_dir: Path, level: str = "INFO") -> Path:
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    root = logging.getLogger("wvisit")
    root.setLevel(level)
    if not any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    return path
