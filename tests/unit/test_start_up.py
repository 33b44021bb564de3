"""The unlock window comes up without the store: the store, its SQLite wrapper and the case-file
writers are imported on the worker thread while the worker types the passcode (docs/PERFORMANCE.md,
cold start). A module-level import that drags them in makes every start slower, silently."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import wvisit.ui.app, wvisit.ui.main_window
print(" ".join(sorted(name for name in ("wvisit.store", "sqlite_utils", "wvisit.app.exports") if name in sys.modules)))
"""


def test_the_unlock_window_imports_neither_the_store_nor_the_exports():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == ""
