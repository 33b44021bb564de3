"""The vault: passcode + device secret open the data key; nothing less does."""

import contextlib
import json

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from tests.conftest import CHEAP_KDF, PASSCODE, make_child
from wvisit.demo import DEMO_PASSCODE
from wvisit.errors import (
    AttemptsTampered,
    DeviceSecretMissing,
    InvalidValue,
    KeyringUnavailable,
    PasscodeTooWeak,
    TooManyAttempts,
    VaultStopped,
    VaultUnwritable,
    WrongPasscode,
)
from wvisit.store import Store
from wvisit.vault import Vault, recovery
from wvisit.vault.throttle import STOP_AFTER
from wvisit.vault.vault import check_policy

try:
    import resource
except ImportError:  # Windows
    resource = None


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
        with contextlib.suppress(WrongPasscode, TooManyAttempts):
            vault.unlock("wrong-passcode", now=2_000_000_000.0)
    with pytest.raises(TooManyAttempts) as slow:
        vault.unlock(PASSCODE, now=1_000_000_000.0)  # the clock jumped back 30 years
    assert slow.value.wait_seconds <= 300


def test_passcode_change_rewraps_the_key_and_keeps_every_record(data_dir, vault_and_keys):
    _, keys = vault_and_keys
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
    with pytest.raises(PasscodeTooWeak, match="at least 10"):
        Vault.create(data_dir, "nine-char", "sw.test", kdf=CHEAP_KDF)
    with pytest.raises(PasscodeTooWeak, match="at least 16"):  # IT's setting, passed in by the caller
        Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF, min_length=16)
    assert not Vault.exists(data_dir)


@pytest.mark.parametrize("common", ["password123", "QWERTYUIOP", "1234567890", "LetMeIn123", "aaaaaaaaaaaa"])
def test_the_commonest_passwords_and_one_repeated_character_are_refused(data_dir, vault_and_keys, common):
    with pytest.raises(PasscodeTooWeak, match="guessed"):
        Vault.create(data_dir / "other", common, "sw.test", kdf=CHEAP_KDF)
    with pytest.raises(PasscodeTooWeak, match="guessed"):
        Vault.load(data_dir).change_passcode(PASSCODE, common)
    assert Vault.load(data_dir).unlock(PASSCODE).key_id == vault_and_keys[1].key_id


def test_the_passcodes_used_in_tests_and_the_demo_pass_the_policy():
    for passcode in [PASSCODE, DEMO_PASSCODE, "another-passcode", "a-new-passcode", "second-passcode"]:
        check_policy(passcode)


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


def stop_the_vault(data_dir) -> float:
    """Ten wrong passcodes, waiting out each delay; returns the clock after them."""
    now = 1_000_000.0
    for _ in range(STOP_AFTER):
        try:
            Vault.load(data_dir).unlock("wrong-passcode", now=now)
        except WrongPasscode:
            pass
        except TooManyAttempts as slow:
            now += slow.wait_seconds
            with pytest.raises(WrongPasscode):
                Vault.load(data_dir).unlock("wrong-passcode", now=now)
    return now


def edit_attempts(data_dir, **values) -> None:
    """What someone with the folder could do: rewrite the count in vault.json and its good copy."""
    for name in ("vault.json", "vault.json.good"):
        path = data_dir / name
        header = json.loads(path.read_text())
        header["attempts"].update(values)
        path.write_text(json.dumps(header))


@pytest.mark.parametrize("edit", [{"failed": 0}, {"failed": 0, "retry_after": 0.0}, {"mac": "AAAA"}])
def test_setting_the_count_back_by_hand_does_not_lift_the_stop(data_dir, vault_and_keys, edit):
    now = stop_the_vault(data_dir)
    edit_attempts(data_dir, **edit)
    with pytest.raises(AttemptsTampered, match="altered") as refused:
        Vault.load(data_dir).unlock(PASSCODE, now=now + 10_000)
    assert isinstance(refused.value, VaultStopped)


def test_removing_the_count_check_is_the_stop_state_too(data_dir, vault_and_keys):
    for name in ("vault.json", "vault.json.good"):
        header = json.loads((data_dir / name).read_text())
        header["attempts"] = {"failed": 0, "retry_after": 0.0}
        (data_dir / name).write_text(json.dumps(header))
    with pytest.raises(AttemptsTampered):
        Vault.load(data_dir).unlock(PASSCODE)


def test_the_recovery_key_reopens_a_stopped_vault_and_signs_a_fresh_count(data_dir, memory_keyring):
    private_pem, public_pem = recovery.generate_pair()
    Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF, recovery_public_pem=public_pem)
    stop_the_vault(data_dir)
    edit_attempts(data_dir, failed=0)
    Vault.load(data_dir).recover(private_pem, "chosen-after-recovery")
    assert Vault.load(data_dir).unlock("chosen-after-recovery").is_open


@pytest.mark.skipif(resource is None, reason="needs a file-size limit (POSIX)")
@pytest.mark.parametrize("passcode", [PASSCODE, "wrong-passcode"])
def test_a_full_disk_refuses_the_attempt_plainly_and_does_not_try_the_passcode(data_dir, vault_and_keys, passcode):
    before = (data_dir / "vault.json").read_bytes()
    vault = Vault.load(data_dir)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64, hard))  # a real OS refusal: no file may grow past 64 bytes
    try:
        with pytest.raises(VaultUnwritable, match="disk is full") as refused:
            vault.unlock(passcode)
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert "The passcode was not tried." in str(refused.value)
    assert (data_dir / "vault.json").read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == ["vault.json", "vault.json.good", "vault.json.lock"]
    assert Vault.load(data_dir).unlock(PASSCODE).is_open  # space again: the count was never wrong


def test_verify_checks_the_passcode_without_counting(data_dir, vault_and_keys):
    _, keys = vault_and_keys
    vault = Vault.load(data_dir)
    for _ in range(STOP_AFTER + 2):
        assert vault.verify("wrong-passcode", keys) is False
    assert vault.verify(PASSCODE, keys) is True
    assert Vault.load(data_dir)._header["attempts"]["failed"] == 0
    other_dir = data_dir.parent / "other"
    _, other_keys = Vault.create(other_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    assert vault.verify(PASSCODE, other_keys) is False  # the same words, but not this session's key
