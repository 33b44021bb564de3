"""Someone edits the plain columns of the database file (child, status, date): wvisit notices.

The edits are made as an attacker would, with the sqlite3 module on the file itself.
"""

import sqlite3

import pytest

from tests.conftest import complete_visit, make_child
from wvisit.cli import main
from wvisit.domain import Expressed, Sitting, VisitStatus, VoiceEntry
from wvisit.errors import TamperedRecord

FORGED = "a plain column was changed outside wvisit"


def forge(store, sql: str, *params) -> None:
    """Change the file behind the app's back, through a connection of its own."""
    conn = sqlite3.connect(store.path)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_visit_moved_to_another_child_is_reported(store):
    ada, ben = make_child(store, "Ada Example"), make_child(store, "Ben Example")
    visit = complete_visit(store, ada)
    forge(store, "UPDATE visits SET child_id = ? WHERE id = ?", ben.id, visit.id)
    with pytest.raises(TamperedRecord, match=FORGED):
        store.visits.get(visit.id)
    with pytest.raises(TamperedRecord, match=visit.id):
        store.visits.for_child(ben.id)


def test_a_visit_with_a_forged_date_is_reported(store):
    visit = complete_visit(store, make_child(store))
    forge(store, "UPDATE visits SET visited_at = '2020-01-01T10:00:00+00:00' WHERE id = ?", visit.id)
    with pytest.raises(TamperedRecord, match=FORGED):
        store.visits.get(visit.id)


def test_words_moved_to_another_visit_are_reported(store):
    child = make_child(store)
    first, second = complete_visit(store, child), complete_visit(store, child)
    forge(store, "UPDATE voice_entries SET visit_id = ? WHERE visit_id = ?", second.id, first.id)
    with pytest.raises(TamperedRecord, match=FORGED):
        store.visits.voice_for_visit(second.id)


def test_a_finalised_visit_forged_back_to_draft_takes_no_more_words_or_work(store):
    child = make_child(store)
    visit = complete_visit(store, child)
    store.visits.finalise(visit.id)
    forge(store, "UPDATE visits SET status = 'draft' WHERE id = ?", visit.id)
    words = VoiceEntry(visit_id=visit.id, child_id=child.id, words="added later", expressed=Expressed.SAID)
    with pytest.raises(TamperedRecord, match=FORGED):
        store.visits.add_voice(words)
    with pytest.raises(TamperedRecord, match=FORGED):
        store.sittings.save(Sitting(visit_id=visit.id, child_id=child.id, tool="scaling"))
    visit.what_i_saw = "rewritten after finalising"
    visit.status = VisitStatus.DRAFT
    with pytest.raises(TamperedRecord, match=FORGED):
        store.visits.save_draft(visit)
    assert store.conn.execute("SELECT count(*) FROM voice_entries").fetchone() == (1,)
    assert store.conn.execute("SELECT count(*) FROM tool_sessions").fetchone() == (0,)


def test_one_damaged_row_leaves_the_others_readable_and_is_named(store):
    child = make_child(store)
    good, bad = complete_visit(store, child), complete_visit(store, child)
    forge(store, "UPDATE visits SET status = 'final' WHERE id = ?", bad.id)
    reading = store.tables["visits"].read_each()
    assert [plain["id"] for plain, _ in reading.rows] == [good.id]
    assert list(reading.damaged) == [bad.id]
    assert FORGED in str(reading.damaged[bad.id])


def test_audit_verify_names_every_record_that_disagrees_with_its_seal(cli_env, data_dir, capsys):
    main(["init", "--owner", "sw.test"])
    main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"])
    child_id = capsys.readouterr().out.strip().splitlines()[-1]
    main(["visit", "new", "--child", child_id, "--note", "Calm", "--voice", "I want a dog"])
    visit_id = capsys.readouterr().out.strip().splitlines()[-1]
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE visits SET status = 'final' WHERE id = ?", (visit_id,))
    (voice_id,) = conn.execute("SELECT id FROM voice_entries").fetchone()
    conn.execute("UPDATE voice_entries SET sealed = zeroblob(64) WHERE id = ?", (voice_id,))
    conn.commit()
    conn.close()

    assert main(["audit", "verify"]) == 1
    err = capsys.readouterr().err
    assert f"visits {visit_id}" in err and FORGED in err
    assert f"voice_entries {voice_id}" in err
    assert "intact" not in err


def test_audit_verify_still_passes_an_untouched_file(cli_env, capsys):
    main(["init", "--owner", "sw.test"])
    main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"])
    assert main(["audit", "verify"]) == 0
    assert "intact" in capsys.readouterr().out


def test_a_record_deleted_behind_the_apps_back_is_named_by_audit_verify(cli_env, data_dir, capsys):
    assert main(["init"]) == 0
    assert main(["child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN"]) == 0
    child_id = capsys.readouterr().out.split()[-1]
    assert main(["visit", "new", "--child", child_id, "--note", "A finalised visit, never synced"]) == 0
    visit_id = capsys.readouterr().out.strip()
    with sqlite3.connect(data_dir / "wvisit.db") as conn:  # the visit, its outbox entry: gone
        conn.execute("DELETE FROM visits WHERE id = ?", (visit_id,))
        conn.execute("DELETE FROM outbox WHERE record_id = ?", (visit_id,))
    assert main(["audit", "verify"]) == 1
    assert f"visits {visit_id}" in capsys.readouterr().err
