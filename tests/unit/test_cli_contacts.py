"""Contacts beside the visits from the command line: recorded with the app's date forms, refused in
plain sentences, and on the chronology where they were put."""

from datetime import date

from tests.conftest import PASSCODE
from tests.unit.test_cli import run
from wvisit.app.session import unlocked
from wvisit.domain import Category
from wvisit.domain.contact import ContactKind


def test_a_phone_call_is_recorded_from_the_command_line(cli_env, capsys, data_dir):
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    _, child_id, _ = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CP")
    args = ["child", "contact", child_id, "--kind", "phone call", "--with", "Ms Bell, class teacher"]
    code, _, err = run(capsys, *args, "--summary", "Upset in class", "--on", "tomorrow")
    assert code == 1 and "in the future" in err
    code, _, err = run(capsys, *args, "--summary", "Upset in class", "--on", "yesterday", "--time", "25:99")
    assert code == 1 and "HH:MM" in err
    code, contact_id, _ = run(
        capsys,
        *args,
        "--summary",
        "Upset in class",
        "--on",
        "yesterday",
        "--time",
        "09:30",
        "--chronology",
        "education",
    )
    assert code == 0
    with unlocked(data_dir, PASSCODE) as session:
        (contact,) = session.store.contacts.for_child(child_id)
    assert contact.id == contact_id and contact.kind is ContactKind.PHONE and contact.chronology is Category.EDUCATION
    local = contact.at.astimezone()
    assert (local.date() - date.today()).days == -1 and (local.hour, local.minute) == (9, 30)
    assert contact.with_whom == "Ms Bell, class teacher" and contact.author == "sw.test"
