"""The vault: passcode + device secret open the data key; nothing less does."""

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from tests.conftest import CHEAP_KDF, PASSCODE, make_child
from wvisit.errors import (
    DeviceSecretMissing,
    InvalidValue,
    KeyringUnavailable,
    PasscodeTooWeak,
    TooManyAttempts,
    VaultStopped,
    WrongPasscode,
)
from wvisit.store import Store
from wvisit.vault import Vault, recovery
from wvisit.vault.throttle import STOP_AFTER


def test_the_right_passcode_opens_the_same_key(data_dir):
    _, keys = Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    reopened = Vault.load(data_dir).unlock(PASSCODE)
    assert reopened.key_id == keys.key_id
    assert reopened.open("t", "r", 1, keys.seal("t", "r", 1, b"note")) == b"note"


def test_a_wrong_passcode_is_refused_and_counted(data_dir, vault_and_keys):
    vault = Vault.load(data_dir)
    with pytest.raises(WrongPasscode, match="not right"):
        vault.unlock("blue-kettle-43")
    assert Vault.load(data_dir)._header["attempts"]["failed"] == 1
    Vault.load(data_dir).unlock(PASSCODE)
    assert Vault.load(data_dir)._header["attempts"]["failed"] == 0


def test_wrong_passcodes_slow_down_then_stop(data_dir, vault_and_keys):
    vault = Vault.load(data_dir)
    now = 1_000_000.0
    waits = []
    for _ in range(STOP_AFTER):
        try:
            vault.unlock("wrong-passcode", now=now)
        except WrongPasscode:
            pass
        except TooManyAttempts as slow:
            waits.append(slow.wait_seconds)
            now += slow.wait_seconds
            with pytest.raises(WrongPasscode):
                vault.unlock("wrong-passcode", now=now)
    assert waits == sorted(waits) and waits[0] > 0 and len(waits) >= 5
    # Even the right passcode is refused once stopped: only IT's recovery key reopens.
    with pytest.raises(VaultStopped):
        Vault.load(data_dir).unlock(PASSCODE, now=now + 10_000)


def test_a_clock_set_back_does_not_lock_a_worker_out_for_days(data_dir, vault_and_keys):
    vault = Vault.load(data_dir)
    for _ in range(4):
        try:
            vault.unlock("wrong-passcode", now=2_000_000_000.0)
        except (WrongPasscode, TooManyAttempts):
            pass
    with pytest.raises(TooManyAttempts) as slow:
        vault.unlock(PASSCODE, now=1_000_000_000.0)  # the clock jumped back 30 years
    assert slow.value.wait_seconds <= 300


def test_passcode_change_rewraps_the_key_and_keeps_every_record(data_dir, vault_and_keys):
    vault, keys = vault_and_keys
    store = Store.open(data_dir, keys, "sw.test")
    child = make_child(store)
    sealed_before = store.conn.execute("SELECT sealed FROM children").fetchone()[0]
    store.close()

    Vault.load(data_dir).change_passcode(PASSCODE, "a-new-passcode")
    with pytest.raises(WrongPasscode):
        Vault.load(data_dir).unlock(PASSCODE)
    store = Store.open(data_dir, Vault.load(data_dir).unlock("a-new-passcode"), "sw.test")
    assert store.children.get(child.id).name == "Ada Example"
    assert store.conn.execute("SELECT sealed FROM children").fetchone()[0] == sealed_before


def test_a_short_passcode_is_refused_with_the_rule(data_dir):
    with pytest.raises(PasscodeTooWeak, match="at least 8"):
        Vault.create(data_dir, "short", "sw.test", kdf=CHEAP_KDF)
    assert not Vault.exists(data_dir)


def test_database_plus_passcode_without_the_device_secret_opens_nothing(data_dir, vault_and_keys, memory_keyring):
    memory_keyring.secrets.clear()  # the laptop's credential store is gone, the files remain
    with pytest.raises(DeviceSecretMissing):
        Vault.load(data_dir).unlock(PASSCODE)


def test_no_usable_keyring_is_a_clear_error_and_no_plain_fallback(data_dir):
    for backend in (keyring.backends.fail.Keyring(), keyring.backends.null.Keyring()):
        keyring.set_keyring(backend)
        with pytest.raises(KeyringUnavailable, match="credential store"):
            Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
        assert not list(data_dir.glob("*")) if data_dir.exists() else True


def test_the_recovery_key_reopens_records_after_a_forgotten_passcode(data_dir, tmp_path, memory_keyring):
    private_pem, public_pem = recovery.generate_pair()
    _, keys = Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF, recovery_public_pem=public_pem)
    store = Store.open(data_dir, keys, "sw.test")
    child = make_child(store)
    store.close()
    memory_keyring.secrets.clear()  # worse still: the credential store was wiped too

    keys = Vault.load(data_dir).recover(private_pem, "chosen-after-recovery")
    assert Store.open(data_dir, keys, "sw.test").children.get(child.id).name == "Ada Example"
    assert Vault.load(data_dir).unlock("chosen-after-recovery").key_id == keys.key_id


def test_another_councils_recovery_key_opens_nothing(data_dir):
    _, public_pem = recovery.generate_pair()
    other_private, _ = recovery.generate_pair()
    Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF, recovery_public_pem=public_pem)
    with pytest.raises(InvalidValue, match="does not open"):
        Vault.load(data_dir).recover(other_private, "chosen-after-recovery")


def test_shredding_leaves_nothing_that_opens(data_dir, vault_and_keys):
    Vault.load(data_dir).shred()
    with pytest.raises((DeviceSecretMissing, WrongPasscode)):
        Vault.load(data_dir).unlock(PASSCODE)
