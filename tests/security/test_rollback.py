"""A data folder put back from an old copy, or a row rolled back with the audit tail cut, is refused on open.

The audit chain's head is checkpointed in the credential store (the tests' in-memory keyring,
through keyring's real API); edits to the file are made with the sqlite3 module.
"""

import json
import logging
import shutil
import sqlite3
from datetime import date

import pytest

from tests.conftest import PASSCODE, make_child
from wvisit.cli import main
from wvisit.errors import StoreRolledBack
from wvisit.store import Store
from wvisit.vault import Vault, checkpoint

ROLLED_BACK = "older than the last ones this laptop saved"


def stored_checkpoint(memory_keyring, vault: Vault) -> dict:
    return json.loads(memory_keyring.secrets[("wvisit", f"audit-head:{vault.vault_id}")])


def reopen(data_dir, keys) -> Store:
    return Store.open(data_dir, keys, "sw.test")


def restore_an_old_copy(store, data_dir, keys, tmp_path) -> None:
    """Ada saved, the folder copied, Ben saved; then the copy put back over the folder (Ben gone)."""
    make_child(store, "Ada Example")
    store.close()
    shutil.copytree(data_dir, tmp_path / "old copy")
    store = reopen(data_dir, keys)
    make_child(store, "Ben Example")
    store.close()
    shutil.rmtree(data_dir)
    shutil.copytree(tmp_path / "old copy", data_dir)


def test_the_checkpoint_follows_the_chain_head_and_reaches_it_at_close(store, vault_and_keys, memory_keyring):
    vault, _ = vault_and_keys
    child = make_child(store)
    assert stored_checkpoint(memory_keyring, vault)["seq"] == 1  # the first save is checkpointed at once
    store.visits.new_draft(child.id)  # within CHECKPOINT_EVERY of it: written at the next chance or at close
    seq, hash_hex = store.audit.head()
    at = store.audit.entries()[-1].at
    assert seq == 2 and stored_checkpoint(memory_keyring, vault)["seq"] in (1, 2)
    store.audit.flush_checkpoint()  # what closing the store does
    assert stored_checkpoint(memory_keyring, vault) == {"format": 1, "seq": 2, "hash": hash_hex, "at": at}
    assert store.audit.holds(seq, hash_hex)
    assert not store.audit.holds(seq, "00" * 32)
    assert not store.audit.holds(seq + 1, hash_hex)


def test_a_folder_restored_from_an_old_copy_is_refused_naming_the_last_good_date(
    store, data_dir, vault_and_keys, tmp_path
):
    _, keys = vault_and_keys
    restore_an_old_copy(store, data_dir, keys, tmp_path)
    with pytest.raises(StoreRolledBack, match=ROLLED_BACK) as refused:
        reopen(data_dir, keys)
    assert refused.value.last_good == date.today().isoformat()
    assert f"(last good: {date.today().isoformat()})" in str(refused.value)


def test_audit_verify_refuses_a_restored_folder(cli_env, data_dir, tmp_path, capsys):
    main(["init", "--owner", "sw.test"])
    main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"])
    shutil.copytree(data_dir, tmp_path / "old copy")
    main(["child", "add", "--name", "Ben Example", "--dob", "2013-03-04", "--status", "CIN"])
    shutil.rmtree(data_dir)
    shutil.copytree(tmp_path / "old copy", data_dir)
    capsys.readouterr()
    assert main(["audit", "verify"]) == 1
    captured = capsys.readouterr()
    assert ROLLED_BACK in captured.err and "intact" not in captured.out


def test_a_row_rolled_back_with_the_audit_tail_cut_is_refused(store, data_dir, vault_and_keys):
    _, keys = vault_and_keys
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = "Concern: bruise on arm, explained by fall at school."
    store.visits.save_draft(visit)
    old_row = store.conn.execute("SELECT version, sealed FROM visits WHERE id = ?", (visit.id,)).fetchone()
    old_head = store.audit.head()[0]
    visit.what_i_saw = "Concern: bruise on arm. School say there was no fall."
    store.visits.save_draft(visit)
    store.close()

    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE visits SET version = ?, sealed = ? WHERE id = ?", (*old_row, visit.id))
    conn.execute("DELETE FROM audit WHERE seq > ?", (old_head,))
    conn.commit()
    conn.close()
    with pytest.raises(StoreRolledBack):
        reopen(data_dir, keys)


def test_an_old_copy_with_a_link_forged_at_the_checkpoint_is_refused(store, data_dir, vault_and_keys, tmp_path):
    """The old chain made as long again: without the data key the link at the checkpoint cannot match."""
    _, keys = vault_and_keys
    restore_an_old_copy(store, data_dir, keys, tmp_path)
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute(
        "INSERT INTO audit SELECT seq + 1, at, actor, 'opened', kind, record_id, NULL, hash, randomblob(32) FROM audit"
    )
    conn.commit()
    conn.close()
    with pytest.raises(StoreRolledBack):
        reopen(data_dir, keys)


def test_the_first_open_after_the_update_starts_a_checkpoint(store, data_dir, vault_and_keys, memory_keyring, caplog):
    vault, keys = vault_and_keys
    make_child(store)
    store.close()
    del memory_keyring.secrets[("wvisit", f"audit-head:{vault.vault_id}")]  # as before this check existed

    with caplog.at_level(logging.WARNING, logger="wvisit"):
        store = reopen(data_dir, keys)
    assert "no audit checkpoint" in caplog.text
    assert stored_checkpoint(memory_keyring, vault)["seq"] == store.audit.head()[0] == 1
    store.close()


@pytest.mark.parametrize(
    "garbage", ["not a checkpoint", '{"format": 1, "seq": 1e400, "hash": "00", "at": "2026-01-01T00:00:00"}']
)
def test_a_cleared_credential_store_entry_does_not_lock_the_worker_out(
    store, data_dir, vault_and_keys, memory_keyring, garbage
):
    vault, keys = vault_and_keys
    make_child(store)
    store.close()
    memory_keyring.set_password("wvisit", f"audit-head:{vault.vault_id}", garbage)
    store = reopen(data_dir, keys)
    assert stored_checkpoint(memory_keyring, vault)["seq"] == 1
    store.close()


def test_two_windows_saving_at_once_only_move_the_checkpoint_forward(store, data_dir, vault_and_keys, memory_keyring):
    vault, keys = vault_and_keys
    other = reopen(data_dir, keys)
    make_child(store, "Ada Example")
    first = store.audit.head()
    make_child(other, "Ben Example")
    latest = other.audit.head()
    assert latest[0] == first[0] + 1

    late = checkpoint.Checkpoint(first[0], first[1], store.audit.entries()[0].at)
    assert not checkpoint.advance(vault.vault_id, late)  # the first window's write arriving last
    assert stored_checkpoint(memory_keyring, vault)["seq"] == latest[0]
    other.close()
    store.close()
    reopen(data_dir, keys).close()


def test_unlocking_a_restored_folder_is_refused(cli_env, data_dir, tmp_path):
    from wvisit.app.session import Session

    main(["init", "--owner", "sw.test"])
    shutil.copytree(data_dir, tmp_path / "old copy")
    main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"])
    shutil.rmtree(data_dir)
    shutil.copytree(tmp_path / "old copy", data_dir)
    with pytest.raises(StoreRolledBack):
        Session.unlock(data_dir, PASSCODE)
