"""The `wvisit-central` command line takes --db where the README shows it: after the subcommand too."""

from __future__ import annotations

import json

import pytest

from wvisit.central.cli import main


def test_db_after_the_subcommand_is_the_database_used(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'after.db'}"
    assert main(["demo", "--db", url, "--password", "demo-password-1234"]) == 0
    capsys.readouterr()
    assert (tmp_path / "after.db").exists()
    assert main(["records", "--db", url, "--json"]) == 0
    assert json.loads(capsys.readouterr().out), "the demo caseload is in the database named after the subcommand"


def test_db_before_the_subcommand_still_works(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'before.db'}"
    assert main(["--db", url, "demo", "--password", "demo-password-1234"]) == 0
    assert (tmp_path / "before.db").exists()


def test_the_environment_is_the_fallback_and_an_explicit_db_wins(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("WVISIT_CENTRAL_DB", f"sqlite:///{tmp_path / 'env.db'}")
    assert main(["demo", "--password", "demo-password-1234"]) == 0
    assert (tmp_path / "env.db").exists()
    assert main(["records", "--db", f"sqlite:///{tmp_path / 'explicit.db'}", "--json"]) == 0
    assert (tmp_path / "explicit.db").exists()


@pytest.mark.parametrize("command", [["records", "--json"], ["devices"]])
def test_every_subcommand_takes_db(tmp_path, capsys, command):
    url = f"sqlite:///{tmp_path / 'each.db'}"
    assert main([*command, "--db", url]) == 0
    assert (tmp_path / "each.db").exists()
