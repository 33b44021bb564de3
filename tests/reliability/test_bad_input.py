"""Bad input gets a plain sentence and loses nothing."""

import hashlib
import sqlite3
import subprocess

import keyring
import keyring.backends.fail
import pytest

from tests.conftest import as_schema, complete_visit, make_child
from tests.sync.laptop_process import ROOT, wvisit_command
from wvisit.cli import main
from wvisit.errors import MigrationFailed, NotOurFile, StoreCorrupt, StoreFull
from wvisit.store import Store, schema
from wvisit.vault import Vault


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wrong_passcode_on_the_command_line_is_one_sentence(cli_env, capsys, monkeypatch):
    assert main(["init"]) == 0
    monkeypatch.setenv("WVISIT_PASSCODE", "wrong-passcode")
    assert main(["child", "list"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == "wvisit: That passcode is not right. Please try again."


def test_missing_keyring_is_a_sentence_on_the_command_line(cli_env, capsys):
    keyring.set_keyring(keyring.backends.fail.Keyring())
    assert main(["init"]) == 1
    err = capsys.readouterr().err
    assert "credential store" in err and "Traceback" not in err


@pytest.mark.parametrize("content", [b"not a database at all" * 50, b""])
def test_a_file_that_is_not_ours_is_refused_untouched(data_dir, vault_and_keys, content):
    path = data_dir / "wvisit.db"
    if not content:  # an SQLite database of some other program
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE songs (title TEXT)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotOurFile, match="not a wvisit records file"):
        Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert digest(path) == before
    assert not (data_dir / "wvisit.db-wal").exists()


def test_a_damaged_database_is_refused_untouched(store, data_dir, vault_and_keys):
    child = make_child(store)
    for _ in range(30):
        complete_visit(store, child, what_i_saw="x" * 3000)
    store.close()
    path = data_dir / "wvisit.db"
    data = bytearray(path.read_bytes())
    data[4096 * 3 : 4096 * 3 + 300] = b"\xff" * 300  # scribble over a b-tree page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(StoreCorrupt, match="cannot be opened"):
        Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert digest(path) == before


def test_a_damaged_key_file_is_refused(data_dir, vault_and_keys):
    (data_dir / "vault.json").write_text("{ half a file")
    assert "last good copy" in Vault.load(data_dir).notice  # the copy kept beside it still opens
    (data_dir / "vault.json.good").write_text("{ half a file")
    with pytest.raises(StoreCorrupt, match="key file"):
        Vault.load(data_dir)


def test_a_full_disk_refuses_the_save_and_keeps_the_last_one(store):
    child = make_child(store)
    visit = store.visits.new_draft(child.id, what_i_saw="saved before the disk filled")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")
    visit.what_i_saw = "a long note " * 50_000
    with pytest.raises(StoreFull, match="earlier saves are safe"):
        store.visits.save_draft(visit)
    assert store.visits.get(visit.id).what_i_saw == "saved before the disk filled"
    assert store.outbox.count() == 2 and store.audit.first_broken_link() is None


def test_a_five_megabyte_note_with_emoji_and_right_to_left_text_saves(store):
    child = make_child(store)
    note = ("\u05d0\u05de\u05d0 said \U0001f3e0\U0001f49b \u202bRTL\u202c " * 200_000)[: 5 * 1024 * 1024]
    visit = store.visits.new_draft(child.id, what_i_saw=note)
    assert store.visits.get(visit.id).what_i_saw == note
    assert store.search.search("\U0001f49b") == [visit.id]


def test_a_failed_migration_puts_the_backup_back(store, data_dir, vault_and_keys, monkeypatch):
    child = make_child(store)
    store.close()
    before = digest(data_dir / "wvisit.db")

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("simulated failure")

    original = list(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", [*original, broken])
    monkeypatch.setattr(schema, "LATEST", len(original) + 1)
    with pytest.raises(MigrationFailed, match="was put back"):
        Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert (data_dir / f"wvisit.db.before-v{len(original) + 1}").exists()

    monkeypatch.setattr(schema, "MIGRATIONS", original)
    monkeypatch.setattr(schema, "LATEST", len(original))
    reopened = Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert reopened.children.get(child.id).name == "Ada Example"
    assert "half_done" not in reopened.conn.execute("SELECT group_concat(name) FROM sqlite_master").fetchone()[0]
    assert before  # the file was readable before and is again


def test_an_older_file_is_upgraded_with_a_backup_and_keeps_its_records(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    with as_schema(monkeypatch, 2):  # the first release: records and sync state
        old = Store.open(data_dir, keys, "sw.test")
        child = make_child(old)
        old.close()

    store = Store.open(data_dir, keys, "sw.test")
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
    assert store.children.get(child.id).name == "Ada Example"
    assert (data_dir / f"wvisit.db.before-v{schema.LATEST}").exists()


@pytest.mark.parametrize("damage", ["deleted", "emptied"])
def test_a_missing_or_emptied_records_file_is_refused_never_replaced(cli_env, capsys, data_dir, damage):
    assert main(["init"]) == 0
    assert main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"]) == 0
    for path in data_dir.glob("wvisit.db*"):
        path.unlink()
    if damage == "emptied":
        (data_dir / "wvisit.db").write_bytes(b"")
    capsys.readouterr()
    assert main(["child", "list"]) == 1
    err = capsys.readouterr().err
    assert f"it is {'missing' if damage == 'deleted' else 'empty'}" in err and "Nothing was created" in err
    assert main(["sync", "status", "--json"]) == 1  # not "intact, nothing waiting"
    assert not (data_dir / "wvisit.db").exists() or (data_dir / "wvisit.db").stat().st_size == 0


def test_records_from_a_newer_wvisit_say_update_never_damaged(cli_env, capsys, data_dir):
    assert main(["init"]) == 0
    assert main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"]) == 0
    child_id = capsys.readouterr().out.split()[-1]
    with sqlite3.connect(data_dir / "wvisit.db") as conn:  # a sealed value in a format from the future
        (sealed,) = conn.execute("SELECT sealed FROM children WHERE id = ?", (child_id,)).fetchone()
        conn.execute("UPDATE children SET sealed = ? WHERE id = ?", (b"\x02" + sealed[1:], child_id))
    assert main(["child", "list"]) in (0, 1)
    out = capsys.readouterr()
    assert "newer version of wvisit" in out.out + out.err and "damaged" not in out.out + out.err

    with sqlite3.connect(data_dir / "wvisit.db") as conn:  # the whole file from a newer wvisit
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        conn.execute(f"PRAGMA user_version = {version + 1}")
    before = digest(data_dir / "wvisit.db")
    assert main(["child", "list"]) == 1
    err = capsys.readouterr().err
    assert "made by a newer version of wvisit: update wvisit" in err and "damaged" not in err
    assert digest(data_dir / "wvisit.db") == before


def test_a_closed_pipe_ends_quietly(store, data_dir, memory_keyring):
    for n in range(400):
        make_child(store, f"Kid Example {n}")
    store.close()
    command, env = wvisit_command(data_dir, memory_keyring, "child", "list", "--json")
    listing = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert listing.stdout.read(10).startswith(b"[")  # the reader stops early, like head -c 10
    listing.stdout.close()
    assert listing.wait(timeout=120) == 0
    assert b"Traceback" not in listing.stderr.read()


def test_a_file_from_before_the_account_was_sealed_keeps_its_sign_in_sealed_now(data_dir, vault_and_keys, monkeypatch):
    keys = vault_and_keys[1]
    with as_schema(monkeypatch, schema.SEALED_FROM - 1):
        old = Store.open(data_dir, keys, "sw.test")
        old.conn.execute("INSERT INTO sync_meta (key, value, sealed) VALUES ('username', 'sw.demo', NULL)")
        old.close()

    store = Store.open(data_dir, keys, "sw.test")
    assert store.actor == "sw.demo"  # still signed in as the worker it was
    plain = store.conn.execute("SELECT value FROM sync_meta WHERE key = 'username'").fetchone()
    assert plain == (None,)  # now sealed
    child = make_child(store)
    with store.transaction():  # and a later sign-in as another re-signs nothing of theirs
        assert store.sign_in_as("sup.demo") == 0
    assert store.visits.new_draft(child.id).author == "sup.demo"
