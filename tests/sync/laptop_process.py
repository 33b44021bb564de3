"""Run `wvisit` as a laptop does: a new process, with only what is on disk and in its credential store.

The test's in-memory keyring is handed to the child process (the same secrets a real OS keyring
keeps across restarts), so nothing of the test's own process - no access token, no open store -
helps the command along.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import PASSCODE
from tests.memory_keyring import MemoryKeyring
from tests.sync.central_server import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = (
    "import json, keyring, sys; from tests.memory_keyring import MemoryKeyring; backend = MemoryKeyring(); "
    "[backend.set_password(*item) for item in json.loads(sys.argv[1])]; keyring.set_keyring(backend); "
    "from wvisit.cli import main; sys.exit(main(sys.argv[2:]))"
)


def wvisit_command(data_dir: Path, keyring_backend: MemoryKeyring, *args: str) -> tuple[list[str], dict]:
    """The command line and environment of `wvisit ARGS` in a new process on this laptop's data."""
    env = {
        **os.environ,
        "WVISIT_DATA_DIR": str(data_dir),
        "WVISIT_PASSCODE": PASSCODE,
        "WVISIT_CENTRAL_PASSWORD": DEMO_PASSWORD,
        "PYTHONPATH": str(ROOT),
    }
    secrets = json.dumps([[service, user, secret] for (service, user), secret in keyring_backend.secrets.items()])
    return [sys.executable, "-c", SCRIPT, secrets, *args], env


def run_wvisit(data_dir: Path, keyring_backend: MemoryKeyring, *args: str) -> subprocess.CompletedProcess:
    command, env = wvisit_command(data_dir, keyring_backend, *args)
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
