"""The device secret goes only to a credential store that protects it, never to a plain file by accident."""

import re
from pathlib import Path

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

from tests.conftest import CHEAP_KDF, PASSCODE
from wvisit import selftest
from wvisit.errors import KeyringNotSafe
from wvisit.vault import Vault

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plaintext_keyring(tmp_path, monkeypatch):
    """keyrings.alt's file keyring, as keyring would pick it on a laptop with no OS credential store."""
    monkeypatch.delenv("WVISIT_ALLOW_PLAINTEXT_KEYRING", raising=False)
    backend = PlaintextKeyring()
    backend.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")
    keyring.set_keyring(backend)
    return Path(backend.file_path)


def test_a_plaintext_keyring_is_refused_before_the_secret_is_written(data_dir, plaintext_keyring):
    with pytest.raises(KeyringNotSafe) as refused:
        Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    assert "plain file" in str(refused.value) and "credential store" in str(refused.value)
    assert not plaintext_keyring.exists()
    assert not Vault.exists(data_dir)


def test_the_demo_may_keep_the_secret_in_a_plaintext_keyring_when_it_says_so(data_dir, plaintext_keyring, monkeypatch):
    monkeypatch.setenv("WVISIT_ALLOW_PLAINTEXT_KEYRING", "1")
    _, keys = Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    keys.forget()
    assert plaintext_keyring.exists()
    assert Vault.load(data_dir).unlock(PASSCODE).is_open


def test_the_self_test_fails_on_a_plaintext_keyring(plaintext_keyring):
    said: list[str] = []
    assert not selftest.run(said.append)
    assert any(line.startswith("FAIL  credential store") and "plain file" in line for line in said)


def test_the_in_memory_keyring_of_the_tests_needs_no_setting(data_dir, monkeypatch):
    monkeypatch.delenv("WVISIT_ALLOW_PLAINTEXT_KEYRING", raising=False)
    _, keys = Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    assert keys.is_open


def test_the_bundle_does_not_ship_the_plaintext_keyrings():
    spec = (ROOT / "build.spec").read_text()
    hidden = re.search(r"hiddenimports=(.*)", spec).group(1)
    assert "keyrings.alt" not in hidden
    assert '"keyrings.alt"' in spec.split("NOT_IN_THE_LAPTOP = [", 1)[1].split("]", 1)[0]
