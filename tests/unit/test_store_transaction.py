"""A store transaction on a real SQLite file: all or nothing, and the store is told it began and that it
committed, never that a rolled-back one did."""

import sqlite3

import pytest

from wvisit.store.database import Transaction


@pytest.fixture
def conn(tmp_path):
    conn = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
    conn.execute("CREATE TABLE notes (text TEXT)")
    yield conn
    conn.close()


def notes(conn) -> list[str]:
    return [text for (text,) in conn.execute("SELECT text FROM notes")]


def test_a_block_that_fails_leaves_nothing_and_is_never_called_committed(conn):
    told = []
    with pytest.raises(ValueError), Transaction(conn, lambda: told.append("begun"), lambda: told.append("committed")):
        conn.execute("INSERT INTO notes VALUES ('half a save')")
        raise ValueError("the save failed halfway")
    assert notes(conn) == [] and not conn.in_transaction
    assert told == ["begun"]
    with Transaction(conn, lambda: told.append("begun"), lambda: told.append("committed")):
        conn.execute("INSERT INTO notes VALUES ('a whole save')")
    assert notes(conn) == ["a whole save"]
    assert told == ["begun", "begun", "committed"]


def test_a_failure_as_it_begins_rolls_it_back(conn):
    def begun():
        conn.execute("INSERT INTO notes VALUES ('written as it began')")
        raise RuntimeError("the store could not begin")

    with pytest.raises(RuntimeError), Transaction(conn, begun):
        conn.execute("INSERT INTO notes VALUES ('never reached')")
    assert notes(conn) == [] and not conn.in_transaction
