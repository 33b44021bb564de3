"""The unlock window comes up without what unlocking leads to: the store, its SQLite wrapper, the
records' operations and the domain and tools behind them, dictation, policy files and the case-file
writers are imported after the window is painted, on the worker thread while the worker types the
passcode (docs/PERFORMANCE.md, cold start). A module-level import that drags one in makes every
start slower, silently."""

from __future__ import annotations

import subprocess
import sys

AFTER_UNLOCK = (
    "wvisit.store",
    "sqlite_utils",
    "cryptography",
    "keyring",
    "wvisit.app.exports",
    "wvisit.app.visits",
    "wvisit.tools",
    "wvisit.writing.case_file",
    "wvisit.ui.operations",
    "wvisit.ui.dictation",
    "wvisit.policy_files",
    "wvisit.ui.attachments_panel",
)

CHECK = f"""
import sys
import wvisit.cli, wvisit.ui.app, wvisit.ui.main_window
print(" ".join(sorted(name for name in {AFTER_UNLOCK!r} if name in sys.modules)))
"""


def test_the_unlock_window_imports_nothing_unlocking_leads_to():
    """As `wvisit` with no command starts: its command line, then the window."""
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, check=True, timeout=120)
    assert out.stdout.strip() == ""
