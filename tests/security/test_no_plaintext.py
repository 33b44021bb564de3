"""A raw copy of everything on disk holds no personal value: the database, its WAL and SHM, temp files, logs."""

import os
from datetime import date
from pathlib import Path

from tests.conftest import PASSCODE
from wvisit.cli import main
from wvisit.domain import AttachmentKind, Child, Expressed, KeyPerson, LegalStatus, VoiceEntry
from wvisit.domain.visit import TEXT_FIELDS
from wvisit.store import Store


def sentinel(field: str) -> str:
    return f"SENTINEL{field.upper().replace('_', '')}QX"


def every_file_under(*folders: Path) -> list[Path]:
    return [p for folder in folders if folder.exists() for p in folder.rglob("*") if p.is_file()]


def assert_no_sentinel(files: list[Path], sentinels: list[str]):
    assert files, "nothing was written"
    for path in files:
        data = path.read_bytes()
        for word in sentinels:
            for form in (word.encode("utf-8"), word.encode("utf-16-le")):
                assert form not in data, f"{word} found in {path.name}"


def test_no_personal_value_reaches_the_disk(store, data_dir, tmp_path, monkeypatch):
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    sentinels = []
    child_fields = ["name", "summary", "identity_notes", "language_notes", "address", "key_person"]
    sentinels += [sentinel(f) for f in child_fields]
    child = store.children.add(
        Child(
            name=sentinel("name"),
            date_of_birth=date(2011, 7, 19),
            legal_status=LegalStatus.CLA,
            summary=sentinel("summary"),
            identity_notes=sentinel("identity_notes"),
            language_notes=sentinel("language_notes"),
            address=sentinel("address"),
            key_people=[KeyPerson(sentinel("key_person"), "uncle")],
        )
    )
    visit = store.visits.new_draft(child.id, **{f: sentinel(f) for f in TEXT_FIELDS})
    sentinels += [sentinel(f) for f in TEXT_FIELDS]
    store.visits.add_voice(
        VoiceEntry(visit.id, child.id, sentinel("words"), Expressed.WROTE, context=sentinel("context"))
    )
    sentinels += [sentinel("words"), sentinel("context")]
    store.attachments.put(visit.id, AttachmentKind.DRAWING, sentinel("drawing").encode() * 1000, name=sentinel("file"))
    sentinels += [sentinel("drawing"), sentinel("file")]
    assert store.search.search(sentinel("words")) == [visit.id]

    # While the store is still open the WAL and SHM exist: scan them as a thief would copy them.
    assert (data_dir / "wvisit.db-wal").exists()
    assert_no_sentinel(every_file_under(data_dir, temp), [*sentinels, "2011-07-19"])


def test_no_personal_value_in_the_log_after_a_cli_journey(cli_env, data_dir, tmp_path, capsys):
    name, note, words = "SENTINELNAMEQX", "SENTINELNOTEQX", "SENTINELVOICEQX"
    assert main(["init", "--owner", "sw.test"]) == 0
    assert main(["child", "add", "--name", name, "--dob", "2014-01-02", "--status", "CP"]) == 0
    child_id = capsys.readouterr().out.split()[-1]
    assert main(["visit", "new", "--child", child_id, "--note", note, "--voice", words]) == 0
    visit_id = capsys.readouterr().out.strip()
    assert main(["visit", "finalise", visit_id]) == 1  # refused: incomplete
    assert main(["search", words]) == 0
    os.environ["WVISIT_PASSCODE"] = "not-the-passcode"
    assert main(["visit", "show", visit_id]) == 1
    os.environ["WVISIT_PASSCODE"] = PASSCODE
    log_files = every_file_under(tmp_path / "logs")
    assert any("refused" in p.read_text() for p in log_files)
    assert_no_sentinel(log_files + every_file_under(data_dir), [name, note, words, "2014-01-02"])


def test_my_dictionary_words_are_sealed_and_come_back_after_reopening(store, data_dir, vault_and_keys):
    word = sentinel("dictionaryword")
    store.my_words.add(word)
    store.my_words.add("Ashbrook")
    store.my_words.add(word)  # twice is once
    assert store.my_words.all() == sorted(["Ashbrook", word])
    store.close()
    assert_no_sentinel(every_file_under(data_dir), [word])
    reopened = Store.open(data_dir, vault_and_keys[1], "sw.test")
    assert reopened.my_words.all() == sorted(["Ashbrook", word])
    reopened.close()
