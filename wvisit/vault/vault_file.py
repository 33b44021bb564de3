"""vault.json on disk: read it, and change it under an OS lock, so racing writers never corrupt it.

Why a module of its own: the app, a second window and a CLI command may all touch the key
file at once (a wrong guess counts, a passcode changes). Every read and every
read-modify-write holds an exclusive OS lock on `vault.json.lock` (fcntl.flock on POSIX,
msvcrt.locking on Windows), and a change is always applied to the file as it is *now*, read
under that lock, never to a copy read earlier. Each write goes to its own temp file
(mkstemp in the same folder, 0600), is fsynced, renamed over vault.json and the folder is
fsynced: a dead battery leaves the old file or the new one, never half of one. The same bytes
then go to `vault.json.good`, the last known good copy, which `read` falls back to (saying
so) when vault.json is missing or damaged. Every write raises `generation` by one.

What a header means is vault.py's business: it hands in `parse`, which returns the header
or raises ValueError (damaged, naming the field) or VaultTooNew (never falls back: the
newer file must not be overwritten with an older copy).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wvisit.errors import StoreCorrupt, VaultExists, VaultMissing, VaultUnwritable
from wvisit.vault.files import GOOD_FILE, LOCK_FILE, VAULT_FILE, vault_present

log = logging.getLogger(__name__)

Header = dict[str, Any]
"""The key file's JSON object. What each field means, and the check that it is valid, is vault.py's."""
Parse = Callable[[bytes, Path], Header]
FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}

if sys.platform == "win32":
    import msvcrt

    def _acquire(fd: int) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError as error:  # LK_LOCK gives up after ten seconds; the other writer is still busy
                if error.errno != errno.EDEADLOCK:
                    raise

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _acquire(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class Change:
    """The header as it is on disk while the lock is held; `write` replaces it."""

    def __init__(self, vault_file: VaultFile, header: Header, outcome: str):
        self._file, self.header, self._outcome = vault_file, header, outcome

    def write(self, header: Header) -> Header:
        """Write `header` as the next generation; returns what was written. Durable on return."""
        written = {**header, "generation": self.header.get("generation", 0) + 1}
        self._file.write_unlocked(written, self._outcome)
        self.header = written
        return written


class VaultFile:
    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.path = data_dir / VAULT_FILE
        self.good = data_dir / GOOD_FILE

    def exists(self) -> bool:
        return vault_present(self.data_dir)

    def read(self, parse: Parse) -> tuple[Header, str | None]:
        """The header, and a plain notice when it came from the good copy (else None)."""
        if not self.exists():
            raise VaultMissing()
        with self._locked():
            return self._read_unlocked(parse)

    @contextmanager
    def change(self, parse: Parse, outcome: str = "Nothing was changed.") -> Iterator[Change]:
        """Hold the lock for one read-modify-write; `outcome` is said if the write fails."""
        if not self.exists():
            raise VaultMissing()
        with self._locked():
            header, _ = self._read_unlocked(parse)
            yield Change(self, header, outcome)

    def create(self, header: Header) -> None:
        """Write the first header; VaultExists if another process set one up meanwhile."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.data_dir, 0o700)
        with self._locked():
            if self.exists():
                raise VaultExists()
            self.write_unlocked(header, "Nothing was set up.")

    def write_unlocked(self, header: Header, outcome: str) -> None:
        """Replace vault.json, then its good copy; the caller holds the lock.

        A good copy that cannot be written is logged, not raised: vault.json itself, the
        file that counts, is already durable, and saying "not saved" would be untrue."""
        data = json.dumps(header, indent=1).encode("utf-8")
        try:
            _replace_atomically(self.path, data)
        except OSError as error:
            raise VaultUnwritable(str(self.path), error.errno in FULL, outcome) from None
        try:
            _replace_atomically(self.good, data)
        except OSError as error:
            log.warning("the key file's good copy was not written: %s", type(error).__name__)

    def _read_unlocked(self, parse: Parse) -> tuple[Header, str | None]:
        try:
            return parse(self.path.read_bytes(), self.path), None
        except FileNotFoundError:
            why = "was missing"
        except IsADirectoryError:
            why = "is a folder, not a file"
        except ValueError as damage:
            why = f"is damaged ({damage})"
        except OSError as error:
            why = f"cannot be read ({type(error).__name__})"
        try:
            header = parse(self.good.read_bytes(), self.path)
        except (OSError, ValueError):
            raise StoreCorrupt(str(self.path), f"the key file {why} and it has no good copy to fall back on") from None
        log.warning("the key file %s; using its last good copy", why)
        return header, f"The key file {VAULT_FILE} {why}, so wvisit used its last good copy ({GOOD_FILE})."

    @contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            fd = os.open(self.data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise VaultUnwritable(str(self.data_dir / LOCK_FILE), error.errno in FULL) from None
        try:
            _acquire(fd)
            try:
                yield
            finally:
                _release(fd)
        finally:
            os.close(fd)


def _replace_atomically(path: Path, data: bytes) -> None:
    """Write a unique temp file beside `path` (0600), fsync it, rename it over `path`, fsync the folder."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable (POSIX only: Windows cannot open a folder for fsync)."""
    if os.name == "posix":
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
