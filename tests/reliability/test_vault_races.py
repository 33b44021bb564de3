"""Racing writers: several processes guessing and changing the passcode at once never break the key file.

Real processes (multiprocessing, spawn: the same on every OS), each with the in-memory
keyring of tests/conftest.py holding the device secret the parent made, all on one vault
in tmp_path.
"""

from __future__ import annotations

import json
import multiprocessing
from pathlib import Path

import keyring
import pytest

from tests.conftest import PASSCODE, MemoryKeyring
from wvisit.errors import TooManyAttempts, VaultChangedElsewhere, WrongPasscode
from wvisit.vault import Vault
from wvisit.vault.kdf import KdfParams
from wvisit.vault.vault import _passcode_wrap

OTHER = "second-passcode"
WAIT = 120  # seconds: generous for a loaded machine; every wait ends as soon as the work does


def use_keyring(secrets: dict) -> None:
    backend = MemoryKeyring()
    backend.secrets.update(secrets)
    keyring.set_keyring(backend)


def whole(data_dir: Path) -> bool:
    """Whether vault.json, read raw as anyone might, is a complete key file."""
    try:
        return "dek_wrap" in json.loads((data_dir / "vault.json").read_text())
    except ValueError:
        return False


def guesser(data_dir: Path, secrets: dict, start, stop, guesses: int, now: float, results) -> None:
    """Wrong passcodes, each from a freshly loaded Vault (as separate app launches would)."""
    use_keyring(secrets)
    start.wait()
    outcomes = []
    while len(outcomes) < guesses or (guesses == 0 and not stop.is_set()):
        try:
            Vault.load(data_dir).unlock("not-the-passcode", now=now)
            outcome = "opened"
        except WrongPasscode:
            outcome = "wrong"
        except TooManyAttempts:
            outcome = "wait"
        except Exception as error:
            outcome = type(error).__name__
        outcomes.append(outcome if whole(data_dir) else "torn")
    results.put(outcomes)


def changer(data_dir: Path, secrets: dict, start, stop, changes: int, results) -> None:
    """The worker changing the passcode back and forth while the guessing goes on."""
    use_keyring(secrets)
    start.wait()
    current, other = PASSCODE, OTHER
    outcomes = []
    try:
        for _ in range(changes):
            Vault.load(data_dir).change_passcode(current, other)
            current, other = other, current
            outcomes.append("changed" if whole(data_dir) else "torn")
    except Exception as error:
        outcomes.append(type(error).__name__)
    finally:
        stop.set()
        results.put(outcomes)


def run(processes, results) -> list[str]:
    """Start them together and gather every outcome (each process sends its list once, at its end)."""
    for process in processes:
        process.start()
    outcomes = [outcome for _ in processes for outcome in results.get(timeout=WAIT)]
    for process in processes:
        process.join(WAIT)
        assert process.exitcode == 0
    return outcomes


@pytest.fixture
def spawn():
    return multiprocessing.get_context("spawn")


def test_parallel_wrong_guesses_each_count(data_dir, vault_and_keys, memory_keyring, spawn):
    start, stop, results = spawn.Barrier(4), spawn.Event(), spawn.Queue()
    now = 1_000_000.0  # one instant for all: three free tries between them, then everyone must wait
    args = (data_dir, memory_keyring.secrets, start, stop, 3, now, results)
    outcomes = run([spawn.Process(target=guesser, args=args) for _ in range(4)], results)
    assert sorted(set(outcomes)) == ["wait", "wrong"], outcomes
    assert outcomes.count("wrong") == 3 == Vault.load(data_dir)._header["attempts"]["failed"]


def test_guessing_while_the_passcode_changes_keeps_the_file_whole_and_the_right_passcode_working(
    data_dir, vault_and_keys, memory_keyring, spawn
):
    start, stop, results = spawn.Barrier(4), spawn.Event(), spawn.Queue()
    # The guessers' clock reads 1970, so their waits never hold up the worker's real-clock
    # changes; what is under test here is the file, not the delays.
    guessing = (data_dir, memory_keyring.secrets, start, stop, 0, 0.0, results)
    processes = [spawn.Process(target=guesser, args=guessing) for _ in range(3)]
    processes.append(spawn.Process(target=changer, args=(data_dir, memory_keyring.secrets, start, stop, 8, results)))
    outcomes = run(processes, results)
    assert set(outcomes) <= {"wrong", "wait", "changed"}, outcomes
    assert outcomes.count("changed") == 8 and outcomes.count("wrong") > 0
    assert Vault.load(data_dir).unlock(PASSCODE).key_id == vault_and_keys[1].key_id
    with pytest.raises(WrongPasscode):
        Vault.load(data_dir).unlock(OTHER)
    good = json.loads((data_dir / "vault.json.good").read_text())
    assert good == json.loads((data_dir / "vault.json").read_text())


def test_a_vault_loaded_before_a_passcode_change_never_brings_the_old_passcode_back(data_dir, vault_and_keys):
    stale = Vault.load(data_dir)
    Vault.load(data_dir).change_passcode(PASSCODE, OTHER)
    with pytest.raises(WrongPasscode):
        stale.unlock("not-the-passcode")  # counted on the file as it is now, not on the old copy
    with pytest.raises(WrongPasscode):
        Vault.load(data_dir).unlock(PASSCODE)
    assert Vault.load(data_dir).unlock(OTHER).key_id == vault_and_keys[1].key_id
    assert stale.unlock(OTHER).key_id == vault_and_keys[1].key_id
    with pytest.raises(WrongPasscode):
        stale.change_passcode(PASSCODE, "third-passcode")
    assert Vault.load(data_dir).unlock(OTHER).is_open


def test_a_rewrap_based_on_a_header_whose_wraps_changed_since_is_refused(data_dir, vault_and_keys):
    vault, keys = vault_and_keys
    based_on = dict(Vault.load(data_dir)._header)
    Vault.load(data_dir).change_passcode(PASSCODE, OTHER)  # another window, meanwhile
    late = _passcode_wrap(keys.dek(), "third-passcode", b"any secret", KdfParams(n=2**10), vault.vault_id)
    with pytest.raises(VaultChangedElsewhere, match="changed in another"):
        vault._replace_wraps(late, based_on)
    assert Vault.load(data_dir).unlock(OTHER).is_open
