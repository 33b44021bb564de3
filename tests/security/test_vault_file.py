"""The key file on disk: private, written whole, never a traceback when damaged, with a good copy to fall back on."""

import json
import os
import stat

import pytest

from tests.conftest import CHEAP_KDF, PASSCODE
from wvisit.errors import StoreCorrupt, VaultMissing, VaultTooNew, VaultUnwritable, WrongPasscode, WvisitError
from wvisit.vault import Vault


def header_of(data_dir, name="vault.json") -> dict:
    return json.loads((data_dir / name).read_text())


def rewrite(path, change) -> None:
    header = json.loads(path.read_text())
    change(header)
    path.write_text(json.dumps(header))


DAMAGE = {
    "half a file": lambda path: path.write_text('{"format": 2, "vault_'),
    "not UTF-8": lambda path: path.write_bytes(b"\xff\xfe{}"),
    "a JSON list": lambda path: path.write_text("[1, 2, 3]"),
    "a missing key": lambda path: rewrite(path, lambda h: h.pop("kdf")),
    "bad base64": lambda path: rewrite(path, lambda h: h.update(dek_wrap="not base64 at all!")),
    "junk in attempts": lambda path: rewrite(path, lambda h: h.update(attempts={"failed": "many"})),
    "attempts not a dict": lambda path: rewrite(path, lambda h: h.update(attempts=[0, 0])),
    "a scrypt cost scrypt refuses": lambda path: rewrite(path, lambda h: h["kdf"].update(n=3)),
    "a bad vault id": lambda path: rewrite(path, lambda h: h.update(vault_id="../../etc")),
}
IN_THE_WAY = {"a directory in its place": lambda path: (path.unlink(), path.mkdir())}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_key_file_opens_from_its_good_copy_and_says_so(data_dir, vault_and_keys, damage):
    damage(data_dir / "vault.json")
    vault = Vault.load(data_dir)
    assert "last good copy" in vault.notice
    assert vault.unlock(PASSCODE).key_id == vault_and_keys[1].key_id


def test_a_directory_in_place_of_the_key_file_is_read_from_the_good_copy_but_refuses_plainly(data_dir, vault_and_keys):
    (data_dir / "vault.json").unlink()
    (data_dir / "vault.json").mkdir()
    vault = Vault.load(data_dir)
    assert "is a folder, not a file" in vault.notice
    with pytest.raises(VaultUnwritable, match="cannot write its key file"):
        vault.unlock(PASSCODE)  # nothing of someone else's is deleted to make room


@pytest.mark.parametrize("damage", {**DAMAGE, **IN_THE_WAY}.values(), ids={**DAMAGE, **IN_THE_WAY}.keys())
def test_a_damaged_key_file_without_a_good_copy_is_one_plain_sentence(data_dir, vault_and_keys, damage):
    damage(data_dir / "vault.json")
    damage(data_dir / "vault.json.good")
    with pytest.raises(WvisitError) as refused:
        Vault.load(data_dir)
    assert type(refused.value) is StoreCorrupt
    assert "key file" in str(refused.value) and "no good copy" in str(refused.value)
    assert "Traceback" not in str(refused.value) and "\n" not in str(refused.value)


def test_a_missing_key_file_opens_from_its_good_copy(data_dir, vault_and_keys):
    (data_dir / "vault.json").unlink()
    assert Vault.exists(data_dir)
    vault = Vault.load(data_dir)
    assert "missing" in vault.notice
    vault.unlock(PASSCODE)
    assert header_of(data_dir) == header_of(data_dir, "vault.json.good")  # the next write put it back


def test_no_key_file_at_all_is_not_set_up(data_dir):
    with pytest.raises(VaultMissing):
        Vault.load(data_dir)
    assert not data_dir.exists()


@pytest.mark.parametrize("name", ["vault.json", "vault.json.good"])
def test_a_key_file_from_a_newer_wvisit_says_update_never_damaged(data_dir, vault_and_keys, name):
    rewrite(data_dir / name, lambda h: h.update(format=3, something_new={"x": 1}))
    if name == "vault.json.good":
        (data_dir / "vault.json").unlink()
    before = (data_dir / name).read_bytes()
    with pytest.raises(VaultTooNew, match="newer version of wvisit: update wvisit") as refused:
        Vault.load(data_dir)
    assert "damaged" not in str(refused.value)
    assert (data_dir / name).read_bytes() == before


def test_every_write_keeps_a_good_copy_and_raises_the_generation(data_dir, vault_and_keys):
    assert header_of(data_dir)["generation"] == 0
    with pytest.raises(WrongPasscode):
        Vault.load(data_dir).unlock("wrong-passcode")
    Vault.load(data_dir).change_passcode(PASSCODE, "a-new-passcode")
    header = header_of(data_dir)
    assert header == header_of(data_dir, "vault.json.good")
    assert header["generation"] == 4  # a counted guess; the change's count, its forgiving, the re-wrap
    assert sorted(p.name for p in data_dir.iterdir()) == ["vault.json", "vault.json.good", "vault.json.lock"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_the_key_files_are_private_to_the_worker(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o755)
    Vault.create(data_dir, PASSCODE, "sw.test", kdf=CHEAP_KDF)
    Vault.load(data_dir).unlock(PASSCODE)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    for path in data_dir.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name


def test_a_format_1_key_file_still_opens_and_is_upgraded_on_its_next_write(data_dir, vault_and_keys):
    for name in ("vault.json", "vault.json.good"):

        def to_format_1(header):
            header.update(format=1, attempts={"failed": 2, "retry_after": 0.0})
            header.pop("generation")

        rewrite(data_dir / name, to_format_1)
    assert Vault.load(data_dir).unlock(PASSCODE).key_id == vault_and_keys[1].key_id
    header = header_of(data_dir)
    assert header["format"] == 2 and header["generation"] == 2 and header["attempts"]["failed"] == 0
    assert "mac" in header["attempts"]
