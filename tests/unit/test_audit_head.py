"""The audit chain's head and the account links are signed as are kept between one connection's
transactions (an autosave neither reads the head nor opens the sealed account name): a link appended by
another connection or process, one taken back by a rollback, and a sign-in or sign-out here or in
another window are still seen at the next link.

"Another window" is a second Store on the same file; "another process" a child Python process."""

import subprocess
import sys

import pytest

from tests.conftest import make_child
from wvisit.store import Store

ANOTHER_PROCESS = """
import sys
from pathlib import Path
from wvisit.store import Store
from wvisit.vault import Keys
store = Store.open(Path(sys.argv[1]), Keys(bytes.fromhex(sys.argv[2])), "sw.test", create=False)
store.log_event("session test")
store.close()
"""


def draft(store):
    visit = store.visits.new_draft(make_child(store).id)
    visit.what_i_saw = "Ada showed me her room."
    store.visits.save_draft(visit)
    return visit


def seqs(store) -> list[int]:
    return [entry.seq for entry in store.audit.entries()]


def test_saves_in_two_windows_taking_turns_make_one_unbroken_chain(store, data_dir, vault_and_keys):
    visit = draft(store)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    theirs = draft(other)
    for turn in range(3):
        visit.what_i_saw += f" Turn {turn}."
        store.visits.save_draft(visit)
        theirs.what_i_saw += f" Turn {turn}."
        other.visits.save_draft(theirs)
    other.close()
    visit.what_i_saw += " Last."
    store.visits.save_draft(visit)

    assert store.audit.first_broken_link() is None
    assert seqs(store) == list(range(1, len(seqs(store)) + 1))
    assert store.audit.entries()[-1].record_id == visit.id


def test_a_link_written_by_another_process_is_chained_to(store, data_dir, vault_and_keys):
    visit = draft(store)
    subprocess.run(
        [sys.executable, "-c", ANOTHER_PROCESS, str(data_dir), vault_and_keys[1].dek().hex()], check=True, timeout=60
    )
    visit.what_i_saw += " Then we went to the park."
    store.visits.save_draft(visit)

    entries = store.audit.entries()
    assert [entry.action for entry in entries[-2:]] == ["session test", "changed"]
    assert store.audit.first_broken_link() is None


def test_a_link_taken_back_by_a_rollback_is_not_chained_to(store):
    visit = draft(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.audit.append("opened", "visit", visit.id)
        raise RuntimeError("the save failed after its link")
    visit.what_i_saw += " Then we went to the park."
    store.visits.save_draft(visit)

    assert store.audit.first_broken_link() is None
    assert seqs(store) == list(range(1, len(seqs(store)) + 1))


def last_actor(store) -> str:
    return store.audit.entries()[-1].actor


def test_a_sign_in_and_a_sign_out_in_this_window_sign_the_next_link(store):
    visit = draft(store)
    assert last_actor(store) == "sw.test"
    with store.transaction():
        store.sign_in_as("sw.central")
    visit.what_i_saw += " Then we went to the park."
    store.visits.save_draft(visit)
    assert last_actor(store) == "sw.central"

    store.sync_state.set("username", None)  # signed out, outside any transaction
    visit.what_i_saw += " Then we had tea."
    store.visits.save_draft(visit)
    assert last_actor(store) == "sw.test"


def test_a_sign_in_taken_back_by_a_rollback_signs_nothing(store):
    visit = draft(store)
    with pytest.raises(RuntimeError), store.transaction():
        store.sign_in_as("sw.central")
        raise RuntimeError("the sign-in failed")
    visit.what_i_saw += " Then we went to the park."
    store.visits.save_draft(visit)
    assert last_actor(store) == "sw.test"


def test_a_sign_in_in_another_window_signs_this_windows_next_link(store, data_dir, vault_and_keys):
    visit = draft(store)
    other = Store.open(data_dir, vault_and_keys[1], "sw.test", create=False)
    with other.transaction():
        other.sign_in_as("sw.central")
    other.close()
    visit.what_i_saw += " Then we went to the park."
    store.visits.save_draft(visit)
    assert last_actor(store) == "sw.central"
