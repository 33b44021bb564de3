"""The `wvisit` command as IT and scripts use it."""

import io
import json
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import PASSCODE
from wvisit import __version__
from wvisit.cli import main


def run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.strip(), captured.err.strip()


def test_version_through_python_dash_m():
    out = subprocess.run([sys.executable, "-m", "wvisit", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == f"wvisit {__version__}"


def test_a_whole_visit_from_the_command_line(cli_env, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("TMP_OUT", str(tmp_path / "visit.json"))
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    _, child_id, _ = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CLA")
    _, visit_id, _ = run(capsys, "visit", "new", "--child", child_id, "--note", "Calm", "--voice", "I want a dog")

    code, _, err = run(capsys, "visit", "finalise", visit_id)
    assert code == 1 and "whether the child's bedroom was seen" in err

    settings = [
        "location=home",
        "present=Ada, carer, me",
        "child_seen=yes",
        "seen_alone=yes",
        "bedroom_seen=yes",
        "analysis=Settled",
        "next_visit=2026-12-20",
    ]
    assert run(capsys, "visit", "edit", visit_id, *[a for s in settings for a in ("--set", s)])[0] == 0
    assert run(capsys, "visit", "finalise", visit_id)[0] == 0
    assert run(capsys, "visit", "edit", visit_id, "--set", "analysis=changed")[0] == 1
    assert run(capsys, "visit", "addendum", visit_id, "--why", "name", "--text", "Carer is Jo")[0] == 0

    _, shown, _ = run(capsys, "visit", "show", visit_id, "--json")
    record = json.loads(shown)
    assert record["visit"]["status"] == "final"
    assert record["voice"][0]["words"] == "I want a dog"
    assert record["addenda"][0]["why"] == "name"
    code, out, _ = run(capsys, "visit", "export", visit_id, "--format", "json", "--out", str(cli_env["TMP_OUT"]))
    assert code == 0 and "not encrypted" in out
    assert json.loads(Path(cli_env["TMP_OUT"]).read_text("utf-8"))["voice"][0]["words"] == "I want a dog"
    assert run(capsys, "search", "dog")[1] == visit_id
    assert run(capsys, "search", "cat")[1] == ""
    code, out, _ = run(capsys, "audit", "verify")
    assert code == 0 and "intact" in out


def test_audit_verify_names_the_first_broken_link(cli_env, data_dir, capsys):
    run(capsys, "init")
    run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN")
    run(capsys, "child", "add", "--name", "Ben Example", "--dob", "2013-03-04", "--status", "CIN")
    conn = sqlite3.connect(data_dir / "wvisit.db")
    conn.execute("UPDATE audit SET action = 'exported' WHERE seq = 2")
    conn.commit()
    conn.close()
    code, _, err = run(capsys, "audit", "verify")
    assert code == 1 and "entry 2" in err


def test_passcode_change_and_recovery_from_the_command_line(cli_env, tmp_path, capsys, monkeypatch, memory_keyring):
    assert run(capsys, "recovery-keygen", "--out", str(tmp_path / "keys"))[0] == 0
    monkeypatch.setenv("WVISIT_RECOVERY_PUBLIC_KEY", str(tmp_path / "keys" / "wvisit-recovery-public.pem"))
    run(capsys, "init")
    _, child_id, _ = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CP")

    monkeypatch.setenv("WVISIT_NEW_PASSCODE", "second-passcode")
    assert run(capsys, "passcode", "change")[0] == 0
    monkeypatch.setenv("WVISIT_PASSCODE", "second-passcode")
    assert child_id in run(capsys, "child", "list")[1]

    memory_keyring.secrets.clear()
    assert "device secret" in run(capsys, "child", "list")[2]
    monkeypatch.setenv("WVISIT_NEW_PASSCODE", "third-passcode")
    key = str(tmp_path / "keys" / "wvisit-recovery-private.pem")
    assert run(capsys, "recover", "--recovery-key", key)[0] == 0
    monkeypatch.setenv("WVISIT_PASSCODE", "third-passcode")
    assert child_id in run(capsys, "child", "list")[1]


def test_passcode_from_standard_input(cli_env, monkeypatch, capsys):
    run(capsys, "init")
    monkeypatch.delenv("WVISIT_PASSCODE")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(PASSCODE + "\n"))
    assert run(capsys, "child", "list")[0] == 0


def test_bad_values_are_plain_sentences(cli_env, capsys, tmp_path, monkeypatch):
    run(capsys, "init")
    code, _, err = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "04/03/2016", "--status", "CIN")
    assert code == 1 and err == "wvisit: --dob must be a date written YYYY-MM-DD."
    code, _, err = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2099-01-01", "--status", "CIN")
    assert code == 1 and "future" in err
    code, _, err = run(capsys, "visit", "show", "no-such-visit")
    assert code == 1 and "No visit with id no-such-visit" in err

    (tmp_path / "machine-config.toml").write_text("idle_lock_minutes = 0\n")
    code, _, err = run(capsys, "child", "list")
    assert code == 1 and "machine-config.toml" in err and "idle_lock_minutes" in err and "1 to 120" in err


def test_self_test_passes_on_this_machine(capsys):
    code, out, _ = run(capsys, "--self-test")
    assert code == 0, out
    assert out.splitlines()[-1] == "self-test passed"
    assert "note  spell check (British English) available" in out  # scripts/setup installs the dictionary


def test_a_draft_started_in_error_is_discarded_from_the_command_line(cli_env, capsys):
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    _, child_id, _ = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CIN")
    _, visit_id, _ = run(capsys, "visit", "new", "--child", child_id, "--note", "Wrong child")
    code, _, err = run(capsys, "visit", "discard", visit_id, "--why", " ")
    assert code == 1 and "Say why" in err
    code, out, _ = run(capsys, "visit", "discard", visit_id, "--why", "Started on the wrong child")
    assert code == 0 and "Discarded" in out
    _, shown, _ = run(capsys, "visit", "show", visit_id, "--json")
    visit = json.loads(shown)["visit"]
    assert visit["status"] == "discarded" and visit["discarded_why"] == "Started on the wrong child"
    code, _, err = run(capsys, "visit", "edit", visit_id, "--set", "what_i_saw=More")
    assert code == 1 and "discarded" in err


def test_the_command_line_reads_and_refuses_a_next_visit_as_the_editor_does(cli_env, capsys):
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    _, child_id, _ = run(capsys, "child", "add", "--name", "Ada Example", "--dob", "2016-03-04", "--status", "CP")
    _, visit_id, _ = run(capsys, "visit", "new", "--child", child_id, "--note", "Calm", "--voice", "I want a dog")
    fields = ["location=home", "present=Ada, mum, me", "child_seen=yes", "seen_alone=yes", "analysis=Settled"]
    assert run(capsys, "visit", "edit", visit_id, *[a for s in fields for a in ("--set", s)])[0] == 0

    code, _, err = run(capsys, "visit", "edit", visit_id, "--set", "next_visit=2202-01-09")  # a slip of the year
    assert code == 1 and err == "wvisit: 'next_visit': That year is too far from today: check the year."
    assert run(capsys, "visit", "edit", visit_id, "--set", "next_visit=yesterday")[0] == 0
    code, _, err = run(capsys, "visit", "finalise", visit_id)
    assert code == 1 and "a next visit date that is not in the past" in err
    assert run(capsys, "visit", "edit", visit_id, "--set", "next_visit=+40")[0] == 0  # past 10 working days
    code, _, err = run(capsys, "visit", "finalise", visit_id)
    assert code == 1 and "why the next visit is later than the policy allows" in err

    reason = "next_visit_reason=Family away for a month; agreed with my manager"
    assert run(capsys, "visit", "edit", visit_id, "--set", reason)[0] == 0
    assert run(capsys, "visit", "finalise", visit_id)[0] == 0
    _, shown, _ = run(capsys, "visit", "show", visit_id, "--json")
    assert json.loads(shown)["visit"]["next_visit_reason"].startswith("Family away")

    _, other, _ = run(capsys, "visit", "new", "--child", child_id, "--note", "Calm", "--voice", "Hi")
    day = date.today() + timedelta(days=1)
    assert run(capsys, "visit", "edit", other, "--set", f"next_visit={day:%d/%m/%Y}")[0] == 0  # day first
    _, shown, _ = run(capsys, "visit", "show", other, "--json")
    assert json.loads(shown)["visit"]["next_visit"] == day.isoformat()


def test_personal_values_given_as_dash_are_read_from_standard_input_not_the_command_line(cli_env, capsys, monkeypatch):
    """The process list shows every command line to every account on the laptop: a script writes the
    child's name, a summary or the child's words on standard input, one line per `-`, then the passcode."""
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    monkeypatch.delenv("WVISIT_PASSCODE")

    def run_with_input(lines: list[str], *argv):
        monkeypatch.setattr("sys.stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
        return run(capsys, *argv)

    code, child_id, _ = run_with_input(
        ["Ada Example", "2016-03-04", PASSCODE], "child", "add", "--dob", "-", "--name", "-", "--status", "CIN"
    )
    assert code == 1  # the lines are taken in the order the dashes are written: this date is not a date
    code, child_id, _ = run_with_input(
        ["Ada Example", "2016-03-04", PASSCODE], "child", "add", "--name", "-", "--dob", "-", "--status", "CIN"
    )
    assert code == 0
    words = ["I miss my dog", "Calm, played with Lego", PASSCODE]
    code, visit_id, _ = run_with_input(words, "visit", "new", "--child", child_id, "--voice", "-", "--note", "-")
    assert code == 0
    code, _, _ = run_with_input(["Settled at school", PASSCODE], "visit", "edit", visit_id, "--set", "analysis=-")
    assert code == 0
    code, _, _ = run_with_input(
        ["Mrs Example, the school nurse", "Ada is eating well", PASSCODE],
        *("child", "contact", child_id, "--kind", "phone call", "--with", "-", "--summary", "-"),
    )
    assert code == 0

    code, found, _ = run_with_input(["dog", PASSCODE], "search", "-")
    assert code == 0 and found == visit_id
    code, shown, _ = run_with_input([PASSCODE], "visit", "show", visit_id, "--json")
    record = json.loads(shown)
    assert record["voice"][0]["words"] == "I miss my dog"
    assert (record["visit"]["what_i_saw"], record["visit"]["analysis"]) == (
        "Calm, played with Lego",
        "Settled at school",
    )
    code, listed, _ = run_with_input([PASSCODE], "child", "list", "--json")
    assert [(c["name"], c["date_of_birth"]) for c in json.loads(listed)] == [("Ada Example", "2016-03-04")]


def test_a_dash_with_no_line_left_is_a_usage_error_and_nothing_is_stored(cli_env, capsys, monkeypatch):
    assert run(capsys, "init", "--owner", "sw.test")[0] == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("Ada Example\n"))
    with pytest.raises(SystemExit) as usage:
        main(["child", "add", "--name", "-", "--dob", "-", "--status", "CIN"])
    err = capsys.readouterr().err
    assert usage.value.code == 2 and "--dob" in err and "standard input" in err and "Ada" not in err
    assert json.loads(run(capsys, "child", "list", "--json")[1]) == []


def test_the_help_says_which_values_can_come_from_standard_input(capsys):
    for command in (["child", "add"], ["child", "contact"], ["visit", "new"], ["visit", "addendum"], ["search"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "reads it from standard input" in capsys.readouterr().out.replace("\n", " ").replace("  ", " ")
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "process list" in capsys.readouterr().out
