"""Another user on the same laptop cannot read the records' files: files 0600, the folder 0700."""

import os
import stat
import sys

import pytest

from tests.conftest import make_child

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def test_every_file_of_the_records_is_private_to_the_worker(store, data_dir):
    make_child(store)  # the WAL and shared-memory files exist now
    assert stat.S_IMODE(os.stat(data_dir).st_mode) == 0o700
    files = [path for path in data_dir.iterdir() if path.is_file()]
    assert {path.name for path in files} >= {"wvisit.db", "wvisit.db-wal", "vault.json"}
    assert {path.name: stat.S_IMODE(path.stat().st_mode) for path in files} == {path.name: 0o600 for path in files}
