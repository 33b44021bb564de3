"""The local audit log records the session's own events too: unlocks (and the wrong passcodes before
them), passcode changes, recovery and searches - never the words searched for."""

import sqlite3

from tests.conftest import PASSCODE, complete_visit, make_child
from wvisit.cli import main
from wvisit.store import Store
from wvisit.vault import Vault


def actions(data_dir) -> list[str]:
    with sqlite3.connect(data_dir / "wvisit.db") as conn:
        return [row[0] for row in conn.execute("SELECT action FROM audit ORDER BY seq")]


def test_unlocks_wrong_passcodes_changes_and_searches_are_audited(cli_env, data_dir, monkeypatch, capsys):
    assert main(["init"]) == 0
    monkeypatch.setenv("WVISIT_PASSCODE", "not-the-passcode")
    assert main(["child", "list"]) == 1
    assert main(["child", "list"]) == 1
    monkeypatch.setenv("WVISIT_PASSCODE", PASSCODE)
    assert main(["search", "trampoline"]) == 0
    monkeypatch.setenv("WVISIT_NEW_PASSCODE", "a-brand-new-passcode")
    assert main(["passcode", "change"]) == 0

    logged = actions(data_dir)
    assert "unlocked after 2 wrong passcode(s)" in logged
    assert "searched (0 found)" in logged and not any("trampoline" in action for action in logged)
    assert logged[-1] == "passcode changed"


def test_one_damaged_visit_does_not_hide_the_others_from_search(store, data_dir):
    child = make_child(store)
    kept = complete_visit(store, child, what_i_saw="We played in the garden.")
    damaged = complete_visit(store, child, what_i_saw="The garden was overgrown.")
    store.close()
    with sqlite3.connect(data_dir / "wvisit.db") as conn:
        (sealed,) = conn.execute("SELECT sealed FROM visits WHERE id = ?", (damaged.id,)).fetchone()
        conn.execute("UPDATE visits SET sealed = ? WHERE id = ?", (sealed[:-1] + bytes([sealed[-1] ^ 1]), damaged.id))
    reopened = Store.open(data_dir, Vault.load(data_dir).unlock(PASSCODE), "sw.test")
    assert reopened.search.search("garden") == [kept.id]
    assert reopened.search.unreadable == 1
    reopened.close()
