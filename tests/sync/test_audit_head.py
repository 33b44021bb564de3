"""The central record keeps the head of each laptop's audit chain: a data folder restored from an old
copy is refused at the next sync even when the laptop's own checkpoint was lost with it."""

import shutil
import sqlite3

import pytest

from tests.conftest import PASSCODE, complete_visit, make_child
from wvisit.errors import StoreRolledBack
from wvisit.store import Store
from wvisit.sync.client import CentralClient
from wvisit.sync.engine import SyncEngine
from wvisit.vault import Vault


def test_a_folder_restored_from_an_old_copy_is_refused_at_the_next_sync(
    laptop, store, data_dir, central, tmp_path, memory_keyring
):
    laptop.sync()
    old_copy = tmp_path / "old-copy.db"
    with sqlite3.connect(old_copy) as backup:
        store.conn.backup(backup)  # yesterday's backup of the records file
    complete_visit(store, make_child(store, "Noor Example"))
    assert laptop.sync().complete  # the central record now holds a newer head

    store.close()
    for path in data_dir.glob("wvisit.db*"):
        path.unlink()
    shutil.copy(old_copy, data_dir / "wvisit.db")
    for key in [key for key in memory_keyring.secrets if key[1].startswith("audit-head:")]:
        del memory_keyring.secrets[key]  # the laptop's own checkpoint went with the restored profile

    restored = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    make_child(restored, "Zed Example")  # work done on the restored copy waits; it is not sent
    held = central.records()
    engine = SyncEngine(restored, CentralClient(central.url))
    with pytest.raises(StoreRolledBack, match="restored from an old copy"):
        engine.sync()
    assert central.records() == held and restored.outbox.count() == 1
    restored.close()


def test_the_head_only_moves_forward(laptop, store, central):
    laptop.sync()
    kept = laptop.client.audit_head()
    assert kept is not None and store.audit.holds(kept.seq, kept.hash)
    older = kept.model_copy(update={"seq": 0, "hash": "0" * 64})
    assert laptop.client.keep_audit_head(older).seq == kept.seq
